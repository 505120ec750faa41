package admin

import (
	"confdesk/internal/model"
	"confdesk/internal/report"
	"confdesk/views"
)

// ReportsView is the reports page: the filter form and a card per report.
type ReportsView struct {
	Filter report.Filter
	// Errors are the filter's problems, shown by their fields.
	Errors model.FieldErrors
	Cards  []ReportCard
}

// ReportCard is one report with its download addresses, to which its
// buttons send the filter form.
type ReportCard struct {
	Slug, Title string
	PDF, CSV    string
	Uses        string // which of the form's filters it reads, in words
}

// errorFor is the filter's message for field, or "".
func (v ReportsView) errorFor(field string) string {
	return v.Errors.Get(field)
}

// Filtered reports whether the form narrows any report.
func (v ReportsView) Filtered() bool {
	return v.Filter.From != "" || v.Filter.To != "" || v.Filter.Status != "" || v.Filter.By == report.ByInstitution
}

// reportStatusOptions are the statuses the registrations report can count alone.
func reportStatusOptions() []views.Option { return options(model.Statuses, StatusLabels) }

// groupingOptions are the list of participants' groupings.
var groupingOptions = []views.Option{
	{Value: report.ByCountry, Label: "By country (the Caribbean first)"},
	{Value: report.ByInstitution, Label: "By institution"},
}

// reportDescriptions say what each report holds.
var reportDescriptions = map[string]string{
	"registrations": "Totals by status and category; by country (every country with a registration, the Caribbean first) " +
		"with a bar chart; delegations by country with their heads of delegation; by type of organisation; by delegation (institution); registrations over time with a line chart; the waiting list in queue order.",
	"participants": "The list handed to the delegations, with a cover page: name, job title and organisation, grouped by " +
		"country or institution, heads of delegation first, then by last name. Only confirmed participants who ticked " +
		"“Include my name … in the list of participants” appear; pending registrations do not.",
	"attendance": "People checked in at the door on each day; for each session the sign-ups, attendance, room " +
		"capacity and fill rate (attendance over the room's seats); totals per track.",
	"press": "Accredited journalists by outlet and by country, requests awaiting review, and the downloads of the media " +
		"kit and of each press file.",
}

func reportDescription(slug string) string { return reportDescriptions[slug] }
