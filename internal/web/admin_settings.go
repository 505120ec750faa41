package web

import (
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/retention"
	"confdesk/internal/settings"
	"confdesk/internal/store"
	"confdesk/views/admin"
)

// errInvalid rolls back a transaction whose form turned out invalid; the
// handler then shows the form again with its messages.
var errInvalid = errors.New("web: invalid form")

func (s *Server) renderSettings(c *fiber.Ctx, status int, f settings.Form, errs model.FieldErrors) error {
	p, err := s.adminPage(c, "Settings", "settings")
	if err != nil {
		return err
	}
	taken, err := s.store.ActiveCount(c.UserContext(), p.Conference.ID)
	if err != nil {
		return err
	}
	if f.RegistrationMode == "" {
		// A form that did not carry the mode leaves the stored one.
		f.RegistrationMode = p.Conference.RegistrationMode
	}
	sf := admin.SettingsForm{Form: f, Taken: taken}
	ret, err := s.store.Retention(c.UserContext(), p.Conference.ID)
	if err != nil {
		return err
	}
	// The dates follow the saved settings, not what was typed and refused.
	sf.PassportDate, sf.PersonalDate = retention.Dates(p.Conference, ret)
	sf.Errors = errs
	return render(c, status, admin.SettingsPage(p, sf))
}

// showSettings is the settings form, filled with what is stored.
func (s *Server) showSettings(c *fiber.Ctx) error {
	conf := conference(c)
	figs, err := s.store.Figures(c.UserContext(), conf.ID)
	if err != nil {
		return err
	}
	ret, err := s.store.Retention(c.UserContext(), conf.ID)
	if err != nil {
		return err
	}
	f := settings.FormOf(conf, figs)
	f.Retention = settings.RetentionFormOf(ret)
	rule, err := s.store.ReminderRule(c.UserContext(), conf.ID)
	if err != nil {
		return err
	}
	f.Reminder = settings.ReminderFormOf(rule)
	travel, err := s.store.TravelSettings(c.UserContext(), conf.ID)
	if err != nil {
		return err
	}
	f.Travel = settings.TravelFormOf(travel)
	confT, err := s.store.Translations(c.UserContext(), i18n.KindConference, conf.ID)
	if err != nil {
		return err
	}
	figT, err := s.store.Translations(c.UserContext(), i18n.KindFigure, conf.ID)
	if err != nil {
		return err
	}
	f.Translations = settings.FormTranslations(confT, figT)
	if f.Require2FA, err = s.store.Require2FA(c.UserContext()); err != nil {
		return err
	}
	return s.renderSettings(c, fiber.StatusOK, f, nil)
}

// settingsValues reads the posted settings form.
func settingsValues(c *fiber.Ctx) settings.Form {
	v := func(name string) string { return c.FormValue(name) }
	f := settings.Form{
		Name: v("name"), ShortName: v("short_name"), Tagline: v("tagline"), Description: v("description"), Aim: v("aim"),
		Organiser: v("organiser"), Supporter: v("supporter"), Programme: v("programme"), Venue: v("venue"),
		VenueAddress: v("venue_address"), City: v("city"), TimeZone: v("timezone"), StartDate: v("start_date"),
		EndDate: v("end_date"), Capacity: v("capacity"), Moderation: c.FormValue("moderation") != "",
		ConfirmEmail:      c.FormValue("confirm_email") != "",
		RegistrationMode:  v("registration_mode"),
		Require2FA:        c.FormValue("require_2fa") != "",
		RegistrationOpens: v("registration_opens"), RegistrationCloses: v("registration_closes"),
		LetterSignatoryName: v("letter_signatory_name"), LetterSignatoryTitle: v("letter_signatory_title"),
		LetterCosts: v("letter_costs"), ContactEmail: v("contact_email"), ContactPhone: v("contact_phone"),
		PostalAddress: v("postal_address"), ZoneChange: settings.ZoneChange(v(settings.ZoneChangeField)),
	}
	f.Retention = settings.RetentionForm{PassportDays: v("passport_retention_days"), PersonalDays: v("personal_retention_days")}
	f.Reminder = settings.ReminderForm{Enabled: c.FormValue("reminder_enabled") != "", Days: v("reminder_days"),
		Absent: !posted(c, "reminder_days")}
	f.Travel = settings.TravelForm{SponsorsTravel: c.FormValue("sponsors_travel") != "", PerDiem: v("per_diem"),
		Currency: v("per_diem_currency"), HotelName: v("hotel_name"), HotelAddress: v("hotel_address"),
		HotelRooms: v("hotel_rooms"), MarginDays: v("travel_margin_days"), Airports: v("travel_airports"), Absent: !posted(c, "per_diem_currency"),
		ItineraryAbsent: !posted(c, "travel_margin_days")}
	for i := range settings.MaxFigures {
		f.FigureValues[i] = v("figure_value_" + strconv.Itoa(i))
		f.FigureLabels[i] = v("figure_label_" + strconv.Itoa(i))
	}
	f.Translations = readTranslations(c, settings.TranslatedFields()...)
	return f
}

// updateSettings saves the settings. The capacity check reads the places
// taken inside the same transaction, and registrations read capacity,
// moderation and the window inside theirs (registration.Service.Register):
// both wait for the one writer, so a registration arriving meanwhile is
// decided on the settings in force when it commits and cannot slip under a
// lowered capacity or past moderation. Places a raised capacity frees go
// to the waiting list in the same transaction (Service.SaveSettings). A new
// time zone first asks how the programme's times follow it
// (settings.ChangeZone), then moves the sessions in the same transaction.
func (s *Server) updateSettings(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u := currentUser(c)
	f := settingsValues(c)
	var errs model.FieldErrors
	var zone settings.ZoneChoice
	now := s.now()
	promoted, err := s.reg.SaveSettings(ctx, func(tx *store.Tx) (model.Conference, error) {
		cur, err := tx.CurrentConference()
		if err != nil {
			return cur, err
		}
		taken, err := tx.ActiveCount(cur.ID)
		if err != nil {
			return cur, err
		}
		conf, figs, verrs := f.Validate(cur, taken)
		ret, rerrs := f.Retention.Validate()
		confT, figT, terrs := f.CheckTranslations()
		oldRule, err := tx.ReminderRule(cur.ID)
		if err != nil {
			return cur, err
		}
		rule := oldRule
		var merrs model.FieldErrors
		if !f.Reminder.Absent {
			rule, merrs = f.Reminder.Validate()
		}
		oldTravel, err := tx.TravelSettings(cur.ID)
		if err != nil {
			return cur, err
		}
		travel := oldTravel
		var trerrs model.FieldErrors
		if !f.Travel.Absent {
			travel, trerrs = f.Travel.Validate()
			if f.Travel.ItineraryAbsent {
				travel.MarginDays, travel.Airports = oldTravel.MarginDays, oldTravel.Airports
			}
		}
		if errs = append(append(append(append(verrs, rerrs...), terrs...), merrs...), trerrs...); len(errs) > 0 {
			return cur, errInvalid
		}
		if err := tx.SetReminderRule(cur.ID, rule); err != nil {
			return cur, err
		}
		if err := tx.SetTravelSettings(cur.ID, travel); err != nil {
			return cur, err
		}
		oldRet, err := tx.Retention(cur.ID)
		if err != nil {
			return cur, err
		}
		if err := tx.SetRetention(cur.ID, ret); err != nil {
			return cur, err
		}
		if zone, err = settings.ChangeZone(tx, cur, conf, f.ZoneChange, u, now); err != nil {
			return cur, err
		}
		if err := tx.UpdateConference(conf, now); err != nil {
			return cur, err
		}
		if err := tx.ReplaceFigures(conf.ID, figs); err != nil {
			return cur, err
		}
		oldConfT, err := tx.Translations(i18n.KindConference, conf.ID)
		if err != nil {
			return cur, err
		}
		oldFigT, err := tx.Translations(i18n.KindFigure, conf.ID)
		if err != nil {
			return cur, err
		}
		if err := tx.SetTranslations(conf.ID, i18n.KindConference, conf.ID, confT); err != nil {
			return cur, err
		}
		if err := tx.SetTranslations(conf.ID, i18n.KindFigure, conf.ID, figT); err != nil {
			return cur, err
		}
		was2FA, err := save2FASetting(tx, cur.ID, f.Require2FA)
		if err != nil {
			return cur, err
		}
		before, after := settingsFields(cur, oldRet, was2FA), settingsFields(conf, ret, f.Require2FA)
		before["reminder"], after["reminder"] = reminderField(oldRule), reminderField(rule)
		maps.Copy(before, settings.TravelAudit(oldTravel))
		maps.Copy(after, settings.TravelAudit(travel))
		maps.Copy(before, settings.TranslationAudit(oldConfT, oldFigT))
		maps.Copy(after, settings.TranslationAudit(confT, figT))
		after["zone_change"] = string(zone.Chosen)
		return conf, tx.AuditDiff(model.AuditEntry{ConferenceID: conf.ID, UserID: u.ID, Actor: u.Email, Action: "update",
			Entity: "conference", EntityID: conf.ID, CreatedAt: now}, before, after)
	})
	if errors.Is(err, errInvalid) {
		return s.renderSettings(c, fiber.StatusUnprocessableEntity, f, errs)
	}
	if errors.Is(err, settings.ErrZoneChoice) {
		return s.renderZoneChoice(c, zone)
	}
	if err != nil {
		return err
	}
	// The conference's name, dates and zone appear on every public page and export.
	s.agendaChanged()
	s.pressChanged()
	return s.redirectWithFlash(c, "/admin/settings", "Settings saved."+zoneChanged(zone)+promotedMessage(promoted))
}

// promotedMessage names who took the places a settings change freed.
func promotedMessage(promoted []model.Registration) string {
	if len(promoted) == 0 {
		return ""
	}
	names := make([]string, len(promoted))
	for i, r := range promoted {
		names[i] = r.FullName() + " (" + r.Reference + ")"
	}
	return fmt.Sprintf(" %d from the waiting list, in its order, now have a place and are told by e-mail: %s.",
		len(promoted), strings.Join(names, ", "))
}

// settingsFields is what the audit log records of the settings.
func settingsFields(c model.Conference, r model.Retention, require2FA bool) map[string]string {
	return map[string]string{
		"name": c.Name, "short_name": c.ShortName, "venue": c.Venue, "city": c.City, "timezone": c.TimeZone,
		"start_date": c.StartDate, "end_date": c.EndDate, "capacity": strconv.Itoa(c.Capacity),
		"moderation": strconv.FormatBool(c.Moderation), "confirm_email": strconv.FormatBool(c.ConfirmEmail),
		"registration_opens": c.RegistrationOpens.String(), "registration_closes": c.RegistrationCloses.String(),
		"passport_retention_days": strconv.Itoa(r.PassportDays), "personal_retention_days": strconv.Itoa(r.PersonalDays),
		"require_2fa": strconv.FormatBool(require2FA), "registration_mode": c.RegistrationMode,
	}
}

// reminderField is the reminder rule as the audit log records it.
func reminderField(r model.ReminderRule) string {
	if !r.Enabled {
		return "off (" + strconv.Itoa(r.Days) + " days before)"
	}
	return strconv.Itoa(r.Days) + " days before"
}

// posted reports whether the submitted form has a field name at all (an
// unticked checkbox has none; a blank text field has one).
func posted(c *fiber.Ctx, name string) bool {
	if c.Request().PostArgs().Has(name) {
		return true
	}
	if mf, err := c.MultipartForm(); err == nil {
		_, ok := mf.Value[name]
		return ok
	}
	return false
}

// save2FASetting stores the require_2fa setting, kept apart from the
// conference's other columns, and returns what it was.
func save2FASetting(tx *store.Tx, confID int64, on bool) (was bool, err error) {
	if was, err = tx.Require2FA(confID); err != nil || was == on {
		return was, err
	}
	return was, tx.SetRequire2FA(confID, on)
}
