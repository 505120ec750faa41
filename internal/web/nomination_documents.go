package web

import (
	"errors"
	"mime/multipart"
	"os"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/press"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/views/admin"
	"confdesk/views/public"
)

// Nomination letters: a focal point's page for their country's letters
// (/nominate/TOKEN/documents: the list, without links, and the upload
// form) and the organisers' download. Only organisers open a letter: the
// focal point's link shows names, sizes and dates, never the content.

// letterFiles is where nomination letters are kept: a "nominations"
// folder beside the press files, by the database.
func (s *Server) letterFiles() registration.LetterFiles {
	return registration.LetterFilesBeside(s.cfg.DBPath)
}

// letterBodyLimit admits the largest nomination letter with room for the
// form around it, for a request under a focal point's link (uploadLimit).
const letterBodyLimit = registration.MaxLetterSize + 64<<10

// lettersPath is the letters page's own path.
func lettersPath(c *fiber.Ctx) string { return "/nominate/" + c.Params("token") + "/documents" }

// renderLetters shows the letters page with v's choices and problems.
func (s *Server) renderLetters(c *fiber.Ctx, status int, v public.NominationLetters) error {
	ctx := c.UserContext()
	fp := currentFocalPoint(c)
	conf := conference(c)
	letters, err := s.store.NominationDocuments(ctx, conf.ID, fp.Country)
	if err != nil {
		return err
	}
	noms, err := s.store.Nominations(ctx, conf.ID, fp.Country)
	if err != nil {
		return err
	}
	v.Action, v.Back, v.FocalPoint, v.Letters = lettersPath(c), "/nominate/"+c.Params("token"), fp, letters
	v.Names = map[int64]string{}
	v.Standing = nil
	for _, n := range noms {
		v.Names[n.ID] = n.FullName()
		if n.WithdrawnAt.IsZero() {
			v.Standing = append(v.Standing, n)
		}
	}
	l := language(c)
	p := page(c, l.T("letters.title"), "")
	if len(v.Errors) > 0 {
		p.Title = l.T("register.title_errors", "Title", p.Title)
	}
	return render(c, status, public.NominationLettersPage(p, v))
}

// showNominationLetters is the focal point's page of letters.
func (s *Server) showNominationLetters(c *fiber.Ctx) error {
	return s.renderLetters(c, fiber.StatusOK, public.NominationLetters{Uploaded: c.Query("uploaded") != ""})
}

// retryNominationLetter shows the page again when the form's token failed
// (guardForm); the file must be chosen again.
func (s *Server) retryNominationLetter(c *fiber.Ctx, notice string) error {
	return s.renderLetters(c, fiber.StatusUnprocessableEntity, public.NominationLetters{
		Covers: c.FormValue("covers"), Nominee: c.FormValue("nominee"), Notice: notice})
}

// uploadNominationLetter keeps a letter the focal point sent: 303 back to
// the page, or the page again with the problem (nothing kept).
func (s *Server) uploadNominationLetter(c *fiber.Ctx) error {
	v := public.NominationLetters{Covers: c.FormValue("covers"), Nominee: c.FormValue("nominee")}
	var nominationID int64
	if v.Covers == "nominee" {
		id, err := strconv.ParseInt(v.Nominee, 10, 64)
		if err != nil || id <= 0 {
			return s.refuseLetter(c, v, registration.ErrLetterNominee)
		}
		nominationID = id
	}
	fh, err := c.FormFile("letter")
	if err != nil || fh.Size == 0 && fh.Filename == "" {
		return s.refuseLetter(c, v, registration.ErrLetterMissing)
	}
	var src multipart.File
	if src, err = fh.Open(); err != nil {
		return err
	}
	defer src.Close()
	_, err = s.reg.AddNominationLetter(c.UserContext(), s.letterFiles(), currentFocalPoint(c), nominationID, fh.Filename, src)
	var le *registration.LetterError
	if errors.As(err, &le) {
		return s.refuseLetter(c, v, le)
	}
	if err != nil {
		return err
	}
	return c.Redirect(lettersPath(c)+"?uploaded=1", fiber.StatusSeeOther)
}

// refuseLetter shows the letters page again with the letter's problem:
// 413 for a file too large, else 422.
func (s *Server) refuseLetter(c *fiber.Ctx, v public.NominationLetters, le *registration.LetterError) error {
	v.Errors.AddMsg(le.Field, le.Msg)
	status := fiber.StatusUnprocessableEntity
	if le == registration.ErrLetterTooLarge {
		status = fiber.StatusRequestEntityTooLarge
	}
	return s.renderLetters(c, status, v)
}

// downloadNominationLetter lets organisers open a nomination letter: a PDF
// attachment, never cached, never sniffed.
func (s *Server) downloadNominationLetter(c *fiber.Ctx) error {
	d, err := loadByID(c, s.store.NominationDocument)
	if err != nil {
		return err
	}
	if d.ConferenceID != conference(c).ID {
		return fiber.ErrNotFound
	}
	file, err := s.letterFiles().Open(d.StoredName)
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, registration.ErrBadLetterName) {
		s.log.Error("nomination letter missing", "document", d.ID, "stored", d.StoredName, "error", err)
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	info, err := file.Stat()
	if err != nil {
		file.Close()
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, pressAttachment(press.SafeName(d.OriginalName)))
	return c.SendStream(file, int(info.Size()))
}

// nominationLettersView is every country's letters for the delegations
// page, with the names of the nominees they cover.
func (s *Server) nominationLettersView(c *fiber.Ctx, confID int64) (admin.NominationLettersView, error) {
	ctx := c.UserContext()
	letters, err := s.store.NominationDocuments(ctx, confID, "")
	if err != nil || len(letters) == 0 {
		return admin.NominationLettersView{}, err
	}
	noms, err := s.store.Nominations(ctx, confID, "")
	if err != nil {
		return admin.NominationLettersView{}, err
	}
	v := admin.NominationLettersView{Letters: letters, Nominees: map[int64]string{}}
	for _, n := range noms {
		v.Nominees[n.ID] = n.FullName()
	}
	return v, nil
}

// credentials is registration r's "Credentials" line on the desk: shown
// for a participant of a conference that takes nominations, or one a
// letter covers anyway; nil otherwise.
func (s *Server) credentials(c *fiber.Ctx, conf model.Conference, r model.Registration) (*admin.Credentials, error) {
	ctx := c.UserContext()
	if r.Category != model.CategoryParticipant {
		return nil, nil
	}
	received, err := s.store.CredentialsReceived(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	if !received && conf.RegistrationMode == model.ModeOpen {
		return nil, nil
	}
	out := &admin.Credentials{Received: received}
	if !received {
		return out, nil
	}
	var nominationID int64
	switch n, err := s.store.NominationOf(ctx, r.ID); {
	case err == nil:
		nominationID = n.ID
	case !errors.Is(err, store.ErrNotFound):
		return nil, err
	}
	letters, err := s.store.NominationDocuments(ctx, conf.ID, r.Country)
	if err != nil {
		return nil, err
	}
	for _, d := range letters {
		if d.NominationID == 0 || d.NominationID == nominationID {
			out.Letters = append(out.Letters, d)
		}
	}
	return out, nil
}
