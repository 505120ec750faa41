package pdf

import (
	"fmt"
	"strings"
	"testing"
)

// The badge cache keys on %#v of the header: a logo must appear there by
// its content, briefly, so that a new logo is a new key and an unchanged
// one the same key, without the picture's bytes in every key.
func TestImageInCacheKeys(t *testing.T) {
	a := fmt.Sprintf("%#v", BadgeHeader{ShortName: "CTC", Logo: NewImage([]byte("png one"), 1, 1)})
	b := fmt.Sprintf("%#v", BadgeHeader{ShortName: "CTC", Logo: NewImage([]byte("png two"), 1, 1)})
	same := fmt.Sprintf("%#v", BadgeHeader{ShortName: "CTC", Logo: NewImage([]byte("png one"), 1, 1)})
	none := fmt.Sprintf("%#v", BadgeHeader{ShortName: "CTC"})
	if a == b || a != same || a == none {
		t.Errorf("keys do not follow the logo:\n%s\n%s\n%s\n%s", a, b, same, none)
	}
	if strings.Contains(a, "png one") || strings.Contains(a, "0x70") || len(a) > 200 {
		t.Errorf("the key holds the picture's bytes: %s", a)
	}
}
