package pdf

import (
	"fmt"
	"io"
	"strings"

	"github.com/jung-kurt/gofpdf"
)

// Letter is a visa invitation letter's content.
type Letter struct {
	Organiser string // letterhead
	Programme string
	// The organisers' postal address (lines), phone and e-mail, under the
	// letterhead, so a consular officer can write or call; each may be empty.
	PostalAddress string
	Phone         string
	Email         string
	// Addressee is the letter's first lines: whom it is written to.
	Addressee      []string
	Date           string // the letter's date, e.g. "2 February 2027"
	Reference      string
	PassportName   string
	Nationality    string // the country's name
	PassportNumber string
	PassportExpiry string // e.g. "30 June 2031"
	DateOfBirth    string // e.g. "23 April 1981"
	Organisation   string
	JobTitle       string
	Conference     string
	Dates          string // as a sentence says them: "from 15 to 17 March 2027" (model.Conference.DatesInWords)
	Venue          string // venue, address, city
	Purpose        string
	Costs          string // who pays this participant's travel and stay
	SignatoryName  string
	SignatoryTitle string
	Signature      *Image // drawn above the signatory's name; nil for none
	VerifyURL      string // where the reference can be verified
	// VerifyCode is the letter's verification code as printed, in groups
	// ("7K2M-9QXP-…"), and VerifyLink the page that checks it, printed as
	// a QR code; both empty for none.
	VerifyCode string
	VerifyLink string
}

var a4 = gofpdf.SizeType{Wd: 210, Ht: 297}

// InvitationLetter writes a one-page A4 letter to w.
func InvitationLetter(w io.Writer, l Letter, m Meta) (err error) {
	defer guard(&err, "letter "+l.Reference)
	f := newDocument(a4, "P", m)
	f.AddPageFormat("P", a4)
	const left, width = 25.0, 160.0

	// Letterhead.
	f.SetFillColor(0x1d, 0x4f, 0x91)
	f.Rect(0, 0, 210, 8, "F")
	f.SetFont(family, "B", 14)
	f.SetXY(left, 16)
	f.MultiCell(width, 6.5, l.Organiser, "", "L", false)
	if l.Programme != "" {
		f.SetFont(family, "", 10)
		f.SetX(left)
		f.MultiCell(width, 5, l.Programme, "", "L", false)
	}
	var contact []string
	for _, l := range strings.Split(l.PostalAddress, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			contact = append(contact, l)
		}
	}
	var reach []string
	if l.Phone != "" {
		reach = append(reach, "Phone: "+l.Phone)
	}
	if l.Email != "" {
		reach = append(reach, "E-mail: "+l.Email)
	}
	if len(reach) > 0 {
		contact = append(contact, strings.Join(reach, "  ·  "))
	}
	if len(contact) > 0 {
		f.SetFont(family, "", 9)
		f.SetTextColor(60, 60, 60)
		for _, line := range contact {
			f.SetX(left)
			f.MultiCell(width, 4.2, line, "", "L", false)
		}
		f.SetTextColor(0, 0, 0)
	}
	f.SetDrawColor(0x1d, 0x4f, 0x91)
	f.SetLineWidth(0.4)
	y := f.GetY() + 3
	f.Line(left, y, left+width, y)

	f.SetFont(family, "", 10.5)
	f.SetXY(left, y+6)
	f.CellFormat(width, 5.5, l.Date, "", 1, "R", false, 0, "")
	f.SetX(left)
	f.CellFormat(width, 5.5, "Reference: "+l.Reference, "", 1, "R", false, 0, "")

	if len(l.Addressee) > 0 {
		f.Ln(2)
		for i, line := range l.Addressee {
			style := ""
			if i == 0 {
				style = "B"
			}
			f.SetFont(family, style, 10.5)
			f.SetX(left)
			f.MultiCell(width, 5.2, line, "", "L", false)
		}
	}
	f.Ln(5)
	f.SetFont(family, "B", 12)
	f.SetX(left)
	f.MultiCell(width, 6, "Letter of invitation: "+l.Conference, "", "L", false)
	f.Ln(3)

	f.SetFont(family, "", 10.5)
	para := func(s string) {
		f.SetX(left)
		f.MultiCell(width, 5.4, s, "", "L", false)
		f.Ln(2.5)
	}
	if len(l.Addressee) > 0 {
		para("Dear Consular Officer,")
	} else {
		para("To whom it may concern,")
	}
	para(fmt.Sprintf("We are pleased to invite the person named below to take part in the %s, to be held %s at %s.",
		l.Conference, l.Dates, l.Venue))

	// The traveller, as in their passport.
	rows := [][2]string{
		{"Name (as in passport)", l.PassportName},
		{"Nationality", l.Nationality},
		{"Passport number", l.PassportNumber},
	}
	if l.PassportExpiry != "" {
		rows = append(rows, [2]string{"Passport valid until", l.PassportExpiry})
	}
	rows = append(rows, [][2]string{
		{"Date of birth", l.DateOfBirth},
	}...)
	if l.Organisation != "" {
		rows = append(rows, [2]string{"Organisation", l.Organisation})
	}
	if l.JobTitle != "" {
		rows = append(rows, [2]string{"Position", l.JobTitle})
	}
	for _, r := range rows {
		f.SetX(left + 5)
		f.SetFont(family, "B", 10.5)
		f.CellFormat(50, 6, r[0], "", 0, "L", false, 0, "")
		f.SetFont(family, "", 10.5)
		f.MultiCell(width-55, 6, r[1], "", "L", false)
	}
	f.Ln(3)
	if l.Purpose != "" {
		para("Purpose of the visit: " + l.Purpose)
	}
	if l.Costs != "" {
		para(l.Costs)
	}
	para("We kindly ask the competent authorities to grant the necessary visa so that the participant can attend. " +
		"Please do not hesitate to contact us should you need any further information.")
	para("Yours faithfully,")

	if l.Signature != nil {
		w, h := l.Signature.fit(60, 18)
		y := f.GetY() + 1
		drawImage(f, l.Signature, left, y, w, h)
		f.SetY(y + h + 1)
	} else {
		f.Ln(12)
	}
	f.SetX(left)
	f.SetFont(family, "B", 10.5)
	f.MultiCell(width, 5.4, l.SignatoryName, "", "L", false)
	f.SetFont(family, "", 10.5)
	f.SetX(left)
	f.MultiCell(width, 5.4, l.SignatoryTitle, "", "L", false)

	// Verification at the foot of the page: the code to type and, beside
	// it, a QR code to the page that checks it.
	f.SetFont(family, "", 8.5)
	f.SetTextColor(80, 80, 80)
	textWidth := width
	if l.VerifyLink != "" {
		code, err := encodeQR(l.VerifyLink)
		if err != nil {
			return err
		}
		const qrSize = 24.0
		drawQR(f, code, left+width-qrSize, 264, qrSize)
		textWidth = width - qrSize - 4
	}
	f.SetXY(left, 268)
	verify := "Verification: this letter carries reference " + l.Reference + "."
	if l.VerifyCode != "" {
		f.SetFont(family, "B", 10.5)
		f.SetTextColor(0, 0, 0)
		f.MultiCell(textWidth, 5.4, "Verification code: "+l.VerifyCode, "T", "L", false)
		f.SetFont(family, "", 8.5)
		f.SetTextColor(80, 80, 80)
		f.SetX(left)
		verify = "Authorities can check that this letter is genuine and still valid by scanning the QR code or by typing the code at " +
			l.VerifyURL + "/verify (reference " + l.Reference + ")."
		f.MultiCell(textWidth, 4.2, verify, "", "L", false)
	} else {
		f.SetXY(left, 276)
		if l.VerifyURL != "" {
			verify += " Authorities may confirm it with the organisers via " + l.VerifyURL + "."
		}
		f.MultiCell(width, 4.2, verify, "T", "L", false)
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("pdf: letter: %w", err)
	}
	return nil
}
