package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// registerIn registers f with the language cookie set to lang and returns
// the new registration's id and self-service link. The registration's
// language is then set to lang in the database too, so that these tests
// hold whether or not the registration form stores the language it was
// made in (helper "forms" makes it do so).
func registerIn(t *testing.T, env *webtest.Env, lang string, f url.Values) (int64, string) {
	t.Helper()
	cl := env.Client()
	cl.SetCookie(&http.Cookie{Name: "lang", Value: lang})
	res := cl.Submit("/register", "/register", f)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /register = %d\n%s", res.StatusCode, res.Body)
	}
	loc, _, _ := strings.Cut(res.Header.Get("Location"), "?")
	var id int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = ?`, f.Get("email")).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET language = ? WHERE id = ?`, lang, id); err != nil {
		t.Fatal(err)
	}
	return id, loc
}

// translateConferenceName stores the organisers' translation of the
// conference's name into lang.
func translateConferenceName(t *testing.T, env *webtest.Env, lang, name string) {
	t.Helper()
	var confID int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM conference`).Scan(&confID); err != nil {
		t.Fatal(err)
	}
	tr := model.Translations{}
	tr.Set("name", lang, name)
	if err := env.Store.Update(context.Background(), func(tx *store.Tx) error {
		return tx.SetTranslations(confID, i18n.KindConference, confID, tr)
	}); err != nil {
		t.Fatal(err)
	}
}

// lastMail is the newest e-mail of one kind to registration id.
func lastMail(t *testing.T, env *webtest.Env, id int64, kind string) model.OutboxMessage {
	t.Helper()
	msgs, err := env.Store.MailForRegistration(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var found *model.OutboxMessage
	for i := range msgs {
		if msgs[i].Kind == kind {
			found = &msgs[i]
		}
	}
	if found == nil {
		t.Fatalf("no %q e-mail to registration %d", kind, id)
	}
	return *found
}

// confirmByOrganiser confirms a pending registration from the console.
func confirmByOrganiser(t *testing.T, org *webtest.Client, id int64) {
	t.Helper()
	if res := org.PostAdmin(regPath(id)+"/confirm", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d\n%s", res.StatusCode, res.Body)
	}
}

// A registration made in Dutch gets its confirmation in Dutch: subject,
// text and HTML, the dates in Dutch and the conference under the name the
// organisers gave it in Dutch.
func TestConfirmationEmailInDutch(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `moderation = 1`)
	translateConferenceName(t, env, "nl", "Caribische Conferentie tegen Mensenhandel")
	id, _ := registerIn(t, env, "nl", validForm("nl@example.org"))
	org := env.Login(model.UserOrganiser)
	confirmByOrganiser(t, org, id)

	m := lastMail(t, env, id, "confirmed")
	if !strings.HasPrefix(m.Subject, "Aanmelding bevestigd – Caribische Conferentie tegen Mensenhandel (") {
		t.Errorf("subject %q", m.Subject)
	}
	text := strings.Join(strings.Fields(m.BodyText), " ")
	for _, want := range []string{"Geachte Désirée Piñeiro-Nguyễn,",
		"Uw aanmelding voor de Caribische Conferentie tegen Mensenhandel is bevestigd.",
		"15–17 maart 2027", "Met vriendelijke groet,", "Gebruik de link in de meest recente e-mail"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, m.BodyText)
		}
		if !strings.Contains(m.BodyHTML, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if !strings.Contains(m.BodyHTML, `<html lang="nl">`) {
		t.Error(`HTML is not marked lang="nl"`)
	}
	for _, english := range []string{"Dear ", "Registration confirmed", "March", "With best regards"} {
		if strings.Contains(m.BodyText, english) || strings.Contains(m.BodyHTML, english) {
			t.Errorf("Dutch e-mail says %q:\n%s", english, m.BodyText)
		}
	}

	// An English registration of the same conference is not touched by the Dutch name.
	en, _ := registerIn(t, env, "en", validForm("en@example.org"))
	confirmByOrganiser(t, org, en)
	if m := lastMail(t, env, en, "confirmed"); !strings.HasPrefix(m.Subject, "Registration confirmed – Caribbean Counter-Trafficking Conference (") ||
		!strings.Contains(m.BodyHTML, `<html lang="en">`) {
		t.Errorf("English e-mail: %q", m.Subject)
	}
}

// A French registrant's badge says the category and the dates in French;
// in an organiser's batch each badge speaks its holder's language.
func TestBadgeInFrench(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	id, loc := registerIn(t, env, "fr", validForm("fr@example.org"))
	en, _ := registerIn(t, env, "en", validForm("en@example.org"))
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET category = 'speaker', head_of_delegation = 1 WHERE id IN (?, ?)`, id, en); err != nil {
		t.Fatal(err)
	}
	res := env.Get(loc + "/badge.pdf")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("badge: %d", res.StatusCode)
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, []byte(res.Body))), " ")
	for _, want := range []string{"INTERVENANT", "Chef de délégation", "15–17 mars 2027"} {
		if !strings.Contains(text, want) {
			t.Errorf("French badge lacks %q: %s", want, text)
		}
	}
	for _, english := range []string{"SPEAKER", "Head of delegation", "March"} {
		if strings.Contains(text, english) {
			t.Errorf("French badge says %q: %s", english, text)
		}
	}

	batch := env.Login(model.UserOrganiser).Get("/admin/badges.pdf?layout=a4-4")
	if batch.StatusCode != http.StatusOK {
		t.Fatalf("batch: %d", batch.StatusCode)
	}
	text = strings.Join(strings.Fields(pdftest.Text(t, []byte(batch.Body))), " ")
	for _, want := range []string{"INTERVENANT", "SPEAKER", "Chef de délégation", "Head of delegation"} {
		if !strings.Contains(text, want) {
			t.Errorf("batch lacks %q: %s", want, text)
		}
	}
}

// A Spanish attendee's certificate is in Spanish, with the conference's
// Spanish name; the batch of all certificates keeps each person's language.
func TestCertificateInSpanish(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	translateConferenceName(t, env, "es", "Conferencia del Caribe contra la Trata de Personas")
	id, _ := registerIn(t, env, "es", validForm("es@example.org"))
	var code string
	env.DB.Read.QueryRow(`SELECT checkin_code FROM registrations WHERE id = ?`, id).Scan(&code)
	scan(t, env.Login(model.UserCheckin), code, 0)

	res := env.Login(model.UserOrganiser).Get(fmt.Sprintf("/admin/registrations/%d/certificate.pdf", id))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("certificate: %d", res.StatusCode)
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, []byte(res.Body))), " ")
	for _, want := range []string{"Certificado de asistencia", "Por la presente se certifica que", "Désirée Piñeiro-Nguyễn",
		"asistió a la Conferencia del Caribe contra la Trata de Personas, celebrada en Miami, Florida del 15 al 17 de marzo de 2027.",
		"Referencia CTC-"} {
		if !strings.Contains(text, want) {
			t.Errorf("Spanish certificate lacks %q: %s", want, text)
		}
	}
	for _, english := range []string{"Certificate of attendance", "attended", "March"} {
		if strings.Contains(text, english) {
			t.Errorf("Spanish certificate says %q: %s", english, text)
		}
	}
}

// The visa letter stays English, addressed to a consulate, for a Spanish
// registrant whose e-mails are in Spanish.
func TestLetterEnglishForSpanishRegistrant(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `moderation = 1`)
	id, loc := registerIn(t, env, "es", withVisa(validForm("visa-es@example.org")))
	confirmByOrganiser(t, env.Login(model.UserOrganiser), id)
	// Before approval, why there is no letter is said in the page's language.
	if res := env.Get(loc + "/letter.pdf?lang=es"); res.StatusCode != http.StatusNotFound ||
		!strings.Contains(res.Body, "La carta de invitación para la visa aún no está disponible") {
		t.Errorf("letter before approval, in Spanish: %d\n%s", res.StatusCode, res.Body)
	}
	approveLetter(t, env, "visa-es@example.org")

	m := lastMail(t, env, id, "confirmed")
	text := strings.Join(strings.Fields(m.BodyText), " ")
	if !strings.HasPrefix(m.Subject, "Inscripción confirmada – ") ||
		!strings.Contains(text, "Su inscripción en la Conferencia del Caribe contra la Trata de Personas ha sido confirmada.") ||
		!strings.Contains(text, "15–17 de marzo de 2027") {
		t.Errorf("the Spanish registrant's e-mail is not in Spanish: %q\n%s", m.Subject, m.BodyText)
	}

	res := env.Get(loc + "/letter.pdf")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("letter: %d", res.StatusCode)
	}
	letter := strings.Join(strings.Fields(pdftest.Text(t, []byte(res.Body))), " ")
	for _, want := range []string{"To the Consular Section", "from 15 to 17 March 2027", "2 February 2027"} {
		if !strings.Contains(letter, want) {
			t.Errorf("letter lacks %q: %s", want, letter)
		}
	}
	if strings.Contains(letter, "marzo") {
		t.Errorf("the letter is not in English: %s", letter)
	}
}
