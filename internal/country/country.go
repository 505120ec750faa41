// Package country holds the ISO 3166-1 list of countries and territories
// used by the registration forms, with the Caribbean ones marked.
package country

import (
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Country is one ISO 3166-1 country or territory.
type Country struct {
	Code      string // ISO 3166-1 alpha-2 code, upper case, e.g. "TT".
	Name      string // English short name, e.g. "Trinidad and Tobago".
	Caribbean bool   // Caribbean state or territory (CARICOM members included).
}

// table is every officially assigned ISO 3166-1 alpha-2 code, in code order.
var table = []Country{
	{"AD", "Andorra", false},
	{"AE", "United Arab Emirates", false},
	{"AF", "Afghanistan", false},
	{"AG", "Antigua and Barbuda", true},
	{"AI", "Anguilla", true},
	{"AL", "Albania", false},
	{"AM", "Armenia", false},
	{"AO", "Angola", false},
	{"AQ", "Antarctica", false},
	{"AR", "Argentina", false},
	{"AS", "American Samoa", false},
	{"AT", "Austria", false},
	{"AU", "Australia", false},
	{"AW", "Aruba", true},
	{"AX", "Åland Islands", false},
	{"AZ", "Azerbaijan", false},
	{"BA", "Bosnia and Herzegovina", false},
	{"BB", "Barbados", true},
	{"BD", "Bangladesh", false},
	{"BE", "Belgium", false},
	{"BF", "Burkina Faso", false},
	{"BG", "Bulgaria", false},
	{"BH", "Bahrain", false},
	{"BI", "Burundi", false},
	{"BJ", "Benin", false},
	{"BL", "Saint Barthélemy", true},
	{"BM", "Bermuda", false},
	{"BN", "Brunei", false},
	{"BO", "Bolivia", false},
	{"BQ", "Bonaire, Sint Eustatius and Saba", true},
	{"BR", "Brazil", false},
	{"BS", "Bahamas", true},
	{"BT", "Bhutan", false},
	{"BV", "Bouvet Island", false},
	{"BW", "Botswana", false},
	{"BY", "Belarus", false},
	{"BZ", "Belize", true},
	{"CA", "Canada", false},
	{"CC", "Cocos (Keeling) Islands", false},
	{"CD", "Democratic Republic of the Congo", false},
	{"CF", "Central African Republic", false},
	{"CG", "Congo", false},
	{"CH", "Switzerland", false},
	{"CI", "Côte d'Ivoire", false},
	{"CK", "Cook Islands", false},
	{"CL", "Chile", false},
	{"CM", "Cameroon", false},
	{"CN", "China", false},
	{"CO", "Colombia", false},
	{"CR", "Costa Rica", false},
	{"CU", "Cuba", true},
	{"CV", "Cabo Verde", false},
	{"CW", "Curaçao", true},
	{"CX", "Christmas Island", false},
	{"CY", "Cyprus", false},
	{"CZ", "Czechia", false},
	{"DE", "Germany", false},
	{"DJ", "Djibouti", false},
	{"DK", "Denmark", false},
	{"DM", "Dominica", true},
	{"DO", "Dominican Republic", true},
	{"DZ", "Algeria", false},
	{"EC", "Ecuador", false},
	{"EE", "Estonia", false},
	{"EG", "Egypt", false},
	{"EH", "Western Sahara", false},
	{"ER", "Eritrea", false},
	{"ES", "Spain", false},
	{"ET", "Ethiopia", false},
	{"FI", "Finland", false},
	{"FJ", "Fiji", false},
	{"FK", "Falkland Islands (Malvinas)", false},
	{"FM", "Micronesia", false},
	{"FO", "Faroe Islands", false},
	{"FR", "France", false},
	{"GA", "Gabon", false},
	{"GB", "United Kingdom", false},
	{"GD", "Grenada", true},
	{"GE", "Georgia", false},
	{"GF", "French Guiana", false},
	{"GG", "Guernsey", false},
	{"GH", "Ghana", false},
	{"GI", "Gibraltar", false},
	{"GL", "Greenland", false},
	{"GM", "Gambia", false},
	{"GN", "Guinea", false},
	{"GP", "Guadeloupe", true},
	{"GQ", "Equatorial Guinea", false},
	{"GR", "Greece", false},
	{"GS", "South Georgia and the South Sandwich Islands", false},
	{"GT", "Guatemala", false},
	{"GU", "Guam", false},
	{"GW", "Guinea-Bissau", false},
	{"GY", "Guyana", true},
	{"HK", "Hong Kong", false},
	{"HM", "Heard Island and McDonald Islands", false},
	{"HN", "Honduras", false},
	{"HR", "Croatia", false},
	{"HT", "Haiti", true},
	{"HU", "Hungary", false},
	{"ID", "Indonesia", false},
	{"IE", "Ireland", false},
	{"IL", "Israel", false},
	{"IM", "Isle of Man", false},
	{"IN", "India", false},
	{"IO", "British Indian Ocean Territory", false},
	{"IQ", "Iraq", false},
	{"IR", "Iran", false},
	{"IS", "Iceland", false},
	{"IT", "Italy", false},
	{"JE", "Jersey", false},
	{"JM", "Jamaica", true},
	{"JO", "Jordan", false},
	{"JP", "Japan", false},
	{"KE", "Kenya", false},
	{"KG", "Kyrgyzstan", false},
	{"KH", "Cambodia", false},
	{"KI", "Kiribati", false},
	{"KM", "Comoros", false},
	{"KN", "Saint Kitts and Nevis", true},
	{"KP", "North Korea", false},
	{"KR", "South Korea", false},
	{"KW", "Kuwait", false},
	{"KY", "Cayman Islands", true},
	{"KZ", "Kazakhstan", false},
	{"LA", "Laos", false},
	{"LB", "Lebanon", false},
	{"LC", "Saint Lucia", true},
	{"LI", "Liechtenstein", false},
	{"LK", "Sri Lanka", false},
	{"LR", "Liberia", false},
	{"LS", "Lesotho", false},
	{"LT", "Lithuania", false},
	{"LU", "Luxembourg", false},
	{"LV", "Latvia", false},
	{"LY", "Libya", false},
	{"MA", "Morocco", false},
	{"MC", "Monaco", false},
	{"MD", "Moldova", false},
	{"ME", "Montenegro", false},
	{"MF", "Saint Martin (French part)", true},
	{"MG", "Madagascar", false},
	{"MH", "Marshall Islands", false},
	{"MK", "North Macedonia", false},
	{"ML", "Mali", false},
	{"MM", "Myanmar", false},
	{"MN", "Mongolia", false},
	{"MO", "Macao", false},
	{"MP", "Northern Mariana Islands", false},
	{"MQ", "Martinique", true},
	{"MR", "Mauritania", false},
	{"MS", "Montserrat", true},
	{"MT", "Malta", false},
	{"MU", "Mauritius", false},
	{"MV", "Maldives", false},
	{"MW", "Malawi", false},
	{"MX", "Mexico", false},
	{"MY", "Malaysia", false},
	{"MZ", "Mozambique", false},
	{"NA", "Namibia", false},
	{"NC", "New Caledonia", false},
	{"NE", "Niger", false},
	{"NF", "Norfolk Island", false},
	{"NG", "Nigeria", false},
	{"NI", "Nicaragua", false},
	{"NL", "Netherlands", false},
	{"NO", "Norway", false},
	{"NP", "Nepal", false},
	{"NR", "Nauru", false},
	{"NU", "Niue", false},
	{"NZ", "New Zealand", false},
	{"OM", "Oman", false},
	{"PA", "Panama", false},
	{"PE", "Peru", false},
	{"PF", "French Polynesia", false},
	{"PG", "Papua New Guinea", false},
	{"PH", "Philippines", false},
	{"PK", "Pakistan", false},
	{"PL", "Poland", false},
	{"PM", "Saint Pierre and Miquelon", false},
	{"PN", "Pitcairn", false},
	{"PR", "Puerto Rico", true},
	{"PS", "Palestine", false},
	{"PT", "Portugal", false},
	{"PW", "Palau", false},
	{"PY", "Paraguay", false},
	{"QA", "Qatar", false},
	{"RE", "Réunion", false},
	{"RO", "Romania", false},
	{"RS", "Serbia", false},
	{"RU", "Russia", false},
	{"RW", "Rwanda", false},
	{"SA", "Saudi Arabia", false},
	{"SB", "Solomon Islands", false},
	{"SC", "Seychelles", false},
	{"SD", "Sudan", false},
	{"SE", "Sweden", false},
	{"SG", "Singapore", false},
	{"SH", "Saint Helena, Ascension and Tristan da Cunha", false},
	{"SI", "Slovenia", false},
	{"SJ", "Svalbard and Jan Mayen", false},
	{"SK", "Slovakia", false},
	{"SL", "Sierra Leone", false},
	{"SM", "San Marino", false},
	{"SN", "Senegal", false},
	{"SO", "Somalia", false},
	{"SR", "Suriname", true},
	{"SS", "South Sudan", false},
	{"ST", "Sao Tome and Principe", false},
	{"SV", "El Salvador", false},
	{"SX", "Sint Maarten (Dutch part)", true},
	{"SY", "Syria", false},
	{"SZ", "Eswatini", false},
	{"TC", "Turks and Caicos Islands", true},
	{"TD", "Chad", false},
	{"TF", "French Southern Territories", false},
	{"TG", "Togo", false},
	{"TH", "Thailand", false},
	{"TJ", "Tajikistan", false},
	{"TK", "Tokelau", false},
	{"TL", "Timor-Leste", false},
	{"TM", "Turkmenistan", false},
	{"TN", "Tunisia", false},
	{"TO", "Tonga", false},
	{"TR", "Türkiye", false},
	{"TT", "Trinidad and Tobago", true},
	{"TV", "Tuvalu", false},
	{"TW", "Taiwan", false},
	{"TZ", "Tanzania", false},
	{"UA", "Ukraine", false},
	{"UG", "Uganda", false},
	{"UM", "United States Minor Outlying Islands", false},
	{"US", "United States", false},
	{"UY", "Uruguay", false},
	{"UZ", "Uzbekistan", false},
	{"VA", "Holy See", false},
	{"VC", "Saint Vincent and the Grenadines", true},
	{"VE", "Venezuela", false},
	{"VG", "British Virgin Islands", true},
	{"VI", "U.S. Virgin Islands", true},
	{"VN", "Vietnam", false},
	{"VU", "Vanuatu", false},
	{"WF", "Wallis and Futuna", false},
	{"WS", "Samoa", false},
	{"YE", "Yemen", false},
	{"YT", "Mayotte", false},
	{"ZA", "South Africa", false},
	{"ZM", "Zambia", false},
	{"ZW", "Zimbabwe", false},
}

var (
	all       []Country      // table sorted by name
	caribbean []Country      // Caribbean entries of all, same order
	others    []Country      // non-Caribbean entries of all, same order
	byCode    map[string]int // code -> index into table
)

func init() {
	all = slices.Clip(slices.Clone(table))
	sortByName(all)
	byCode = make(map[string]int, len(table))
	for i, c := range table {
		byCode[c.Code] = i
	}
	for _, c := range all {
		if c.Caribbean {
			caribbean = append(caribbean, c)
		} else {
			others = append(others, c)
		}
	}
	// Clip so that a caller's append never writes into shared storage.
	caribbean = slices.Clip(caribbean)
	others = slices.Clip(others)
}

// sortByName sorts cs by Name in English collation order, which ignores case
// and diacritics at the primary level ("Åland Islands" sorts with "Albania").
func sortByName(cs []Country) {
	col := collate.New(language.English)
	slices.SortStableFunc(cs, func(a, b Country) int {
		return col.CompareString(a.Name, b.Name)
	})
}

// All returns every country and territory sorted by Name. The slice is shared
// and read-only: callers must not modify its elements.
func All() []Country { return all }

// Caribbean returns the Caribbean countries and territories sorted by Name.
// The slice is shared and read-only: callers must not modify its elements.
func Caribbean() []Country { return caribbean }

// Others returns every non-Caribbean country and territory sorted by Name.
// The slice is shared and read-only: callers must not modify its elements.
func Others() []Country { return others }

// Lookup returns the country for an alpha-2 code; the code is trimmed of
// surrounding whitespace and matched case-insensitively.
func Lookup(code string) (Country, bool) {
	i, ok := byCode[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Country{}, false
	}
	return table[i], true
}

// Name returns the English name for an alpha-2 code, or "" if it is unknown.
func Name(code string) string {
	c, _ := Lookup(code)
	return c.Name
}

// Valid reports whether code is a known alpha-2 code (see Lookup).
func Valid(code string) bool {
	_, ok := Lookup(code)
	return ok
}
