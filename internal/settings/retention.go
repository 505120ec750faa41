package settings

import (
	"strconv"
	"strings"

	"confdesk/internal/model"
	"confdesk/internal/retention"
)

// RetentionForm is the settings form's "Personal data" fieldset as typed:
// days after the conference's last day (package retention).
type RetentionForm struct {
	PassportDays, PersonalDays string
}

// RetentionFormOf fills the fieldset from the stored periods.
func RetentionFormOf(r model.Retention) RetentionForm {
	return RetentionForm{PassportDays: strconv.Itoa(r.PassportDays), PersonalDays: strconv.Itoa(r.PersonalDays)}
}

// Validate checks both periods: whole days from 1 (the day after the
// conference: letters are needed until the journey) to retention.MaxDays
// (ten years, beyond any audit), and personal data kept at least as long
// as passport data, since erasing a person deletes their passport details
// too and a longer passport period would promise what cannot happen.
func (f RetentionForm) Validate() (model.Retention, model.FieldErrors) {
	var r model.Retention
	var errs model.FieldErrors
	days := func(field, label, v string, out *int) {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || n > retention.MaxDays {
			errs.Add(field, "Enter the days "+label+" are kept after the conference's last day, as a whole number from 1 to 3650 (ten years).")
			return
		}
		*out = n
	}
	days("passport_retention_days", "passport details", f.PassportDays, &r.PassportDays)
	days("personal_retention_days", "personal details", f.PersonalDays, &r.PersonalDays)
	if len(errs) == 0 && r.PersonalDays < r.PassportDays {
		errs.Add("personal_retention_days", "Personal details cannot go before passport details: erasing a person deletes their passport details too. Enter at least "+strconv.Itoa(r.PassportDays)+" days, or shorten the passport period.")
	}
	return r, errs
}
