package demo

import (
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/settings"
	"confdesk/internal/store"
)

// translations are the demo's own content in Spanish, French and Dutch,
// as organisers would enter them in the console: the conference's name,
// tagline and about text, the key figures and the tracks. The sessions
// are left in English, so that the demo also shows how a page marks
// content no one has translated yet (lang="en").
var translations = struct {
	conference model.Translations
	figures    []map[string]string // by position: language → label
	tracks     map[string]model.Translations
}{
	conference: model.Translations{
		"name": {
			"es": "Conferencia del Caribe contra la Trata de Personas",
			"fr": "Conférence caribéenne de lutte contre la traite des personnes",
			"nl": "Caribische Conferentie tegen Mensenhandel",
		},
		"tagline": {
			"es": "Prevención, protección y enjuiciamiento: trabajar juntos en todo el Caribe",
			"fr": "Prévention, protection et poursuites : agir ensemble dans toute la Caraïbe",
			"nl": "Preventie, bescherming en vervolging: samenwerken in het hele Caribisch gebied",
		},
		"description": {
			"es": "Durante tres días en Miami, funcionarios de gobiernos y de la sociedad civil de 19 países del Caribe se reúnen con organismos regionales e internacionales para comparar cómo combaten la trata de personas. Las sesiones abarcan desde las campañas de sensibilización y el fortalecimiento de las instituciones hasta las leyes y los procesos judiciales, y la manera de identificar, atender y acompañar a las víctimas en la reconstrucción de sus vidas.",
			"fr": "Pendant trois jours à Miami, des responsables gouvernementaux et de la société civile de 19 pays de la Caraïbe rencontrent des organismes régionaux et des agences internationales pour comparer leurs façons de combattre la traite des personnes. Les séances vont des campagnes de sensibilisation et du renforcement des institutions aux lois et aux poursuites, jusqu’à la manière d’identifier les victimes, de les prendre en charge et de les aider à reconstruire leur vie.",
			"nl": "Drie dagen lang komen in Miami functionarissen van overheden en maatschappelijke organisaties uit 19 Caribische landen bijeen met regionale instellingen en internationale organisaties om te vergelijken hoe zij mensenhandel bestrijden. De sessies gaan van bewustwordingscampagnes en sterkere instellingen tot wetgeving en vervolging, en tot de vraag hoe slachtoffers worden opgespoord, opgevangen en geholpen hun leven weer op te bouwen.",
		},
		"aim": {
			"es": "Reforzar la cooperación dentro de los países del Caribe y entre ellos, para que la información y las buenas prácticas en prevención, protección y enjuiciamiento circulen con la misma facilidad que los tratantes.",
			"fr": "Renforcer la coopération au sein des pays de la Caraïbe et entre eux, afin que l’information et les bonnes pratiques en matière de prévention, de protection et de poursuites circulent aussi facilement que les trafiquants.",
			"nl": "De samenwerking binnen en tussen de Caribische landen versterken, zodat informatie en goede praktijken op het gebied van preventie, bescherming en vervolging zich even gemakkelijk verplaatsen als mensenhandelaars.",
		},
	},
	figures: []map[string]string{
		{"es": "participantes", "fr": "participants", "nl": "deelnemers"},
		{"es": "países del Caribe", "fr": "pays de la Caraïbe", "nl": "Caribische landen"},
		{"es": "actores gubernamentales y de ONG capacitados desde 2003", "fr": "acteurs gouvernementaux et d’ONG formés depuis 2003", "nl": "betrokkenen van overheden en ngo’s opgeleid sinds 2003"},
		{"es": "países donde se impartió capacitación", "fr": "pays où des formations ont eu lieu", "nl": "landen waar trainingen werden gegeven"},
		{"es": "víctimas para las que se solicitó asistencia", "fr": "victimes pour lesquelles une assistance a été demandée", "nl": "slachtoffers voor wie hulp werd aangevraagd"},
		{"es": "año en que comenzó el trabajo regional contra la trata", "fr": "année où a commencé le travail régional contre la traite", "nl": "jaar waarin het regionale werk tegen mensenhandel begon"},
	},
	tracks: map[string]model.Translations{
		"prevention": {
			"name":        {"es": "Prevención", "fr": "Prévention", "nl": "Preventie"},
			"description": {"es": "Detener la trata antes de que empiece: sensibilización del público, contratación más segura y los órganos nacionales que encabezan la respuesta.", "fr": "Arrêter la traite avant qu’elle ne commence : sensibilisation du public, recrutement plus sûr et instances nationales qui pilotent la riposte.", "nl": "Mensenhandel stoppen voordat die begint: voorlichting van het publiek, veiliger werving en de nationale instanties die de aanpak leiden."},
		},
		"protection": {
			"name":        {"es": "Protección", "fr": "Protection", "nl": "Bescherming"},
			"description": {"es": "Identificar a las víctimas, atender sus necesidades urgentes y acompañarlas hasta que puedan valerse por sí mismas con seguridad.", "fr": "Identifier les victimes, répondre à leurs besoins urgents et les accompagner jusqu’à ce qu’elles soient de nouveau autonomes et en sécurité.", "nl": "Slachtoffers opsporen, in hun dringende behoeften voorzien en hen bijstaan tot zij weer veilig op eigen benen staan."},
		},
		"prosecution": {
			"name":        {"es": "Enjuiciamiento", "fr": "Poursuites", "nl": "Vervolging"},
			"description": {"es": "Leyes, investigaciones y procesos judiciales que exigen cuentas a los tratantes sin perjudicar a las personas que explotaron.", "fr": "Lois, enquêtes et procès qui obligent les trafiquants à rendre des comptes sans nuire aux personnes qu’ils ont exploitées.", "nl": "Wetten, onderzoeken en rechtszaken die mensenhandelaars ter verantwoording roepen zonder de mensen die zij uitbuitten te schaden."},
		},
		"plenary": {
			"name":        {"es": "Sesión plenaria", "fr": "Séance plénière", "nl": "Plenaire sessie"},
			"description": {"es": "Sesiones con toda la conferencia sobre el panorama regional, la cooperación entre países y las recomendaciones que llevaremos a casa.", "fr": "Séances réunissant toute la conférence sur la situation régionale, la coopération entre pays et les recommandations que nous rapporterons chez nous.", "nl": "Sessies met de hele conferentie over het regionale beeld, de samenwerking tussen landen en de aanbevelingen die wij mee naar huis nemen."},
		},
	},
}

// seedTranslations stores the demo's translations for the conference
// confID, whose tracks have the ids trackIDs (by slug).
func seedTranslations(tx *store.Tx, confID int64, trackIDs map[string]int64) error {
	if err := tx.SetTranslations(confID, i18n.KindConference, confID, translations.conference); err != nil {
		return err
	}
	for slug, t := range translations.tracks {
		if err := tx.SetTranslations(confID, i18n.KindTrack, trackIDs[slug], t); err != nil {
			return err
		}
	}
	figures := model.Translations{}
	for i, byLang := range translations.figures {
		name := settings.FigureField(confID, i).Name
		for lang, text := range byLang {
			figures.Set(name, lang, text)
		}
	}
	return tx.SetTranslations(confID, i18n.KindFigure, confID, figures)
}
