package public

import (
	"context"
	"strings"
	"time"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

// StatusHeading says a registration's status in plain words, in ctx's
// language: the heading of its self-service page. quota is the quota whose
// queue a waitlisted registration waits in (nil: the conference is full).
func StatusHeading(ctx context.Context, r model.Registration, quota *model.Quota) string {
	press := r.Category == model.CategoryPress
	switch r.Status {
	case model.StatusConfirmed:
		if press {
			return i18n.T(ctx, "self.status.confirmed_press")
		}
		return i18n.T(ctx, "self.status.confirmed")
	case model.StatusPending:
		if press {
			return i18n.T(ctx, "self.status.pending_press")
		}
		return i18n.T(ctx, "self.status.pending")
	case model.StatusWaitlisted:
		if quota != nil {
			return i18n.T(ctx, "self.status_quota."+quota.Dimension, "Group", quota.Group(i18n.From(ctx)))
		}
		return i18n.T(ctx, "self.status.waitlisted")
	case model.StatusCancelled:
		return i18n.T(ctx, "self.status.cancelled")
	case model.StatusRejected:
		return i18n.T(ctx, "self.status.rejected")
	}
	return r.Status
}

// longDate is a YYYY-MM-DD calendar date in ctx's language: "16 avril 2027".
func longDate(ctx context.Context, date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return i18n.From(ctx).Date(t)
}

// yesNo is a yes-or-no answer in ctx's language.
func yesNo(ctx context.Context, b bool) string {
	if b {
		return i18n.T(ctx, "self.yes")
	}
	return i18n.T(ctx, "self.no")
}

// choiceLabel names an answer chosen from a list (a type of organisation,
// of media) in ctx's language: the message prefix + value ("other" is
// "any_other": the catalogue reserves "other" for plurals); "" for none.
func choiceLabel(ctx context.Context, prefix, value string) string {
	switch value {
	case "":
		return ""
	case "other":
		value = "any_other"
	}
	return i18n.T(ctx, prefix+value)
}

// mark stands for a value a message's words surround and the page
// emphasises: a character no catalogue text holds.
const mark = "\uE000"

// around is the message id with its placeholder name cut out: the words
// before and after it, for a page that shows the value itself in bold.
func around(ctx context.Context, id, name string, kv ...any) (before, after string) {
	text := i18n.T(ctx, id, append(kv, name, mark)...)
	before, after, _ = strings.Cut(text, mark)
	return before, after
}
