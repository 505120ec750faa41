package web

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/country"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/views/public"
)

// A focal point's nomination page (/nominate/TOKEN): their country's
// quota, its nominees and the form to nominate another
// (registration/nomination.go holds the rules). The page shows a nominee's
// names, job title, organisation, address and head-of-delegation mark,
// and of their registration only its status: never passport data or
// anything else the nominee gave.

type focalPointKey struct{}

// nominatePath is the key of the nomination form's submission limits.
const nominatePath = "/nominate"

// withFocalPoint loads the focal point whose nomination link is in the
// path, or answers 404 (an unknown, replaced or removed link). Like the
// self-service pages, the pages under it send no Referer, are never
// cached nor indexed, and speak the focal point's language unless ?lang=
// chose another.
func (s *Server) withFocalPoint(c *fiber.Ctx) error {
	privatePage(c)
	fp, err := s.reg.FocalPointByToken(c.UserContext(), conference(c), c.Params("token"))
	if err != nil {
		return err
	}
	if err := s.speak(c, fp.Language); err != nil {
		return err
	}
	c.Locals(focalPointKey{}, fp)
	return c.Next()
}

// privatePage marks a response whose address holds a secret: no Referer,
// no caching, no indexing.
func privatePage(c *fiber.Ctx) {
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("X-Robots-Tag", "noindex, nofollow")
}

// speak serves the rest of the request in the language of code (a focal
// point's), unless the visitor chose one (?lang=, or the cookie it set):
// the focal point's language wins over what the browser asks for.
func (s *Server) speak(c *fiber.Ctx, code string) error {
	if _, chosen := s.queryLanguage(c); chosen || s.lookupLanguage(c.Cookies(langCookie)) != nil {
		return nil
	}
	l := s.lookupLanguage(code)
	if l == nil || l == language(c) {
		return nil
	}
	ctx := i18n.With(c.UserContext(), l)
	if l != i18n.English {
		content, err := s.contentAt(ctx, s.dataVersion(ctx), conference(c).ID, l.Code)
		if err != nil {
			return err
		}
		ctx = i18n.WithContent(ctx, content)
	}
	c.Set(fiber.HeaderContentLanguage, l.Code)
	c.Locals(languageKey{}, l)
	c.SetUserContext(ctx)
	return nil
}

func currentFocalPoint(c *fiber.Ctx) model.FocalPoint {
	fp, _ := c.Locals(focalPointKey{}).(model.FocalPoint)
	return fp
}

// countryName names code in the request's language.
func countryName(c *fiber.Ctx, code string) string {
	l := language(c)
	name := country.LocalName(l.Tag, code)
	if name == "" {
		name = country.Name(code)
	}
	if l == i18n.Pseudo {
		// Marked as messages are, as the forms' country lists are.
		name = "⟦" + name + "⟧"
	}
	return name
}

// nominateMessages confirm, after a redirect, what was just done.
var nominateMessages = []struct{ query, id string }{
	{"nominated", "nominate.message.nominated"},
	{"withdrawn", "nominate.message.withdrawn"},
}

// renderNominate shows the nomination page with form f and its problems.
func (s *Server) renderNominate(c *fiber.Ctx, status int, f registration.NominationForm, errs model.FieldErrors, notice string) error {
	fp := currentFocalPoint(c)
	conf := conference(c)
	l := language(c)
	list, err := s.reg.NominationsOf(c.UserContext(), conf, fp.Country)
	if err != nil {
		return err
	}
	p := page(c, l.T("nominate.title"), participantForm.section)
	if len(errs) > 0 || notice != "" {
		p.Title = l.T("register.title_errors", "Title", p.Title)
	}
	v := public.NominateView{Token: c.Params("token"), CountryName: countryName(c, fp.Country), Places: list.Places,
		Nominees: list.Nominees, Form: f, Errors: errs, Notice: notice}
	if status == fiber.StatusOK {
		for _, m := range nominateMessages {
			if c.Query(m.query) != "" {
				v.Message = l.T(m.id)
			}
		}
	}
	return render(c, status, public.NominatePage(p, v))
}

// showNominate is the nomination page.
func (s *Server) showNominate(c *fiber.Ctx) error {
	return s.renderNominate(c, fiber.StatusOK, registration.NominationForm{}, nil, "")
}

// nominationValues reads the nomination form.
func nominationValues(c *fiber.Ctx) registration.NominationForm {
	return registration.NominationForm{FirstName: c.FormValue("first_name"), LastName: c.FormValue("last_name"),
		Email: c.FormValue("email"), JobTitle: c.FormValue("job_title"), Organisation: c.FormValue("organisation"),
		HeadOfDelegation: c.FormValue("head_of_delegation") != ""}
}

// nominate nominates a delegate: 303 back to the page on success; the
// form again with what was typed on a problem, or when the quota is used
// up (409).
func (s *Server) nominate(c *fiber.Ctx) error {
	f := nominationValues(c)
	_, errs, err := s.reg.Nominate(c.UserContext(), conference(c), currentFocalPoint(c), f)
	switch {
	case errors.Is(err, registration.ErrQuotaFull):
		return s.renderNominate(c, fiber.StatusConflict, f.Normalised(), nil, language(c).T("nominate.full"))
	case err != nil:
		return err
	case len(errs) > 0:
		return s.renderNominate(c, fiber.StatusUnprocessableEntity, f.Normalised(), errs, "")
	}
	return c.Redirect("/nominate/"+c.Params("token")+"?nominated=1", fiber.StatusSeeOther)
}

// nominateLimitReached answers a nomination over the submission limits:
// the page again, what was typed kept, status 429.
func (s *Server) nominateLimitReached(c *fiber.Ctx) error {
	return s.renderNominate(c, fiber.StatusTooManyRequests, nominationValues(c).Normalised(), nil,
		language(c).T("register.notice.too_many"))
}

// withdrawNominee withdraws one of the country's nominations; another
// country's (or an unknown) id is a 404.
func (s *Server) withdrawNominee(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.ErrNotFound
	}
	if err := s.reg.WithdrawNomination(c.UserContext(), conference(c), currentFocalPoint(c), id); err != nil {
		return err
	}
	return c.Redirect("/nominate/"+c.Params("token")+"?withdrawn=1", fiber.StatusSeeOther)
}
