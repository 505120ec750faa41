// Package admin holds the organisers' console pages.
package admin

import (
	"confdesk/internal/auth"
	"confdesk/views"
)

// NavItem is one entry of the console's navigation, shown to the roles that may use it.
type NavItem struct {
	Section, Label, Href string
	Roles                []string
}

// Nav is the console's navigation, in order. Each item's roles match its routes' rules.
var Nav = []NavItem{
	{"dashboard", "Dashboard", "/admin", auth.Organisers},
	{"registrations", "Registrations", "/admin/registrations", auth.Organisers},
	{"delegations", "Delegations", "/admin/delegations", auth.Organisers},
	{"agenda", "Agenda", "/admin/agenda", auth.Organisers},
	{"checkin", "Check-in", "/admin/checkin", auth.Desk},
	{"reports", "Reports", "/admin/reports", auth.Organisers},
	{"logistics", "Logistics", "/admin/logistics", auth.Organisers},
	{"press", "Press room", "/admin/press", auth.PressStaff},
	{"announcements", "Announcements", "/admin/announcements", auth.Organisers},
	{"outbox", "Outbox", "/admin/outbox", auth.Organisers},
	{"settings", "Settings", "/admin/settings", auth.Organisers},
	{"users", "Users", "/admin/users", auth.Admins},
	{"audit", "Audit log", "/admin/audit", auth.Admins},
}

// navFor is the navigation the signed-in user may use.
func navFor(p views.Page) []NavItem {
	if p.User == nil {
		return nil
	}
	var out []NavItem
	for _, n := range Nav {
		if auth.Allowed(p.User.Role, n.Roles) {
			out = append(out, n)
		}
	}
	return out
}

// RoleLabels names the roles for people.
var RoleLabels = map[string]string{
	"admin":         "Administrator (everything, including accounts)",
	"organiser":     "Organiser (registrations, agenda, press, reports, settings)",
	"checkin":       "Check-in desk",
	"press_officer": "Press officer (press room)",
}

// RoleLabel names a role for people.
func RoleLabel(role string) string {
	if l, ok := RoleLabels[role]; ok {
		return l
	}
	return role
}
