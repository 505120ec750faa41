package settings

import (
	"strconv"
	"strings"

	"confdesk/internal/model"
)

// ReminderForm is the settings form's "Reminder" fieldset as typed: the
// reminder rule (registration.Service.SendReminders), "Days days before the first
// day, to confirmed participants", and whether it is on.
type ReminderForm struct {
	Enabled bool
	Days    string
	// Absent: the posted form had no such fieldset (a form from before it
	// existed); the stored rule is kept.
	Absent bool
}

// ReminderFormOf fills the fieldset from the stored rule.
func ReminderFormOf(r model.ReminderRule) ReminderForm {
	return ReminderForm{Enabled: r.Enabled, Days: strconv.Itoa(r.Days)}
}

// Validate checks the days: a whole number from 1 to
// model.MaxReminderDays, also while the rule is off, so that
// turning it on again needs no second look.
func (f ReminderForm) Validate() (model.ReminderRule, model.FieldErrors) {
	var errs model.FieldErrors
	n, err := strconv.Atoi(strings.TrimSpace(f.Days))
	if err != nil || n < 1 || n > model.MaxReminderDays {
		errs.Add("reminder_days", "Enter how many days before the first day the reminder goes, as a whole number from 1 to "+
			strconv.Itoa(model.MaxReminderDays)+".")
	}
	return model.ReminderRule{Enabled: f.Enabled, Days: n}, errs
}
