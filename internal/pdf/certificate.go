package pdf

import (
	"fmt"
	"io"

	"github.com/jung-kurt/gofpdf"
)

// Certificate is one certificate of attendance, with its words in the
// person's language.
type Certificate struct {
	Name         string
	Organisation string
	Country      string
	Reference    string
	Words        CertificateWords
}

// CertificateWords are what a certificate says around the person's name,
// in their language.
type CertificateWords struct {
	Title   string // "Certificate of attendance"
	Certify string // "This is to certify that", above the name
	// Attended follows the name: "attended the Caribbean Counter-Trafficking
	// Conference, held in Miami from 15 to 17 March 2027."
	Attended  string
	Reference string // "Reference CTC-ABC234", at the foot
}

// CertificateHeader is what every certificate of a conference says
// whatever its language: the organisers' and the signatory's names.
type CertificateHeader struct {
	Organiser      string
	SignatoryName  string
	SignatoryTitle string
}

var a4Landscape = gofpdf.SizeType{Wd: 297, Ht: 210}

// Certificates writes one A4 landscape page per certificate to w. When a
// certificate cannot be drawn, the others still print, and a last page
// names the ones left out (see batch).
func Certificates(w io.Writer, h CertificateHeader, certs []Certificate, m Meta) error {
	_, err := batch(w, certs, func(c Certificate) string { return c.Reference + " " + c.Name },
		func(w io.Writer, certs []Certificate, left []string) error {
			return drawCertificates(w, h, certs, left, m)
		})
	return err
}

// drawCertificates draws certs, then a note of those left out, if any.
func drawCertificates(w io.Writer, h CertificateHeader, certs []Certificate, left []string, m Meta) (err error) {
	what := "certificates"
	if len(certs) == 1 {
		what = "certificate " + certs[0].Reference
	}
	defer guard(&err, what)
	f := newDocument(a4Landscape, "P", m)
	for _, c := range certs {
		f.AddPageFormat("P", a4Landscape)
		f.SetDrawColor(0x1d, 0x4f, 0x91)
		f.SetLineWidth(1.2)
		f.Rect(10, 10, 277, 190, "D")
		f.SetLineWidth(0.3)
		f.Rect(13, 13, 271, 184, "D")

		centred(f, "", 13, h.Organiser, 20, 257, 32)
		centred(f, "B", fitSingle(f, "B", c.Words.Title, 257, 30), c.Words.Title, 20, 257, 58)
		centred(f, "", 13, c.Words.Certify, 20, 257, 78)
		pt, lines := fitLines(f, "B", c.Name, 230, 30, 32, 2)
		y := 96.0
		for _, l := range lines {
			centred(f, "B", pt, l, 20, 257, y)
			y += pt * ptToMM * 1.15
		}
		sub := c.Organisation
		if c.Country != "" {
			if sub != "" {
				sub += ", "
			}
			sub += c.Country
		}
		if sub != "" {
			centred(f, "", fitSingle(f, "", sub, 230, 13), sub, 20, 257, y+2)
		}
		f.SetFont(family, "", 13)
		f.SetXY(40, y+12)
		f.MultiCell(217, 6.5, c.Words.Attended, "", "C", false)

		f.SetLineWidth(0.3)
		f.Line(100, 172, 197, 172)
		centred(f, "B", 11, h.SignatoryName, 20, 257, 178)
		centred(f, "", 10, h.SignatoryTitle, 20, 257, 183)
		f.SetTextColor(90, 90, 90)
		centred(f, "", 8, c.Words.Reference, 20, 257, 192)
		f.SetTextColor(0, 0, 0)
	}
	if len(certs) == 0 && len(left) == 0 {
		f.AddPageFormat("P", a4Landscape)
		f.SetFont(family, "", 12)
		f.Text(20, 30, "Nobody has been checked in yet, so there are no certificates to print.")
	}
	if len(left) > 0 {
		f.AddPageFormat("P", a4Landscape)
		leftOutNote(f, a4Landscape.Wd, "These certificates could not be drawn and are not in this batch. Check what their records hold, then print them again:", left)
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("pdf: %s: %w", what, err)
	}
	return nil
}
