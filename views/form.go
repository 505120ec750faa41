package views

// Field describes one labelled form control and its state.
type Field struct {
	Name         string // the form field's name, also its id
	Label        string // in the page's language
	Type         string // text, email, tel, date; "" means text
	Value        string
	Hint         string
	Autocomplete string
	Required     bool
	// RequiredFor is the mark of an otherwise optional field that
	// something needs, shown instead of "(optional)": "(required for a
	// letter)", in the page's language.
	RequiredFor string
	MaxLength   int
	Error       string
	// Lang is the language of the value when it differs from the page's
	// (a translation typed in the English console): its lang attribute.
	Lang string
	// Rows is a TextArea's height in lines; 2 when 0.
	Rows int
}

// InputType is the field's type attribute.
func (f Field) InputType() string {
	if f.Type == "" {
		return "text"
	}
	return f.Type
}

// DescribedBy lists the ids of the field's hint and error, for aria-describedby.
func (f Field) DescribedBy() string {
	ids := ""
	if f.Hint != "" {
		ids = f.Name + "-hint"
	}
	if f.Error != "" {
		if ids != "" {
			ids += " "
		}
		ids += f.Name + "-error"
	}
	return ids
}

// Option is one choice of a select or radio group.
type Option struct{ Value, Label string }
