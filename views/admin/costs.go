package admin

import (
	"confdesk/internal/model"
	"confdesk/views"
)

// costsOptions are the answers to who covers a participant's costs, as the
// registration page offers them.
var costsOptions = []views.OptionGroup{{Options: []views.Option{
	{Value: model.CostsOrganiser, Label: "The organisers (sponsored)"},
	{Value: model.CostsSelf, Label: "The participant or their organisation"},
}}}
