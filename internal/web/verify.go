package web

import (
	"errors"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/country"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/views/public"
)

// verifyPath is the letter verification page; /verify/CODE checks a code.
const verifyPath = "/verify"

// verifyURL is the address a letter's QR code opens: base/verify/CODE,
// the code in groups as printed.
func verifyURL(base, code string) string {
	return strings.TrimRight(base, "/") + verifyPath + "/" + registration.GroupLetterCode(code)
}

// verifyPage marks the verification pages: never indexed (a page names a
// person), never cached (the letter may be withdrawn any time), no Referer
// (the address holds the code).
func verifyPage(c *fiber.Ctx) {
	privatePage(c)
}

func (s *Server) renderVerify(c *fiber.Ctx, status int, v public.VerifyView) error {
	verifyPage(c)
	p := page(c, language(c).T("verify.title"), "")
	p.NoIndex = true
	return render(c, status, public.VerifyPage(p, v))
}

// showVerifyForm is /verify: the form to type a code. With ?code= (the
// form sent) it goes to /verify/CODE, the code written as printed, or
// says why what was typed cannot be a code.
func (s *Server) showVerifyForm(c *fiber.Ctx) error {
	typed := strings.TrimSpace(c.Query("code"))
	if typed == "" {
		return s.renderVerify(c, fiber.StatusOK, public.VerifyView{})
	}
	code, ok := registration.NormaliseLetterCode(typed)
	if !ok {
		return s.renderVerify(c, fiber.StatusUnprocessableEntity, public.VerifyView{Code: typed,
			Error: language(c).T("verify.bad_code")})
	}
	verifyPage(c)
	return c.Redirect(verifyPath+"/"+registration.GroupLetterCode(code), fiber.StatusSeeOther)
}

// showVerifiedLetter is /verify/CODE: the letter the code names, valid or
// withdrawn, or 404 for a code no letter has. Either way the code is
// hashed and looked up once (registration.Service.VerifyLetter).
func (s *Server) showVerifiedLetter(c *fiber.Ctx) error {
	conf := conference(c)
	typed := c.Params("code")
	l, err := s.reg.VerifyLetter(c.UserContext(), conf, typed)
	if errors.Is(err, store.ErrNotFound) {
		return s.renderVerify(c, fiber.StatusNotFound, public.VerifyView{Code: typed, Looked: true})
	}
	if err != nil {
		return err
	}
	lang := language(c)
	loc := conf.Location()
	v := public.VerifyView{Looked: true, Found: true, Letter: l, Nationality: country.Name(l.Nationality),
		Issued: lang.Date(l.ApprovedAt.In(loc))} // the date the letter bears: its approval's
	if code, ok := registration.NormaliseLetterCode(typed); ok {
		v.Code = registration.GroupLetterCode(code)
	}
	if !l.WithdrawnAt.IsZero() {
		v.Withdrawn = lang.Date(l.WithdrawnAt.In(loc))
	}
	from, err1 := time.Parse(time.DateOnly, l.InvitedFrom)
	until, err2 := time.Parse(time.DateOnly, l.InvitedUntil)
	if err1 == nil && err2 == nil {
		v.Invitation = lang.DateRange(from, until)
	}
	if v.Nationality == "" {
		v.Nationality = l.Nationality
	}
	return s.renderVerify(c, fiber.StatusOK, v)
}

// verifyLimitReached answers a lookup over the per-address limits: the
// form, status 429.
func (s *Server) verifyLimitReached(c *fiber.Ctx) error {
	return s.renderVerify(c, fiber.StatusTooManyRequests, public.VerifyView{Notice: language(c).T("verify.too_many")})
}
