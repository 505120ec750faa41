package model

// FieldError is a message about one form field, named as the form names
// it. It lives here, beside the records, because the domain packages that
// validate (registration, agenda, settings) and the views that show the
// messages beside their fields and in the summary all import model and
// nothing else in common: one type, no conversions between layers.
type FieldError struct{ Field, Message string }

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

// Add appends a message about field.
func (e *FieldErrors) Add(field, msg string) { *e = append(*e, FieldError{field, msg}) }
