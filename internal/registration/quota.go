package registration

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"confdesk/internal/country"
	"confdesk/internal/model"
	"confdesk/internal/store"
)

// Delegation quotas. Organisers fix how many participants each country,
// and optionally each type of organisation, may send
// (/admin/delegations/quotas). A participant beyond a full quota joins
// that quota's queue on the waiting list (statusFor), pending instead
// under moderation; a place freed in a country's quota goes to that
// country's queue first (promoteIfRoom). The check and the insert share
// the write transaction, as capacity's do, so simultaneous registrations
// cannot exceed a quota. Capacity as a whole still applies.

// MaxQuota bounds one quota, as the database does.
const MaxQuota = 100_000

// QuotaField is the form field of a country's quota ("quota_JM"), or of an
// organisation type's ("quota_org_ngo") when dimension is model.QuotaOrgType.
func QuotaField(dimension, value string) string {
	if dimension == model.QuotaOrgType {
		return "quota_org_" + value
	}
	return "quota_" + value
}

// QuotaForm is the quota form as typed: each field's text by its name.
type QuotaForm map[string]string

// QuotaFormOf reads the quota fields from a posted form. A country field
// may also come as the pair add_country / add_quota (the form's "another
// country" row).
func QuotaFormOf(v url.Values) QuotaForm {
	f := QuotaForm{}
	for k := range v {
		if strings.HasPrefix(k, "quota_") {
			f[k] = strings.TrimSpace(v.Get(k))
		}
	}
	if code := strings.ToUpper(strings.TrimSpace(v.Get("add_country"))); country.Valid(code) {
		if q := strings.TrimSpace(v.Get("add_quota")); q != "" {
			f[QuotaField(model.QuotaCountry, code)] = q
		}
	}
	return f
}

// QuotaFormFrom fills the form from the stored quotas.
func QuotaFormFrom(qs []model.QuotaUsage) QuotaForm {
	f := QuotaForm{}
	for _, q := range qs {
		f[QuotaField(q.Dimension, q.Value)] = strconv.Itoa(q.Quota.Quota)
	}
	return f
}

// Validate reads the quotas: a blank field is no quota, a number from 0
// to MaxQuota is one; fields naming no country or type are ignored.
func (f QuotaForm) Validate() ([]model.Quota, model.FieldErrors) {
	var qs []model.Quota
	var errs model.FieldErrors
	for field, text := range f {
		q := model.Quota{Dimension: model.QuotaCountry}
		if t, ok := strings.CutPrefix(field, "quota_org_"); ok {
			q.Dimension, q.Value = model.QuotaOrgType, t
			if !slices.Contains(model.OrgTypes, t) {
				continue
			}
		} else {
			q.Value = strings.TrimPrefix(field, "quota_")
			if !country.Valid(q.Value) {
				continue
			}
		}
		if text == "" {
			continue
		}
		n, err := strconv.Atoi(text)
		if err != nil || n < 0 || n > MaxQuota {
			errs.Add(field, "Enter a whole number of places from 0 to 100,000, or leave it empty for no quota.")
			continue
		}
		q.Quota = n
		qs = append(qs, q)
	}
	slices.SortFunc(qs, func(a, b model.Quota) int {
		return strings.Compare(a.Dimension+" "+a.Value, b.Dimension+" "+b.Value)
	})
	return qs, errs
}

// SaveQuotas replaces the conference's quotas with qs, audited, and gives
// the places a raised quota frees to the waiting list in its order, each
// with its e-mail, in the same transaction. It returns those promoted.
func (s *Service) SaveQuotas(ctx context.Context, c model.Conference, qs []model.Quota, actor Actor) ([]model.Registration, error) {
	now := s.Now()
	var promoted []model.Registration
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		promoted = nil
		c, err := tx.Conference(c.ID)
		if err != nil {
			return err
		}
		old, err := tx.Quotas(c.ID)
		if err != nil {
			return err
		}
		changes := map[string][2]string{}
		before := map[string]string{}
		for _, q := range old {
			before[quotaKey(q.Quota)] = strconv.Itoa(q.Quota.Quota)
		}
		after := map[string]string{}
		for _, q := range qs {
			after[quotaKey(q)] = strconv.Itoa(q.Quota)
		}
		for k, v := range before {
			if after[k] != v {
				changes[k] = [2]string{v, after[k]}
			}
		}
		for k, v := range after {
			if _, had := before[k]; !had {
				changes[k] = [2]string{"", v}
			}
		}
		if len(changes) == 0 {
			return nil
		}
		if err := tx.SetQuotas(c.ID, qs); err != nil {
			return err
		}
		if err := tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
			Action: "quotas", Entity: "conference", EntityID: c.ID, CreatedAt: now, Changes: changes}); err != nil {
			return err
		}
		for {
			p, err := s.promoteIfRoom(tx, c, now, 0, "")
			if p == nil || err != nil {
				return err
			}
			promoted = append(promoted, *p)
		}
	})
	if err != nil {
		return nil, err
	}
	if len(promoted) > 0 {
		s.notify()
	}
	return promoted, nil
}

// quotaKey names a quota in the audit log: "quota JM", "quota org_type ngo".
func quotaKey(q model.Quota) string {
	if q.Dimension == model.QuotaOrgType {
		return "quota org_type " + q.Value
	}
	return "quota " + q.Value
}

// CountryDelegation is one country's line of the dashboard's delegations
// table: its quota (HasQuota false: none), its participants by status, its
// heads of delegation and its focal points.
type CountryDelegation struct {
	model.QuotaUsage
	HasQuota    bool
	Name        string
	Heads       []model.Registration
	FocalPoints []model.FocalPoint
}

// CountryDelegations lists the countries that have a quota or a focal
// point, Caribbean countries first as the delegations page orders them:
// each with its quota, its participants by status (counts, as
// store.ParticipantCounts gives them), the heads of delegation among
// members (the registrations that count) and its focal points.
func CountryDelegations(qs []model.QuotaUsage, counts map[string]map[string]int, members []model.Registration, fps []model.FocalPoint) []CountryDelegation {
	heads := map[string][]model.Registration{}
	for _, d := range GroupDelegations(members, ByCountry) {
		heads[d.Country] = d.Heads()
	}
	lines := map[string]*CountryDelegation{}
	line := func(code string) *CountryDelegation {
		if l, ok := lines[code]; ok {
			return l
		}
		c := counts[code]
		l := &CountryDelegation{Name: country.Name(code), Heads: heads[code], QuotaUsage: model.QuotaUsage{
			Quota:     model.Quota{Dimension: model.QuotaCountry, Value: code},
			Confirmed: c[model.StatusConfirmed], Pending: c[model.StatusPending], Waitlisted: c[model.StatusWaitlisted]}}
		lines[code] = l
		return l
	}
	for _, q := range qs {
		if q.Dimension == model.QuotaCountry {
			l := line(q.Value)
			l.QuotaUsage, l.HasQuota = q, true
		}
	}
	for _, fp := range fps {
		l := line(fp.Country)
		l.FocalPoints = append(l.FocalPoints, fp)
	}
	out := make([]CountryDelegation, 0, len(lines))
	for _, l := range lines {
		out = append(out, *l)
	}
	slices.SortFunc(out, func(a, b CountryDelegation) int {
		if r := rankOf(a.Value) - rankOf(b.Value); r != 0 {
			return r
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out
}
