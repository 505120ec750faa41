package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/settings"
	"confdesk/views/admin"
)

// renderZoneChoice is the confirmation step of a change of time zone: what
// each way does to the programme, and a form that sends the settings again
// as they were typed, with the organiser's choice. Nothing is saved yet;
// the answer is 200 while asking and 422 when the way chosen was refused.
func (s *Server) renderZoneChoice(c *fiber.Ctx, zone settings.ZoneChoice) error {
	p, err := s.adminPage(c, "Change the time zone?", "settings")
	if err != nil {
		return err
	}
	v := admin.ZoneChoiceView{Choice: zone}
	// Every field as posted goes back unchanged, in order.
	for k, val := range c.Request().PostArgs().All() {
		if name := string(k); name != "_csrf" && name != settings.ZoneChangeField {
			v.Hidden = append(v.Hidden, [2]string{name, string(val)})
		}
	}
	status := fiber.StatusOK
	if zone.Refused {
		status = fiber.StatusUnprocessableEntity
	}
	return render(c, status, admin.ZoneChoicePage(p, v))
}

// zoneChanged tells, after saving, what a change of zone did.
func zoneChanged(zone settings.ZoneChoice) string {
	switch zone.Chosen {
	case settings.KeepLocalTimes:
		return " The time zone is now " + zone.To + "; " + strconv.Itoa(len(zone.Local.Moves)) +
			" sessions and the registration window keep their local times."
	case settings.KeepInstants:
		return " The time zone is now " + zone.To + "; the sessions keep their moments in time, and " +
			strconv.Itoa(zone.Instants.Moved()) + " of them show new local times."
	}
	return ""
}
