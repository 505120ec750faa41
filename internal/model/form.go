package model

import (
	"context"

	"confdesk/internal/i18n"
)

// FieldError is a message about one form field, named as the form names
// it. It lives here, beside the records, because the domain packages that
// validate (registration, agenda, settings) and the views that show the
// messages beside their fields and in the summary all import model and
// nothing else in common: one type, no conversions between layers.
//
// Message is English (the console's language, logs and tests); a message
// for the public (registration, accreditation) also carries Msg, the
// catalogue message that Text puts into the reader's language.
type FieldError struct {
	Field, Message string
	Msg            i18n.M
}

// Text is the message in ctx's language: Msg when it has one, else Message.
func (fe FieldError) Text(ctx context.Context) string {
	if fe.Msg.ID != "" {
		return i18n.From(ctx).Text(fe.Msg)
	}
	return fe.Message
}

// FieldErrors are a form's problems, in the order of the form's fields.
type FieldErrors []FieldError

// Get returns the message for field, or "".
func (e FieldErrors) Get(field string) string {
	for _, fe := range e {
		if fe.Field == field {
			return fe.Message
		}
	}
	return ""
}

// Text returns the message for field in ctx's language, or "".
func (e FieldErrors) Text(ctx context.Context, field string) string {
	for _, fe := range e {
		if fe.Field == field {
			return fe.Text(ctx)
		}
	}
	return ""
}

// Add appends a message about field, in English (the console's forms).
func (e *FieldErrors) Add(field, msg string) { *e = append(*e, FieldError{Field: field, Message: msg}) }

// AddMsg appends a catalogue message about field (the public forms).
func (e *FieldErrors) AddMsg(field string, m i18n.M) {
	*e = append(*e, FieldError{Field: field, Message: m.String(), Msg: m})
}
