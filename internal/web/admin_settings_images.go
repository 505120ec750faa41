package web

import (
	"errors"
	"io"
	"slices"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/internal/settings"
	"confdesk/internal/store"
	"confdesk/views/admin"
)

// conferenceImage is the conference's picture of kind, or nil when none
// was uploaded.
func (s *Server) conferenceImage(c *fiber.Ctx, kind string) (*model.Image, error) {
	img, err := s.store.ConferenceImage(c.UserContext(), conference(c).ID, kind)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &img, nil
}

// documentImage is the conference's picture of kind for a document, or nil.
func (s *Server) documentImage(c *fiber.Ctx, kind string) (*pdf.Image, error) {
	img, err := s.conferenceImage(c, kind)
	if img == nil || err != nil {
		return nil, err
	}
	return pdf.NewImage(img.PNG, img.Width, img.Height), nil
}

// imageKind is the :kind of the address when it names a picture; a 404 otherwise.
func imageKind(c *fiber.Ctx) (string, error) {
	kind := c.Params("kind")
	if !slices.Contains(settings.ImageKinds, kind) {
		return "", fiber.ErrNotFound
	}
	return kind, nil
}

// renderImages draws the pictures page with status and v's refusal, if any.
func (s *Server) renderImages(c *fiber.Ctx, status int, v admin.ImagesView) error {
	var err error
	if v.Signature, err = s.conferenceImage(c, model.ImageSignature); err != nil {
		return err
	}
	if v.Logo, err = s.conferenceImage(c, model.ImageLogo); err != nil {
		return err
	}
	title := "Signature and badge logo"
	if v.Error != "" {
		title = "Not saved: " + title
	}
	p, err := s.adminPage(c, title, "settings")
	if err != nil {
		return err
	}
	return render(c, status, admin.ImagesPage(p, v))
}

// showImages is the pictures page.
func (s *Server) showImages(c *fiber.Ctx) error {
	return s.renderImages(c, fiber.StatusOK, admin.ImagesView{})
}

// showImage sends an uploaded picture, for the pictures page's preview.
func (s *Server) showImage(c *fiber.Ctx) error {
	kind, err := imageKind(c)
	if err != nil {
		return err
	}
	img, err := s.store.ConferenceImage(c.UserContext(), conference(c).ID, kind)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderContentType, "image/png")
	return c.Send(img.PNG)
}

// uploadImage stores an uploaded signature or logo.
func (s *Server) uploadImage(c *fiber.Ctx) error {
	kind, err := imageKind(c)
	if err != nil {
		return err
	}
	refuse := func(msg string) error {
		return s.renderImages(c, fiber.StatusUnprocessableEntity, admin.ImagesView{Kind: kind, Error: msg})
	}
	fh, err := c.FormFile("file")
	if err != nil || fh.Filename == "" {
		return refuse("Choose a PNG or JPEG file to upload.")
	}
	if fh.Size > settings.MaxImageBytes {
		return refuse("The file is larger than 2 MB: save the picture smaller and upload it again.")
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, settings.MaxImageBytes+1))
	if err != nil {
		return err
	}
	img, err := settings.DecodeImage(kind, data)
	var refusal *settings.ImageError
	if errors.As(err, &refusal) {
		return refuse(refusal.Message)
	}
	if err != nil {
		return err
	}
	if err := settings.SaveImage(c.UserContext(), s.store, conference(c), img, currentUser(c), s.now()); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/admin/settings/images", imageName(kind)+" saved: documents print it from now on.")
}

// removeImage deletes the signature or logo; documents print without it.
func (s *Server) removeImage(c *fiber.Ctx) error {
	kind, err := imageKind(c)
	if err != nil {
		return err
	}
	err = settings.RemoveImage(c.UserContext(), s.store, conference(c), kind, currentUser(c), s.now())
	if errors.Is(err, store.ErrNotFound) {
		return s.redirectWithFlash(c, "/admin/settings/images", imageName(kind)+" was already removed.")
	}
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/admin/settings/images", imageName(kind)+" removed: documents print without it.")
}

func imageName(kind string) string {
	if kind == model.ImageLogo {
		return "The badge logo"
	}
	return "The signature"
}
