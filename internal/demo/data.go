// Package demo seeds a new database with the demo conference: the
// Caribbean Counter-Trafficking Conference in Miami.
package demo

// demoConference is the conference's text; dates are computed at seeding time.
type demoConference struct {
	Name, ShortName, Tagline, Description, Aim string
	Organiser, Supporter, Programme            string
	Venue, VenueAddress, City, TimeZone        string
	Capacity                                   int
	LetterSignatoryName, LetterSignatoryTitle  string
	LetterCosts                                string
	ContactEmail, ContactPhone, PostalAddress  string
}

type demoTrack struct{ Slug, Name, Colour, Description string }
type demoRoom struct {
	Name     string
	Capacity int
}
type demoSpeaker struct{ Key, Name, Title, Organisation, Country, Bio string }
type demoRole struct{ Speaker, Role string } // Role: "speaker", "moderator" or "chair"
type demoSession struct {
	Day         int    // 1, 2 or 3
	Start, End  string // "09:00" local time (America/New_York)
	Track       string // track slug, or "" for breaks/reception
	Kind        string // plenary, panel, workshop, break, reception
	Room        string // room name, or "" (breaks may have none)
	Title       string
	Description string
	Capacity    int // 0 = no sign-up limit; workshops may have one
	Speakers    []demoRole
}
type demoFigure struct{ Value, Label string }
type demoContact struct{ Name, Role, Organisation, Phone, Mobile, Email, Languages string }
type demoRelease struct{ Slug, Title, Dateline, Summary, Body string } // Body is Markdown; release date = conference day 1

var conference = demoConference{
	Name:      "Caribbean Counter-Trafficking Conference",
	ShortName: "CTC Miami",
	Tagline:   "Prevention, protection and prosecution: working together across the Caribbean",
	Description: "Over three days in Miami, officials from governments and civil society across 19 Caribbean " +
		"countries meet regional bodies and international agencies to compare how they fight human trafficking. " +
		"Sessions move from awareness campaigns and stronger institutions to laws and prosecutions, and on to " +
		"how victims are found, cared for and helped to rebuild their lives.",
	Aim: "To strengthen cooperation within and between Caribbean countries so that information and good " +
		"practice in prevention, protection and prosecution travel as easily as traffickers do.",
	Organiser:            "IOM Regional Office for North America and the Caribbean",
	Supporter:            "U.S. Department of State, Bureau of Population, Refugees, and Migration (PRM)",
	Programme:            "IOM Caribbean Regional Programme",
	Venue:                "Riverwalk Conference Centre",
	VenueAddress:         "455 SE 3rd Avenue, Miami, FL 33131",
	City:                 "Miami, Florida",
	TimeZone:             "America/New_York",
	Capacity:             120,
	LetterSignatoryName:  "Margaret Ellison-Cruz",
	LetterSignatoryTitle: "Chief of Mission, IOM Regional Office for North America and the Caribbean",
	// The organiser's switchboard, from the press release; the mailbox and
	// the postal address are placeholders the organisers replace in the
	// settings (example.org never delivers, so the demo mails no one).
	ContactEmail:  "caribbean-conference@example.org",
	ContactPhone:  "+1 202 862 1826",
	PostalAddress: "IOM Regional Office for North America and the Caribbean\nConference secretariat\nWashington, DC, United States",
	LetterCosts: "IOM will pay the travel and accommodation of government delegates whom it sponsors; " +
		"all other participants, or the organisations sending them, meet their own costs.",
}

var tracks = []demoTrack{
	{
		Slug:        "prevention",
		Name:        "Prevention",
		Colour:      "#0f6b5c", // deep teal; white text 6.41:1
		Description: "Stopping trafficking before it starts: public awareness, safer recruitment and the national bodies that lead the response.",
	},
	{
		Slug:        "protection",
		Name:        "Protection",
		Colour:      "#1d4f91", // deep blue; white text 8.14:1
		Description: "Finding victims, meeting their urgent needs and supporting them until they are safely back on their feet.",
	},
	{
		Slug:        "prosecution",
		Name:        "Prosecution",
		Colour:      "#8c1c3a", // maroon; white text 8.97:1
		Description: "Laws, investigations and court cases that hold traffickers to account without harming the people they exploited.",
	},
	{
		Slug:        "plenary",
		Name:        "Plenary",
		Colour:      "#4a3b7a", // dark slate purple; white text 9.56:1
		Description: "Whole-conference sessions on the regional picture, cooperation between countries and the recommendations we take home.",
	},
}

var rooms = []demoRoom{
	{Name: "Biscayne Ballroom", Capacity: 150},
	{Name: "Brickell Room", Capacity: 40},
	{Name: "Coral Room", Capacity: 35},
}

var speakers = []demoSpeaker{
	{
		Key:          "baptiste",
		Name:         "Désirée Baptiste",
		Title:        "National Coordinator",
		Organisation: "National Committee against Trafficking in Persons",
		Country:      "HT",
		Bio:          "Désirée Baptiste coordinates the ministries and civil-society groups that sit on Haiti's national anti-trafficking committee. She previously ran child-protection programmes in the Artibonite and Nord departments.",
	},
	{
		Key:          "ramirez",
		Name:         "José Ramírez Peña",
		Title:        "Deputy Prosecutor, Trafficking and Smuggling Unit",
		Organisation: "Public Prosecution Service (Procuraduría General de la República)",
		Country:      "DO",
		Bio:          "José Ramírez Peña has led trafficking prosecutions in Santo Domingo for a decade. He trains new prosecutors on building cases that do not rest solely on the victim's testimony.",
	},
	{
		Key:          "vanderberg",
		Name:         "Anouk van der Berg",
		Title:        "Senior Policy Adviser",
		Organisation: "Ministry of Justice",
		Country:      "CW",
		Bio:          "Anouk van der Berg drafted Curaçao's most recent amendments on human trafficking. She advises on aligning national law with the Palermo Protocol and on cooperation within the Dutch Caribbean.",
	},
	{
		Key:          "etienne",
		Name:         "Marie-Claude Étienne",
		Title:        "Director of Human Services",
		Organisation: "Ministry of Social Services",
		Country:      "LC",
		Bio:          "Marie-Claude Étienne oversees Saint Lucia's emergency support for victims of violence and exploitation. She set up the island's first case-management protocol for trafficked persons.",
	},
	{
		Key:          "thompson",
		Name:         "Kwame Thompson",
		Title:        "Detective Superintendent, Counter-Trafficking Unit",
		Organisation: "Jamaica Constabulary Force",
		Country:      "JM",
		Bio:          "Kwame Thompson heads a police unit that investigates trafficking and online recruitment. He has taught victim-centred interviewing to officers across the English-speaking Caribbean.",
	},
	{
		Key:          "oconnor",
		Name:         "Niamh O'Connor-Lewis",
		Title:        "Legal Officer, Crime and Security",
		Organisation: "CARICOM Secretariat",
		Country:      "",
		Bio:          "Niamh O'Connor-Lewis supports CARICOM member states in harmonising their laws on organised crime. She works on regional arrangements for sharing evidence and information.",
	},
	{
		Key:          "cespedes",
		Name:         "Ana Lucía Céspedes Ortiz",
		Title:        "Specialist, Department of Public Security",
		Organisation: "Organization of American States (OAS)",
		Country:      "",
		Bio:          "Ana Lucía Céspedes Ortiz follows the hemisphere's commitments against trafficking in persons. She helps governments write national action plans and measure whether they work.",
	},
	{
		Key:          "dorelien",
		Name:         "Rosemène Dorélien",
		Title:        "Protection Officer",
		Organisation: "UNHCR",
		Country:      "",
		Bio:          "Rosemène Dorélien works where asylum and trafficking overlap, making sure people who need international protection are recognised. She has served in Haiti, Panama and Washington, D.C.",
	},
	{
		Key:          "persaud",
		Name:         "Savitri Persaud",
		Title:        "Chief Labour Officer",
		Organisation: "Ministry of Labour",
		Country:      "GY",
		Bio:          "Savitri Persaud runs Guyana's labour inspectorate and sits on the national task force against trafficking. She has pushed for the licensing of private recruitment agencies.",
	},
	{
		Key:          "wijngaarde",
		Name:         "Ruud Wijngaarde",
		Title:        "Chief Inspector, Anti-Trafficking Unit",
		Organisation: "Korps Politie Suriname",
		Country:      "SR",
		Bio:          "Ruud Wijngaarde leads investigations into forced labour in Suriname's interior, including gold-mining camps. He works closely with police in Guyana and French Guiana.",
	},
	{
		Key:          "achong",
		Name:         "Grace Achong-Williams",
		Title:        "Executive Director",
		Organisation: "Safe Harbour Shelter Trust",
		Country:      "TT",
		Bio:          "Grace Achong-Williams founded a Port of Spain NGO that shelters and counsels women and children escaping exploitation. Her team has assisted survivors from six countries.",
	},
	{
		Key:          "quinones",
		Name:         "Inés Quiñones Beltrán",
		Title:        "Regional Counter-Trafficking Specialist",
		Organisation: "IOM Regional Office for North America and the Caribbean",
		Country:      "",
		Bio:          "Inés Quiñones Beltrán manages IOM's counter-trafficking training and victim assistance across the Caribbean. She has worked on migration and protection in the region since 2003.",
	},
}

var sessions = []demoSession{
	// Day 1: the regional picture, prevention and institutions.
	{
		Day: 1, Start: "09:00", End: "10:30", Track: "plenary", Kind: "plenary", Room: "Biscayne Ballroom",
		Title: "Opening plenary: trafficking in the Caribbean today",
		Description: "Welcome from the organisers and a look at what IOM's 2005 exploratory assessment found: men, " +
			"from the region and beyond, exploited above all in forced labour, and women and girls mostly in the " +
			"sex trade or as domestic workers held in servitude. Speakers set out what has changed since and what the week should achieve.",
		Speakers: []demoRole{{"quinones", "chair"}, {"oconnor", "speaker"}, {"cespedes", "speaker"}, {"dorelien", "speaker"}},
	},
	{
		Day: 1, Start: "10:30", End: "11:00", Kind: "break",
		Title:       "Coffee break",
		Description: "Coffee, tea and fruit in the foyer.",
	},
	{
		Day: 1, Start: "11:00", End: "12:30", Track: "prevention", Kind: "panel", Room: "Biscayne Ballroom",
		Title: "Raising awareness: reaching people before the recruiters do",
		Description: "Which campaigns have actually changed behaviour in communities at risk? Panellists compare " +
			"radio spots, school visits, hotlines and the regional information campaign, and how to tell if any of it works.",
		Speakers: []demoRole{{"persaud", "moderator"}, {"baptiste", "speaker"}, {"achong", "speaker"}},
	},
	{
		Day: 1, Start: "11:00", End: "12:30", Track: "prevention", Kind: "workshop", Room: "Brickell Room",
		Title: "Workshop: recognising deceptive recruitment",
		Description: "Hands-on work with real (anonymised) job offers, dating-site profiles and text messages used to " +
			"lure people abroad. Participants learn the warning signs and draft advice their own agencies can publish.",
		Capacity: 35,
		Speakers: []demoRole{{"thompson", "speaker"}, {"quinones", "speaker"}},
	},
	{
		Day: 1, Start: "12:30", End: "13:30", Kind: "break",
		Title:       "Lunch",
		Description: "Buffet lunch on the terrace.",
	},
	{
		Day: 1, Start: "13:30", End: "15:00", Track: "plenary", Kind: "panel", Room: "Biscayne Ballroom",
		Title: "Institutional strengthening: national task forces that last",
		Description: "How do countries keep a task force working once the launch is over? The panel looks at " +
			"mandates, budgets, data collection and who holds the pen when several ministries share responsibility.",
		Speakers: []demoRole{{"oconnor", "chair"}, {"vanderberg", "speaker"}, {"persaud", "speaker"}, {"baptiste", "speaker"}},
	},
	{
		Day: 1, Start: "15:30", End: "17:30", Track: "prevention", Kind: "workshop", Room: "Coral Room",
		Title: "Workshop: drafting a national action plan",
		Description: "Small groups turn priorities into a costed plan with owners, deadlines and indicators. " +
			"Bring your country's current plan or strategy if you have one.",
		Capacity: 30,
		Speakers: []demoRole{{"cespedes", "speaker"}, {"baptiste", "speaker"}},
	},
	{
		Day: 1, Start: "15:30", End: "17:30", Track: "prevention", Kind: "panel", Room: "Biscayne Ballroom",
		Title: "Safer labour migration: recruitment agencies, inspections and forced labour",
		Description: "Labour inspectors and police discuss how to spot forced labour on farms, building sites, " +
			"fishing boats and mining camps, and how licensing recruiters can close the door on abuse.",
		Speakers: []demoRole{{"quinones", "moderator"}, {"persaud", "speaker"}, {"wijngaarde", "speaker"}, {"vanderberg", "speaker"}},
	},
	{
		Day: 1, Start: "18:30", End: "20:30", Kind: "reception", Room: "Biscayne Ballroom",
		Title:       "Welcome reception",
		Description: "An informal evening to meet colleagues from across the region, with light Caribbean food and music. Open to all registered participants.",
		Speakers:    []demoRole{{"quinones", "speaker"}},
	},

	// Day 2: protection and prosecution.
	{
		Day: 2, Start: "08:30", End: "10:00", Track: "protection", Kind: "panel", Room: "Biscayne Ballroom",
		Title: "Protection through identification: who is a victim?",
		Description: "Front-line officers, social workers and NGOs explain how they identify trafficked people at " +
			"borders, in workplaces and in shelters, and how referral systems pass them on to the right help.",
		Speakers: []demoRole{{"dorelien", "moderator"}, {"thompson", "speaker"}, {"etienne", "speaker"}, {"achong", "speaker"}},
	},
	{
		Day: 2, Start: "10:00", End: "10:30", Kind: "break",
		Title:       "Coffee break",
		Description: "Coffee, tea and pastries in the foyer.",
	},
	{
		Day: 2, Start: "10:30", End: "12:30", Track: "prosecution", Kind: "panel", Room: "Biscayne Ballroom",
		Title: "Legal frameworks: laws that match the crime",
		Description: "A review of anti-trafficking legislation across the region: definitions, penalties, protection " +
			"of witnesses and the gaps that still let traffickers walk free.",
		Speakers: []demoRole{{"oconnor", "chair"}, {"ramirez", "speaker"}, {"vanderberg", "speaker"}, {"cespedes", "speaker"}},
	},
	{
		Day: 2, Start: "10:30", End: "12:30", Track: "protection", Kind: "workshop", Room: "Brickell Room",
		Title: "Workshop: screening interviews and referral",
		Description: "Practise a first screening conversation using role play and a simple checklist, then map how " +
			"a case would be referred in your own country.",
		Capacity: 35,
		Speakers: []demoRole{{"dorelien", "speaker"}, {"etienne", "speaker"}},
	},
	{
		Day: 2, Start: "12:30", End: "13:30", Kind: "break",
		Title:       "Lunch",
		Description: "Buffet lunch on the terrace.",
	},
	{
		Day: 2, Start: "13:30", End: "15:30", Track: "protection", Kind: "panel", Room: "Biscayne Ballroom",
		Title: "Immediate care: the first days after escape",
		Description: "Safe shelter, medical care, counselling, interpretation and legal advice: what survivors need " +
			"first, who pays for it, and how small island states can share services.",
		Speakers: []demoRole{{"quinones", "moderator"}, {"achong", "speaker"}, {"etienne", "speaker"}, {"baptiste", "speaker"}},
	},
	{
		Day: 2, Start: "13:30", End: "15:30", Track: "prosecution", Kind: "workshop", Room: "Coral Room",
		Title: "Workshop: building a case that holds up in court",
		Description: "Investigators and prosecutors work through a case study together, from the first tip-off to " +
			"financial evidence and testimony that spares the victim a second ordeal.",
		Capacity: 30,
		Speakers: []demoRole{{"ramirez", "speaker"}, {"wijngaarde", "speaker"}, {"thompson", "speaker"}},
	},
	{
		Day: 2, Start: "16:00", End: "17:30", Track: "prosecution", Kind: "panel", Room: "Biscayne Ballroom",
		Title: "Prosecution across borders",
		Description: "Traffickers move people between islands and mainlands; cases rarely stay in one country. " +
			"Panellists discuss mutual legal assistance, joint investigations and bringing witnesses home to testify.",
		Speakers: []demoRole{{"cespedes", "moderator"}, {"ramirez", "speaker"}, {"wijngaarde", "speaker"}, {"vanderberg", "speaker"}},
	},

	// Day 3: reintegration, regional cooperation, recommendations.
	{
		Day: 3, Start: "08:30", End: "10:30", Track: "protection", Kind: "panel", Room: "Biscayne Ballroom",
		Title: "Reintegration: rebuilding lives at home or abroad",
		Description: "Return is only the beginning. The panel looks at family tracing, schooling, jobs and " +
			"long-term support that lower the risk of someone being trafficked again.",
		Speakers: []demoRole{{"dorelien", "moderator"}, {"etienne", "speaker"}, {"achong", "speaker"}, {"persaud", "speaker"}},
	},
	{
		Day: 3, Start: "10:30", End: "11:00", Kind: "break",
		Title:       "Coffee break",
		Description: "Coffee and tea in the foyer.",
	},
	{
		Day: 3, Start: "11:00", End: "12:30", Track: "plenary", Kind: "panel", Room: "Biscayne Ballroom",
		Title: "Regional cooperation and information exchange",
		Description: "CARICOM, the OAS, UNHCR and IOM on what regional bodies can do that countries cannot do " +
			"alone, from shared data to common training.",
		Speakers: []demoRole{{"oconnor", "chair"}, {"cespedes", "speaker"}, {"dorelien", "speaker"}, {"quinones", "speaker"}},
	},
	{
		Day: 3, Start: "12:30", End: "13:30", Kind: "break",
		Title:       "Lunch",
		Description: "Buffet lunch on the terrace.",
	},
	{
		Day: 3, Start: "13:30", End: "16:00", Track: "plenary", Kind: "plenary", Room: "Biscayne Ballroom",
		Title: "Closing plenary: recommendations for national and regional action",
		Description: "Rapporteurs from each track present their conclusions, and participants agree on " +
			"recommendations for cooperation at national and regional level. Closing remarks from the organisers.",
		Speakers: []demoRole{{"quinones", "chair"}, {"oconnor", "speaker"}, {"baptiste", "speaker"}, {"ramirez", "speaker"}},
	},
}

var figures = []demoFigure{
	{Value: "75+", Label: "participants"},
	{Value: "19", Label: "Caribbean countries"},
	{Value: "1,200+", Label: "government and NGO stakeholders trained since 2003"},
	{Value: "10", Label: "countries where training took place"},
	{Value: "54", Label: "victims for whom assistance was requested"},
	{Value: "2003", Label: "year the regional counter-trafficking work began"},
}

var contacts = []demoContact{
	{
		Name:         "Chissey Mueller",
		Role:         "Media and communications",
		Organisation: "IOM",
		Phone:        "+1 202 862 1826 ext. 236",
		Email:        "cmueller@iom.int",
		Languages:    "English",
	},
	{
		Name:         "Niurka Piñeiro",
		Role:         "Media and communications",
		Organisation: "IOM",
		Phone:        "+1 202 862 1826 ext. 225",
		Mobile:       "+1 410 487 4950",
		Email:        "npineiro@iom.int",
		Languages:    "English, Spanish",
	},
}

var releases = []demoRelease{
	{
		Slug:     "conference-opens-in-miami",
		Title:    "Caribbean governments and NGOs meet in Miami to tackle human trafficking",
		Dateline: "Miami, Florida",
		Summary: "More than 75 officials and practitioners from 19 Caribbean countries open a three-day IOM " +
			"conference in Miami today to compare how the region prevents trafficking, protects victims and prosecutes offenders.",
		Body: `Government officials and representatives of non-governmental organisations from 19 Caribbean countries are gathering in Miami from today for the three-day Caribbean Counter-Trafficking Conference. They are joined by regional and international bodies, among them CARICOM, the Organization of American States and UNHCR, bringing the number of participants to more than 75.

The programme follows the path of a trafficking case from beginning to end. Participants will trade experience and good practice on six themes:

- raising public awareness;
- strengthening the institutions that lead the response;
- legal frameworks and the prosecution of traffickers;
- protecting victims by identifying them;
- the immediate care survivors need;
- helping them return to and rebuild their lives.

The region's picture was mapped in an exploratory assessment IOM carried out in 2005. It found two main patterns: men, both Caribbean nationals and people from outside the region, were trafficked chiefly into forced labour, while women and girls were exploited mainly in the sex trade or kept in domestic servitude.

What leaves people exposed is familiar: poverty, low social and economic status, and inequality that often follows lines of gender or ethnicity. Recruiters take advantage of it. Some pose as romantic partners; others place misleading job offers in newspapers, on websites or in text messages.

Much has been achieved since 2003. Working with its Caribbean partners, IOM has trained over 1,200 people from governments and NGOs in 10 countries, keeps a regional information campaign running, and has helped put in place referral systems through which victims are identified and assisted. Partners in the region have so far asked IOM to help assist 54 victims.

The conference is meant to deepen cooperation within and between countries and to spread information and tested practice across prevention, protection and prosecution. It is organised by the IOM Regional Office for North America and the Caribbean under IOM's Caribbean Regional Programme, with support from the U.S. Department of State's Bureau of Population, Refugees, and Migration (PRM).`,
	},
}
