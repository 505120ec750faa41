package pdf

import (
	"slices"
	"unicode"

	"golang.org/x/text/unicode/bidi"
)

// The Unicode bidirectional algorithm (UAX #9) for one line of text without
// explicit embeddings: display() removes the explicit controls first, since
// forms refuse them (textfield) and one left in an older record must not be
// able to disguise what a badge says. golang.org/x/text/unicode/bidi gives
// every character's class and brackets, but its Ordering only splits a line
// by direction: it does not give the embedding levels that rule L2 needs to
// place numbers inside right-to-left text ("מס' 12 א"), so the implicit rules
// (W1–W7, N0–N2, I1–I2, L1, L2, L4) are applied here; the tests compare the
// direction of every character with x/text's own resolution.

// classOf is r's bidi class.
func classOf(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// levels resolves the embedding level of each character of line, a line of
// text without explicit controls, and returns them with the paragraph level.
func levels(line []rune) ([]int, int) {
	n := len(line)
	orig := make([]bidi.Class, n)
	for i, r := range line {
		orig[i] = classOf(r)
		if orig[i] == bidi.BN || orig[i] >= bidi.Control {
			orig[i] = bidi.ON // display() removes these; anything left is a neutral
		}
	}
	// P2, P3: the first strong character sets the paragraph's level.
	para := 0
	for _, c := range orig {
		if c == bidi.L {
			break
		}
		if c == bidi.R || c == bidi.AL {
			para = 1
			break
		}
	}
	dir := bidi.L // the embedding direction, also sos and eos
	if para == 1 {
		dir = bidi.R
	}
	t := slices.Clone(orig)

	// W1: a non-spacing mark takes the type of what it marks.
	prev := dir
	for i := range t {
		if t[i] == bidi.NSM {
			t[i] = prev
		}
		prev = t[i]
	}
	// W2, W3: numbers after Arabic letters are Arabic numbers; AL is R.
	strong := dir
	for i, c := range t {
		switch c {
		case bidi.L, bidi.R, bidi.AL:
			strong = c
		case bidi.EN:
			if strong == bidi.AL {
				t[i] = bidi.AN
			}
		}
	}
	for i := range t {
		if t[i] == bidi.AL {
			t[i] = bidi.R
		}
	}
	// W4: one separator between two numbers of a kind joins them.
	for i := 1; i+1 < n; i++ {
		switch {
		case t[i] == bidi.ES && t[i-1] == bidi.EN && t[i+1] == bidi.EN:
			t[i] = bidi.EN
		case t[i] == bidi.CS && t[i-1] == t[i+1] && (t[i-1] == bidi.EN || t[i-1] == bidi.AN):
			t[i] = t[i-1]
		}
	}
	// W5: terminators next to a European number belong to it.
	for i := 0; i < n; {
		if t[i] != bidi.ET {
			i++
			continue
		}
		j := i
		for j < n && t[j] == bidi.ET {
			j++
		}
		if (i > 0 && t[i-1] == bidi.EN) || (j < n && t[j] == bidi.EN) {
			for k := i; k < j; k++ {
				t[k] = bidi.EN
			}
		}
		i = j
	}
	// W6: the separators left are neutral.
	for i, c := range t {
		if c == bidi.ES || c == bidi.ET || c == bidi.CS {
			t[i] = bidi.ON
		}
	}
	// W7: European numbers in left-to-right context are L.
	strong = dir
	for i, c := range t {
		switch c {
		case bidi.L, bidi.R:
			strong = c
		case bidi.EN:
			if strong == bidi.L {
				t[i] = bidi.L
			}
		}
	}
	resolveBrackets(line, orig, t, dir)
	// N1, N2: neutrals between two of one direction take it (numbers count
	// as R), the others the embedding direction.
	strongOf := func(c bidi.Class) bidi.Class {
		if c == bidi.EN || c == bidi.AN {
			return bidi.R
		}
		return c
	}
	for i := 0; i < n; {
		if !neutral(t[i]) {
			i++
			continue
		}
		j := i
		for j < n && neutral(t[j]) {
			j++
		}
		before, after := dir, dir
		if i > 0 {
			before = strongOf(t[i-1])
		}
		if j < n {
			after = strongOf(t[j])
		}
		set := dir
		if before == after {
			set = before
		}
		for k := i; k < j; k++ {
			t[k] = set
		}
		i = j
	}
	// I1, I2.
	lv := make([]int, n)
	for i, c := range t {
		lv[i] = para
		switch {
		case para == 0 && c == bidi.R:
			lv[i] = 1
		case para == 0 && (c == bidi.AN || c == bidi.EN):
			lv[i] = 2
		case para == 1 && (c == bidi.L || c == bidi.EN || c == bidi.AN):
			lv[i] = 2
		}
	}
	// L1: separators, and whitespace before them or at the line's end,
	// return to the paragraph's level.
	trailing := true
	for i := n - 1; i >= 0; i-- {
		switch orig[i] {
		case bidi.S, bidi.B:
			lv[i], trailing = para, true
		case bidi.WS:
			if trailing {
				lv[i] = para
			}
		default:
			trailing = false
		}
	}
	return lv, para
}

// neutral reports a neutral type for rules N1 and N2.
func neutral(c bidi.Class) bool {
	return c == bidi.ON || c == bidi.WS || c == bidi.S || c == bidi.B
}

// resolveBrackets applies rule N0: a pair of brackets takes the direction
// of the text it encloses (or of the text around it).
func resolveBrackets(line []rune, orig, t []bidi.Class, dir bidi.Class) {
	type pair struct{ open, close int }
	type opening struct {
		closer rune
		at     int
	}
	var stack []opening
	var pairs []pair
	for i, r := range line {
		if t[i] != bidi.ON {
			continue
		}
		p, _ := bidi.LookupRune(r)
		if !p.IsBracket() {
			continue
		}
		if p.IsOpeningBracket() {
			if len(stack) == 63 { // BD16: stop looking for pairs
				break
			}
			stack = append(stack, opening{mirror(r), i})
			continue
		}
		for k := len(stack) - 1; k >= 0; k-- {
			if stack[k].closer == r || (stack[k].closer == '\u232A' && r == '\u3009') || (stack[k].closer == '\u3009' && r == '\u232A') {
				pairs = append(pairs, pair{stack[k].at, i})
				stack = stack[:k]
				break
			}
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int { return a.open - b.open })
	strongOf := func(c bidi.Class) bidi.Class {
		switch c {
		case bidi.L:
			return bidi.L
		case bidi.R, bidi.AL, bidi.EN, bidi.AN:
			return bidi.R
		}
		return bidi.ON
	}
	for _, p := range pairs {
		found, opposite := false, false
		for k := p.open + 1; k < p.close; k++ {
			switch s := strongOf(t[k]); {
			case s == dir:
				found = true
			case s != bidi.ON:
				opposite = true
			}
		}
		set := bidi.ON
		switch {
		case found:
			set = dir
		case opposite:
			before := dir
			for k := p.open - 1; k >= 0; k-- {
				if s := strongOf(t[k]); s != bidi.ON {
					before = s
					break
				}
			}
			set = dir
			if before != dir {
				set = before
			}
		}
		if set == bidi.ON {
			continue
		}
		for _, at := range []int{p.open, p.close} {
			t[at] = set
			for k := at + 1; k < len(t) && orig[k] == bidi.NSM; k++ {
				t[k] = set
			}
		}
	}
}

// mirror is r's mirrored counterpart for brackets (x/text knows the pairs),
// and a few other mirrored signs, or r.
func mirror(r rune) rune {
	if p, _ := bidi.LookupRune(r); p.IsBracket() {
		return []rune(bidi.ReverseString(string(r)))[0]
	}
	switch r {
	case '<':
		return '>'
	case '>':
		return '<'
	case '«':
		return '»'
	case '»':
		return '«'
	case '‹':
		return '›'
	case '›':
		return '‹'
	case '≤':
		return '≥'
	case '≥':
		return '≤'
	}
	return r
}

// visual returns line in display order, left to right (rule L2), with
// mirrored characters in right-to-left runs mirrored (L4) and combining
// marks kept after the letter they mark, where the font draws them.
func visual(line []rune) []rune {
	if len(line) == 0 {
		return line
	}
	lv, _ := levels(line)
	// Clusters: a base and its marks move together.
	type cluster struct {
		runes []rune
		level int
	}
	var cs []cluster
	for i, r := range line {
		if len(cs) > 0 && unicode.In(r, unicode.Mn, unicode.Me) {
			cs[len(cs)-1].runes = append(cs[len(cs)-1].runes, r)
			continue
		}
		cs = append(cs, cluster{[]rune{r}, lv[i]})
	}
	top, lowestOdd := 0, 1<<30
	for _, c := range cs {
		top = max(top, c.level)
		if c.level%2 == 1 {
			lowestOdd = min(lowestOdd, c.level)
		}
	}
	for l := top; l >= lowestOdd; l-- {
		for i := 0; i < len(cs); {
			if cs[i].level < l {
				i++
				continue
			}
			j := i
			for j < len(cs) && cs[j].level >= l {
				j++
			}
			slices.Reverse(cs[i:j])
			i = j
		}
	}
	out := make([]rune, 0, len(line))
	for _, c := range cs {
		if c.level%2 == 1 {
			c.runes[0] = mirror(c.runes[0])
		}
		out = append(out, c.runes...)
	}
	return out
}
