package public

import (
	"context"
	"time"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/settings"
	"confdesk/views"
)

// FigureLabel is what key figure f counts, in ctx's language.
func FigureLabel(ctx context.Context, f model.Figure) i18n.Localized {
	return i18n.Tr(ctx, settings.FigureField(f.ConferenceID, f.Position), f.Label)
}

func stateClass(ph registration.Phase) string {
	switch ph {
	case registration.Open:
		return "state-open"
	case registration.Full:
		return "state-full"
	default:
		return "state-closed"
	}
}

// closes is the sentence saying when registration closes: at the end of
// a day for a midnight, else at a time.
func closes(ctx context.Context, c model.Conference, t time.Time) string {
	l, local := i18n.From(ctx), t.In(c.Location())
	if local.Hour() == 0 && local.Minute() == 0 {
		day := local.Add(-time.Minute)
		return i18n.T(ctx, "home.state.closes_day", "Date", l.WeekdayDate(day), "Zone", day.Format("MST"))
	}
	return i18n.T(ctx, "home.state.closes", "When", views.LocalDateTime(ctx, c, t))
}
