package web

import (
	"bytes"
	"context"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/vcard"
	"confdesk/views"
	pressview "confdesk/views/press"
)

// showPressContacts is the media contacts as vCards, for address books.
func (s *Server) showPressContacts(c *fiber.Ctx) error {
	ctx := c.UserContext()
	conf := conference(c)
	return s.servePress(c, pressKey(conf, s.now(), "contacts.vcf"), func() (*cachedResponse, error) {
		contacts, err := s.store.MediaContacts(ctx, conf.ID)
		if err != nil {
			return nil, err
		}
		body, err := s.contactsVCard(ctx, conf, contacts)
		if err != nil {
			return nil, err
		}
		return &cachedResponse{ContentType: "text/vcard; charset=utf-8", Body: body, Filename: "press-contacts.vcf"}, nil
	})
}

// contactsVCard writes one vCard per media contact, in ctx's language.
// Each card's UID is derived from the site's address and the contact's
// id, so importing the file again updates the cards instead of adding copies.
func (s *Server) contactsVCard(ctx context.Context, conf model.Conference, contacts []model.MediaContact) ([]byte, error) {
	cards := make([]vcard.Card, 0, len(contacts))
	for _, m := range contacts {
		tags, _ := vcard.Languages(m.Languages)
		note := i18n.T(ctx, "press.vcard_note", "Conference", views.ConferenceName(ctx, conf).Text)
		if m.Languages != "" {
			note += " " + i18n.T(ctx, "press.vcard_languages", "Languages", m.Languages)
		}
		cards = append(cards, vcard.Card{
			UID:  "urn:uuid:" + uuid.NewSHA1(uuid.NameSpaceURL, []byte(s.cfg.BaseURL+"/press/contacts/"+strconv.FormatInt(m.ID, 10))).String(),
			Name: m.Name, Organisation: m.Organisation, Title: pressview.ContactRole(ctx, m).Text, WorkPhone: m.Phone, Mobile: m.Mobile,
			Email: m.Email, Languages: tags, Note: note,
		})
	}
	var buf bytes.Buffer
	err := vcard.Write(&buf, cards)
	return buf.Bytes(), err
}
