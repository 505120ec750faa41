package agenda

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// MinContrast is the WCAG AA contrast ratio for normal text: track labels
// are white text on the track's colour.
const MinContrast = 4.5

var hexColour = regexp.MustCompile(`^#[0-9a-f]{6}$`)

// normaliseColour returns a colour typed as "#RRGGBB" or "RRGGBB" in the
// stored form, "#rrggbb", or false when it is not one.
func normaliseColour(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if !strings.HasPrefix(s, "#") {
		s = "#" + s
	}
	return s, hexColour.MatchString(s)
}

// ContrastWithWhite is the WCAG contrast ratio of white text on colour (#rrggbb), from 1 to 21.
func ContrastWithWhite(colour string) float64 {
	return 1.05 / (luminance(colour) + 0.05)
}

// luminance is the WCAG relative luminance of #rrggbb.
func luminance(colour string) float64 {
	var l float64
	for i, weight := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(colour[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += weight * c
	}
	return l
}

// darker returns the lightest shade of colour (same hue, each channel scaled
// down) on which white text reaches MinContrast: a suggestion for the organiser.
func darker(colour string) string {
	var rgb [3]float64
	for i := range rgb {
		v, _ := strconv.ParseUint(colour[1+2*i:3+2*i], 16, 8)
		rgb[i] = float64(v)
	}
	for f := 1.0; f > 0; f -= 0.01 {
		c := fmt.Sprintf("#%02x%02x%02x", int(rgb[0]*f), int(rgb[1]*f), int(rgb[2]*f))
		if ContrastWithWhite(c) >= MinContrast {
			return c
		}
	}
	return "#000000"
}

// CheckColour validates a track colour as typed and returns it normalised,
// or a message that says how to fix it.
func CheckColour(s string) (string, string) {
	if strings.TrimSpace(s) == "" {
		return "", "Enter a colour as # and six hexadecimal digits, e.g. #1d4f91."
	}
	c, ok := normaliseColour(s)
	if !ok {
		return s, "Enter the colour as # and six hexadecimal digits (0–9, a–f), e.g. #1d4f91."
	}
	if ratio := ContrastWithWhite(c); ratio < MinContrast {
		return c, fmt.Sprintf("White text on %s is hard to read (contrast %.1f:1; at least 4.5:1 is needed). "+
			"Choose a darker colour, such as %s.", c, math.Floor(ratio*10)/10, darker(c))
	}
	return c, ""
}
