package settings

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // JPEG uploads
	"image/png"
	"net/http"
	"strconv"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/store"
)

// Pictures for the documents: the signature on visa letters and the logo
// on badges. An upload is a PNG or JPEG file (sniffed, not trusted by its
// name or declared type) of at most MaxImageBytes and maxImageSide pixels a
// side. It is decoded and stored re-encoded as an 8-bit PNG, so what is
// kept is pixels and nothing else (no metadata, no second file hidden
// behind the picture), in the one form every document can draw. It lives
// in the database, so a backup holds it.

// MaxImageBytes is the largest picture file accepted.
const MaxImageBytes = 2 << 20

// maxImageSide bounds each side, in pixels, before the picture is decoded,
// so a small file cannot unpack into a huge one.
const maxImageSide = 4000

// ImageError is why an uploaded picture was refused, as a sentence for the form.
type ImageError struct{ Message string }

func (e *ImageError) Error() string { return "settings: picture refused: " + e.Message }

// ImageKinds are the pictures a conference may have.
var ImageKinds = []string{model.ImageSignature, model.ImageLogo}

// DecodeImage checks an uploaded picture of kind and returns it as stored.
// A refusal is an *ImageError.
func DecodeImage(kind string, data []byte) (model.Image, error) {
	if len(data) == 0 {
		return model.Image{}, &ImageError{"Choose a PNG or JPEG file to upload."}
	}
	if len(data) > MaxImageBytes {
		return model.Image{}, &ImageError{"The file is larger than 2 MB: save the picture smaller and upload it again."}
	}
	if ct := http.DetectContentType(data); ct != "image/png" && ct != "image/jpeg" {
		return model.Image{}, &ImageError{"Upload a PNG or JPEG picture; this file is not one."}
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return model.Image{}, &ImageError{"The picture could not be read: save it again as PNG or JPEG and upload it."}
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > maxImageSide || cfg.Height > maxImageSide {
		return model.Image{}, &ImageError{"The picture is " + strconv.Itoa(cfg.Width) + " × " + strconv.Itoa(cfg.Height) +
			" pixels: at most " + strconv.Itoa(maxImageSide) + " a side is accepted."}
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return model.Image{}, &ImageError{"The picture could not be read: save it again as PNG or JPEG and upload it."}
	}
	// 8 bits a channel whatever came in (16-bit PNGs, JPEG's YCbCr), which
	// every PDF reader and gofpdf take.
	b := src.Bounds()
	rgba := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), src, b.Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, rgba); err != nil {
		return model.Image{}, fmt.Errorf("settings: encode picture: %w", err)
	}
	return model.Image{Kind: kind, PNG: buf.Bytes(), Width: b.Dx(), Height: b.Dy()}, nil
}

// SaveImage stores img as the conference's picture of its kind, replacing
// any, with an audit line.
func SaveImage(ctx context.Context, st *store.Store, conf model.Conference, img model.Image, actor model.User, now time.Time) error {
	return st.Update(ctx, func(tx *store.Tx) error {
		if err := tx.PutConferenceImage(conf.ID, img, now); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{ConferenceID: conf.ID, UserID: actor.ID, Actor: actor.Email, Action: "upload_" + img.Kind,
			Entity: "conference", EntityID: conf.ID, CreatedAt: now,
			Changes: map[string][2]string{img.Kind: {"", strconv.Itoa(img.Width) + " × " + strconv.Itoa(img.Height) + " pixels"}}})
	})
}

// RemoveImage deletes the conference's picture of kind, with an audit
// line; store.ErrNotFound when there was none.
func RemoveImage(ctx context.Context, st *store.Store, conf model.Conference, kind string, actor model.User, now time.Time) error {
	return st.Update(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteConferenceImage(conf.ID, kind); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{ConferenceID: conf.ID, UserID: actor.ID, Actor: actor.Email, Action: "remove_" + kind,
			Entity: "conference", EntityID: conf.ID, CreatedAt: now, Changes: map[string][2]string{kind: {"uploaded", ""}}})
	})
}
