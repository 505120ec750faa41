package mail

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

const manageURL = "https://confdesk.example/registration/q7Hk2mXw9vT4pLr8sN3bYc6dFg5jZa1e"

func testConference() model.Conference {
	return model.Conference{
		ID:           7,
		Name:         "Caribbean Counter-Trafficking Conference",
		Venue:        "Riverwalk Conference Centre",
		VenueAddress: "455 SE 3rd Avenue, Miami, FL 33131",
		City:         "Miami, Florida",
		TimeZone:     "America/New_York",
		StartDate:    "2027-03-15",
		EndDate:      "2027-03-17",
	}
}

func testRegistration() model.Registration {
	return model.Registration{
		ID:             42,
		ConferenceID:   7,
		Reference:      "CTC-ABC234",
		Status:         model.StatusConfirmed,
		Category:       model.CategoryParticipant,
		FirstName:      "Désirée",
		LastName:       "Piñeiro-Nguyễn",
		Email:          "desiree@example.org",
		Organisation:   "Ministério da Justiça",
		VisaLetter:     true,
		PassportName:   "DESIREE PINEIRO NGUYEN",
		Nationality:    "DO",
		PassportNumber: "P1234567",
		PassportExpiry: "2031-08-31",
		DateOfBirth:    "1984-02-29",
	}
}

// passportData is what must never be in a message; the nationality is a
// two-letter code too common to search for.
var passportData = []string{"P1234567", "DESIREE PINEIRO NGUYEN", "1984-02-29", "2031-08-31", "1984", "2031"}

func TestComposeEveryKind(t *testing.T) {
	for _, kind := range Kinds {
		t.Run(kind, func(t *testing.T) {
			d := Data{Conference: testConference(), Registration: testRegistration(), ManageURL: manageURL,
				WaitlistPosition: 4, Reason: "The conference is for officials only."}
			m, err := Compose(kind, d)
			if err != nil {
				t.Fatal(err)
			}
			if m.Kind != kind || m.ConferenceID != 7 || m.RegistrationID != 42 || m.State != model.MailQueued {
				t.Errorf("kind %q, conference %d, registration %d, state %q", m.Kind, m.ConferenceID, m.RegistrationID, m.State)
			}
			if m.ToEmail != "desiree@example.org" || m.ToName != "Désirée Piñeiro-Nguyễn" {
				t.Errorf("to %q <%s>", m.ToName, m.ToEmail)
			}
			if !m.CreatedAt.IsZero() {
				t.Errorf("CreatedAt %v, want zero for the caller to set", m.CreatedAt)
			}
			if !strings.HasSuffix(m.Subject, " – Caribbean Counter-Trafficking Conference (CTC-ABC234)") {
				t.Errorf("subject %q", m.Subject)
			}
			for _, want := range []string{"Dear Désirée Piñeiro-Nguyễn,", "CTC-ABC234", "Caribbean Counter-Trafficking Conference",
				"15–17 March 2027", "Riverwalk Conference Centre, 455 SE 3rd Avenue, Miami, FL 33131", manageURL} {
				if !strings.Contains(m.BodyText, want) {
					t.Errorf("text lacks %q:\n%s", want, m.BodyText)
				}
				if !strings.Contains(m.BodyHTML, want) {
					t.Errorf("HTML lacks %q:\n%s", want, m.BodyHTML)
				}
			}
			for _, want := range []string{`<html lang="en">`, "<h1", `<a href="` + manageURL + `"`, `<th scope="row"`} {
				if !strings.Contains(m.BodyHTML, want) {
					t.Errorf("HTML lacks %q", want)
				}
			}
			if strings.Contains(m.BodyText, "first e-mail") {
				t.Errorf("text has the no-link sentence although a link was given")
			}
			for _, secret := range passportData {
				if strings.Contains(m.BodyText, secret) || strings.Contains(m.BodyHTML, secret) || strings.Contains(m.Subject, secret) {
					t.Errorf("message contains passport data %q", secret)
				}
			}
			for _, line := range strings.Split(m.BodyText, "\n") {
				if n := len([]rune(line)); n > 80 && !strings.HasPrefix(line, "https://") {
					t.Errorf("text line of %d characters: %q", n, line)
				}
			}
		})
	}
}

func TestComposeWithoutLink(t *testing.T) {
	for _, kind := range Kinds {
		if needsLink[kind] {
			if _, err := Compose(kind, Data{Conference: testConference(), Registration: testRegistration()}); err == nil {
				t.Errorf("%s message without a link: no error", kind)
			}
			continue
		}
		m, err := Compose(kind, Data{Conference: testConference(), Registration: testRegistration(), SiteURL: "https://ctc.example"})
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		// The text body is wrapped, so compare with white space collapsed.
		text := strings.Join(strings.Fields(m.BodyText), " ")
		for _, body := range []string{text, m.BodyHTML} {
			if !strings.Contains(body, "Use the link in the newest e-mail we sent you to view or change your registration.") ||
				!strings.Contains(body, "“Find my registration” on the conference website (https://ctc.example/registration/lost)") {
				t.Errorf("%s: no fallback sentence in\n%s", kind, body)
			}
		}
		if strings.Contains(m.BodyHTML, "<a ") {
			t.Errorf("%s: HTML has a link although none was given", kind)
		}
	}
}

// TestComposeContact: every message ends with the organisers' address and
// phone when the settings name them, and says nothing of them otherwise.
func TestComposeContact(t *testing.T) {
	for _, kind := range Kinds {
		d := Data{Conference: testConference(), Registration: testRegistration(), ManageURL: "https://ctc.example/registration/x"}
		m, err := Compose(kind, d)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if strings.Contains(m.BodyText, "Contact the organisers") {
			t.Errorf("%s: a contact line without contact settings", kind)
		}
		d.Conference.ContactEmail, d.Conference.ContactPhone = "team@ctc.example", "+1 305 555 0100"
		if m, err = Compose(kind, d); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		for _, want := range []string{"E-mail:     team@ctc.example\n", "Phone:      +1 305 555 0100\n"} {
			if !strings.Contains(m.BodyText, want) {
				t.Errorf("%s: text without %q:\n%s", kind, want, m.BodyText)
			}
		}
		if !strings.Contains(m.BodyHTML, `<a href="mailto:team@ctc.example"`) || !strings.Contains(m.BodyHTML, "&#43;1 305 555 0100") {
			t.Errorf("%s: HTML without the contact:\n%s", kind, m.BodyHTML)
		}
	}
	if _, err := Compose(KindLink, Data{Conference: testConference(), Registration: testRegistration()}); err == nil {
		t.Error("link message without a link: no error")
	}
}

func TestComposeUnknownKind(t *testing.T) {
	_, err := Compose("birthday", Data{Conference: testConference(), Registration: testRegistration()})
	if !errors.Is(err, ErrUnknownKind) {
		t.Errorf("err = %v, want ErrUnknownKind", err)
	}
}

func TestComposeEscapesHTML(t *testing.T) {
	r := testRegistration()
	r.FirstName = "<script>alert(1)</script>"
	r.LastName = `O'Brien & "Sons"`
	m, err := Compose(KindRejected, Data{Conference: testConference(), Registration: r, ManageURL: manageURL,
		Reason: `<img src=x onerror="alert(2)">`})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.BodyHTML, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("HTML does not show the escaped name:\n%s", m.BodyHTML)
	}
	for _, bad := range []string{"<script>", "<img", `"Sons"`} {
		if strings.Contains(m.BodyHTML, bad) {
			t.Errorf("HTML contains unescaped %q", bad)
		}
	}
	if !strings.Contains(m.BodyHTML, "&lt;img src=x") {
		t.Errorf("HTML lacks the escaped reason")
	}
	// The text part is plain text: it shows what the person typed, as typed.
	if !strings.Contains(m.BodyText, "Dear <script>alert(1)</script> O'Brien & \"Sons\",") {
		t.Errorf("text greeting changed the name:\n%s", m.BodyText)
	}
}

func TestComposeUnsafeLinkIsNeutralised(t *testing.T) {
	m, err := Compose(KindConfirmed, Data{Conference: testConference(), Registration: testRegistration(),
		ManageURL: "javascript:alert(1)"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(m.BodyHTML, `href="javascript:`) {
		t.Errorf("HTML links to a javascript: URL")
	}
}

func TestComposeWording(t *testing.T) {
	press := testRegistration()
	press.Category = model.CategoryPress
	tests := []struct {
		name    string
		kind    string
		d       Data
		subject string
		says    []string
		notSays []string
	}{
		{"waiting list position", KindWaitlisted, Data{Registration: testRegistration(), WaitlistPosition: 3},
			"You are on the waiting list", []string{"You are number 3 in the queue."}, nil},
		{"waiting list without position", KindWaitlisted, Data{Registration: testRegistration()},
			"You are on the waiting list", []string{"waiting list"}, []string{"number 0"}},
		{"rejected with reason", KindRejected, Data{Registration: testRegistration(), Reason: "Registration is for officials only."},
			"Registration not accepted", []string{"The organisers gave this reason: Registration is for officials only."}, nil},
		{"rejected without reason", KindRejected, Data{Registration: testRegistration()},
			"Registration not accepted", []string{"unable to accept"}, []string{"reason"}},
		{"press request received", KindReceived, Data{Registration: press},
			"Accreditation request received", []string{"press accreditation"}, nil},
		{"press rejected", KindRejected, Data{Registration: press},
			"Press accreditation not granted", []string{"press accreditation"}, nil},
		{"accredited", KindAccredited, Data{Registration: press}, "Press accreditation granted", []string{"press card"}, nil},
		{"promoted", KindPromoted, Data{Registration: testRegistration()}, "A place is free: registration confirmed",
			[]string{"moved from the waiting list to confirmed"}, nil},
		{"link", KindLink, Data{Registration: testRegistration(), ManageURL: manageURL}, "Your registration link",
			[]string{"register for the Caribbean Counter-Trafficking Conference again with this e-mail address",
				"The previous link no longer works.", "If this was not you, you can ignore this e-mail"}, nil},
		{"updated", KindUpdated, Data{Registration: testRegistration()}, "Registration details updated",
			[]string{"have been updated", "If you did not"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.d.Conference = testConference()
			m, err := Compose(tt.kind, tt.d)
			if err != nil {
				t.Fatal(err)
			}
			if want := tt.subject + " – Caribbean Counter-Trafficking Conference (CTC-ABC234)"; m.Subject != want {
				t.Errorf("subject %q, want %q", m.Subject, want)
			}
			text := strings.Join(strings.Fields(m.BodyText), " ")
			for _, s := range tt.says {
				if !strings.Contains(text, s) || !strings.Contains(m.BodyHTML, s) {
					t.Errorf("message does not say %q:\n%s", s, m.BodyText)
				}
			}
			for _, s := range tt.notSays {
				if strings.Contains(text, s) {
					t.Errorf("message says %q:\n%s", s, m.BodyText)
				}
			}
		})
	}
}

func TestWrap(t *testing.T) {
	long := strings.Repeat("word ", 40)
	for _, line := range strings.Split(wrap(long), "\n") {
		if len(line) > wrapWidth {
			t.Errorf("line of %d characters: %q", len(line), line)
		}
	}
	// Width counts characters, not bytes: accents do not shorten lines.
	accented := strings.Repeat("Nguyễn ", 20)
	for _, line := range strings.Split(wrap(accented), "\n") {
		if n := len([]rune(line)); n > wrapWidth || n < wrapWidth-7 {
			t.Errorf("line of %d characters: %q", n, line)
		}
	}
	if got := wrap("  see   https://example.org/r/abc \n"); got != "see https://example.org/r/abc" {
		t.Errorf("wrap of a short line: %q", got)
	}
	url := "https://example.org/" + strings.Repeat("x", 100)
	if got := wrap("open " + url + " now"); got != "open\n"+url+"\nnow" {
		t.Errorf("long link: %q", got)
	}
}

// messageID finds a catalogue id ("mail.link.view") shown instead of its text.
var messageID = regexp.MustCompile(`\bmail\.[a-z_]+\.?[a-z_]*\b`)

// Every kind composes in every language from Sample, with no message id
// left unfound, the HTML marked with its language, and the details lined up.
func TestComposeEveryLanguage(t *testing.T) {
	for _, l := range i18n.Languages {
		for _, kind := range Kinds {
			d := Sample(testConference(), l.Code)
			d.Conference.ContactEmail, d.Conference.ContactPhone = "team@ctc.example", "+1 305 555 0100"
			m, err := Compose(kind, d)
			if err != nil {
				t.Fatalf("%s %s: %v", l.Code, kind, err)
			}
			for _, part := range []string{m.Subject, m.BodyText, m.BodyHTML} {
				if messageID.MatchString(part) {
					t.Errorf("%s %s: a message id instead of its text:\n%s", l.Code, kind, part)
				}
			}
			if !strings.Contains(m.BodyHTML, `<html lang="`+l.Code+`">`) {
				t.Errorf("%s %s: HTML not marked with its language", l.Code, kind)
			}
			// The values of the details start in one column, those of the
			// contact in another, and lines stay short.
			column := func(v string) int {
				for _, line := range strings.Split(m.BodyText, "\n") {
					if i := strings.Index(line, v); i > 0 && strings.Contains(line[:i], ":") {
						return len([]rune(line[:i]))
					}
				}
				t.Errorf("%s %s: no line with %q:\n%s", l.Code, kind, v, m.BodyText)
				return 0
			}
			if a, b := column("CTC-SAMPLE"), column("15–17"); a != b {
				t.Errorf("%s %s: details in columns %d and %d:\n%s", l.Code, kind, a, b, m.BodyText)
			}
			if a, b := column("team@ctc.example"), column("+1 305 555 0100"); a != b {
				t.Errorf("%s %s: contact in columns %d and %d:\n%s", l.Code, kind, a, b, m.BodyText)
			}
			for _, line := range strings.Split(m.BodyText, "\n") {
				if n := len([]rune(line)); n > 80 && !strings.HasPrefix(line, "https://") {
					t.Errorf("%s %s: text line of %d characters: %q", l.Code, kind, n, line)
				}
			}
		}
	}
}

// Data.Lang overrides the registration's language; the dates follow it.
func TestComposeLangOverride(t *testing.T) {
	d := Sample(testConference(), "fr")
	m, err := Compose(KindConfirmed, d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Subject, "Inscription confirmée – ") || !strings.Contains(m.BodyText, "15–17 mars 2027") {
		t.Errorf("French: %q\n%s", m.Subject, m.BodyText)
	}
	d.Lang = i18n.Lookup("es")
	d.ConferenceName = "Conferencia del Caribe contra la Trata de Personas"
	if m, err = Compose(KindConfirmed, d); err != nil {
		t.Fatal(err)
	}
	if m.Subject != "Inscripción confirmada – Conferencia del Caribe contra la Trata de Personas (CTC-SAMPLE)" ||
		!strings.Contains(m.BodyText, "15–17 de marzo de 2027") || !strings.Contains(m.BodyHTML, `lang="es"`) {
		t.Errorf("Spanish: %q\n%s", m.Subject, m.BodyText)
	}
}

// In the pseudo-language every word of every message is a marked message:
// what is left outside ⟦ ⟧ is the person's and the conference's data,
// punctuation and markup.
func TestComposePseudo(t *testing.T) {
	data := []string{"Ana Pérez", "CTC-SAMPLE", "Caribbean Counter-Trafficking Conference",
		"Riverwalk Conference Centre, 455 SE 3rd Avenue, Miami, FL 33131", "https://confdesk.example/registration/sample-token",
		"team@ctc.example", "+1 305 555 0100", "&#43;1 305 555 0100"}
	for _, kind := range Kinds {
		d := Sample(testConference(), "")
		d.Lang = i18n.Pseudo
		d.Conference.ContactEmail, d.Conference.ContactPhone = "team@ctc.example", "+1 305 555 0100"
		m, err := Compose(kind, d)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		for name, body := range map[string]string{"subject": m.Subject, "text": m.BodyText, "html": htmlText(m.BodyHTML)} {
			rest := unmarked(body)
			for _, s := range data {
				rest = strings.ReplaceAll(rest, s, " ")
			}
			if strings.IndexFunc(rest, unicode.IsLetter) >= 0 {
				t.Errorf("%s %s: unmarked text %q", kind, name, strings.Join(strings.Fields(rest), " "))
			}
		}
	}
}

// unmarked is s without its ⟦…⟧ parts (nested ones included).
func unmarked(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '⟦':
			depth++
		case r == '⟧':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// htmlText is the text of an HTML body: its tags and the head left out.
func htmlText(h string) string {
	if _, body, ok := strings.Cut(h, "<body"); ok {
		h = body
	}
	var b strings.Builder
	in := false
	for _, r := range "<" + h {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}
