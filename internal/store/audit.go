package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"confdesk/internal/model"
)

// Audit records who did what to which record, in the same transaction as the change.
func (tx *Tx) Audit(e model.AuditEntry) error {
	changes := "{}"
	if len(e.Changes) > 0 {
		b, err := json.Marshal(e.Changes)
		if err != nil {
			return fmt.Errorf("store: audit changes: %w", err)
		}
		changes = string(b)
	}
	_, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO audit_log (conference_id, user_id, actor, action, entity, entity_id,
		changes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		nullID(e.ConferenceID), nullID(e.UserID), e.Actor, e.Action, e.Entity, nullID(e.EntityID), changes, ts(e.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: audit %s %s: %w", e.Action, e.Entity, err)
	}
	return nil
}

// Diff is what an audit line records of a change: each field whose value
// differs between before and after, as [old, new]. A field missing on one
// side counts as "", so nil before describes a creation and nil after a
// deletion (only the fields that held something are listed).
func Diff(before, after map[string]string) map[string][2]string {
	out := map[string][2]string{}
	for k, v := range after {
		if before[k] != v {
			out[k] = [2]string{before[k], v}
		}
	}
	for k, v := range before {
		if _, ok := after[k]; !ok && v != "" {
			out[k] = [2]string{v, ""}
		}
	}
	return out
}

// AuditDiff records e with the fields that differ between before and after
// (see Diff) added to e.Changes, which may hold entries Diff cannot compute
// (a redacted value, say). An "update" that changes nothing writes no
// line: the log lists what happened, not every press of Save.
func (tx *Tx) AuditDiff(e model.AuditEntry, before, after map[string]string) error {
	changes := Diff(before, after)
	for k, v := range e.Changes {
		changes[k] = v
	}
	if len(changes) == 0 && e.Action == "update" {
		return nil
	}
	e.Changes = changes
	return tx.Audit(e)
}

// AuditFor returns the history of one record, newest first.
func (s *Store) AuditFor(ctx context.Context, entity string, id int64) ([]model.AuditEntry, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT id, coalesce(conference_id, 0), coalesce(user_id, 0), actor, action,
		entity, coalesce(entity_id, 0), changes, created_at FROM audit_log WHERE entity = ? AND entity_id = ?
		ORDER BY id DESC`, entity, id)
	if err != nil {
		return nil, fmt.Errorf("store: audit for %s %d: %w", entity, id, err)
	}
	defer rows.Close()
	var out []model.AuditEntry
	for rows.Next() {
		var e model.AuditEntry
		var changes string
		var created sql.NullString
		if err := rows.Scan(&e.ID, &e.ConferenceID, &e.UserID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &changes, &created); err != nil {
			return nil, fmt.Errorf("store: audit for %s %d: %w", entity, id, err)
		}
		if err := json.Unmarshal([]byte(changes), &e.Changes); err != nil {
			return nil, fmt.Errorf("store: audit %d changes: %w", e.ID, err)
		}
		if e.CreatedAt, err = parseTS(created); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
