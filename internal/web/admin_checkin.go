package web

import (
	"errors"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/checkin"
	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/views/admin"
)

// showCheckin is the desk, with the answer to this desk's last scan when
// the address names it (the scan redirects here, so a reload never checks
// in twice). The answer is found by the random id the scan kept it under,
// and only for the web session that scanned (checkin.Answers): the address
// names no registration, so none can be read by changing a number in it.
func (s *Server) showCheckin(c *fiber.Ctx) error {
	ctx := c.UserContext()
	p, err := s.adminPage(c, "Check-in desk", "checkin")
	if err != nil {
		return err
	}
	sessions, err := s.store.Sessions(ctx, p.Conference.ID, false)
	if err != nil {
		return err
	}
	v := admin.CheckinView{Sessions: sessions, SessionID: s.checkinSession(c, sessions)}
	door, perSession, err := s.store.CheckinCounts(ctx, p.Conference.ID)
	if err != nil {
		return err
	}
	v.ArrivedAt = perSession
	v.ArrivedAt[0] = door
	v.Arrived = v.ArrivedAt[v.SessionID]
	if id := c.Query("answer"); id != "" {
		owner, err := s.answerOwner(c)
		if err != nil {
			return err
		}
		if res, code, ok := s.answers.Get(owner, id); ok {
			v.Result, v.Code, v.AnswerID = &res, code, id
		}
	}
	return render(c, fiber.StatusOK, admin.CheckinPage(p, v))
}

// answerOwner names the desk a scan's answer belongs to: the signed-in
// user's web session.
func (s *Server) answerOwner(c *fiber.Ctx) (string, error) {
	sess, err := s.sessions.Get(c)
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(currentUser(c).ID, 10) + ":" + sess.ID(), nil
}

// checkinSession is the session the desk checks in for; 0 is the door.
func (s *Server) checkinSession(c *fiber.Ctx, sessions []model.Session) int64 {
	id, _ := strconv.ParseInt(c.Query("session", c.FormValue("session")), 10, 64)
	for _, m := range sessions {
		if m.ID == id {
			return id
		}
	}
	return 0
}

// scanCheckin checks in the code typed or scanned, or the person picked
// from a name search, for the session chosen in the scan form, then shows
// the answer.
func (s *Server) scanCheckin(c *fiber.Ctx) error {
	ctx := c.UserContext()
	conf := conference(c)
	sessions, err := s.store.Sessions(ctx, conf.ID, false)
	if err != nil {
		return err
	}
	sessionID := s.checkinSession(c, sessions)
	// A person picked from a name search is checked in by their reference;
	// the pick button belongs to the scan form, so the typed name comes too.
	code := c.FormValue("pick")
	if code == "" {
		code = c.FormValue("code")
	}
	res, err := checkin.Scan(ctx, s.store, conf.ID, code, sessionID, currentUser(c), s.now())
	if err != nil {
		return err
	}
	owner, err := s.answerOwner(c)
	if err != nil {
		return err
	}
	q := url.Values{"answer": {s.answers.Put(owner, res, truncate(code, 60))}}
	if sessionID != 0 {
		q.Set("session", strconv.FormatInt(sessionID, 10))
	}
	return c.Redirect("/admin/checkin?"+q.Encode(), fiber.StatusSeeOther)
}

// undoCheckin cancels a check-in made by mistake. The address names the
// scan's answer, not the check-in: a desk undoes only what its own scan
// just did, and cannot undo others' check-ins by walking their numbers.
func (s *Server) undoCheckin(c *fiber.Ctx) error {
	owner, err := s.answerOwner(c)
	if err != nil {
		return err
	}
	res, _, ok := s.answers.Get(owner, c.Params("id"))
	if !ok || res.State != checkin.CheckedIn {
		return fiber.NewError(fiber.StatusNotFound, "There is no check-in to undo here any more. Scan the badge again to see where it stands.")
	}
	conf := conference(c)
	undone, err := checkin.Undo(c.UserContext(), s.store, conf.ID, res.Checkin.ID, currentUser(c), s.now())
	if errors.Is(err, store.ErrNotFound) {
		return fiber.NewError(fiber.StatusNotFound, "This check-in does not exist or was undone already.")
	}
	if err != nil {
		return err
	}
	sessions, err := s.store.Sessions(c.UserContext(), conf.ID, false)
	if err != nil {
		return err
	}
	back := "/admin/checkin"
	if undone.SessionID != 0 {
		back += "?session=" + strconv.FormatInt(undone.SessionID, 10)
	}
	return s.redirectWithFlash(c, back, "Check-in undone: "+res.Registration.FullName()+", "+
		checkin.Occasion(sessions, undone.SessionID)+".")
}

// truncate shortens s to at most n runes.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
