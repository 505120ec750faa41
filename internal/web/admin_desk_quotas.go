package web

import (
	"fmt"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/country"
	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/views"
	"confdesk/views/admin"
	"confdesk/views/public"
)

// showQuotas shows the quota form with the stored quotas.
func (s *Server) showQuotas(c *fiber.Ctx) error {
	qs, err := s.store.Quotas(c.UserContext(), conference(c).ID)
	if err != nil {
		return err
	}
	return s.renderQuotas(c, fiber.StatusOK, registration.QuotaFormFrom(qs), "", "", nil)
}

// saveQuotas saves the quota form; places a raised quota frees go to the
// waiting list at once.
func (s *Server) saveQuotas(c *fiber.Ctx) error {
	v := postValues(c)
	f := registration.QuotaFormOf(v)
	qs, errs := f.Validate()
	if code, q := v.Get("add_country"), v.Get("add_quota"); code != "" || q != "" {
		switch {
		case !country.Valid(code):
			errs.Add("add_country", "Choose the country the quota is for.")
		case q == "":
			errs.Add("add_quota", "Enter the number of places for "+country.Name(code)+".")
		}
	}
	if len(errs) > 0 {
		return s.renderQuotas(c, fiber.StatusUnprocessableEntity, f, v.Get("add_country"), v.Get("add_quota"), errs)
	}
	promoted, err := s.reg.SaveQuotas(c.UserContext(), conference(c), qs, deskActor(c))
	if err != nil {
		return err
	}
	msg := "Quotas saved."
	if n := len(promoted); n == 1 {
		msg += " 1 person was moved off the waiting list."
	} else if n > 1 {
		msg += fmt.Sprintf(" %d people were moved off the waiting list.", n)
	}
	return s.redirectWithFlash(c, "/admin/delegations", msg)
}

// renderQuotas shows form f: a row per Caribbean country, per country with
// participants or a quota, and per type of organisation.
func (s *Server) renderQuotas(c *fiber.Ctx, status int, f registration.QuotaForm, addCountry, addQuota string, errs model.FieldErrors) error {
	p, err := s.adminPage(c, "Delegation quotas", "delegations")
	if err != nil {
		return err
	}
	conf := conference(c)
	byCountry, err := s.store.ParticipantCounts(c.UserContext(), conf.ID, model.QuotaCountry)
	if err != nil {
		return err
	}
	byType, err := s.store.ParticipantCounts(c.UserContext(), conf.ID, model.QuotaOrgType)
	if err != nil {
		return err
	}
	v := admin.QuotasView{AddCountry: addCountry, AddQuota: addQuota, Errors: errs}
	row := func(dim, value, name string, counts map[string]int) admin.QuotaRow {
		r := admin.QuotaRow{Dimension: dim, Value: value, Name: name, Counts: counts}
		r.Quota = f[r.Field()]
		r.Error = errs.Get(r.Field())
		return r
	}
	for _, cs := range [][]country.Country{country.Caribbean(), country.Others()} {
		for _, ct := range cs {
			field := registration.QuotaField(model.QuotaCountry, ct.Code)
			if _, listed := byCountry[ct.Code]; listed || f[field] != "" || caribbean(ct.Code) {
				v.Countries = append(v.Countries, row(model.QuotaCountry, ct.Code, ct.Name, byCountry[ct.Code]))
			} else {
				v.Others = append(v.Others, views.Option{Value: ct.Code, Label: ct.Name})
			}
		}
	}
	for _, t := range model.OrgTypes {
		v.OrgTypes = append(v.OrgTypes, row(model.QuotaOrgType, t, public.OrgTypeLabels[t], byType[t]))
	}
	return render(c, status, admin.QuotasPage(p, v))
}

// caribbean reports whether code is one of the Caribbean countries the
// form lists first.
func caribbean(code string) bool {
	for _, c := range country.Caribbean() {
		if c.Code == code {
			return true
		}
	}
	return false
}

// postValues is the request's form body, parsed into fresh strings that
// outlive the handler.
func postValues(c *fiber.Ctx) url.Values {
	v := url.Values{}
	for k, val := range c.Request().PostArgs().All() {
		v.Add(string(k), string(val))
	}
	return v
}
