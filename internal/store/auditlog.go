package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"confdesk/internal/model"
)

// AuditFilter narrows the audit log; empty fields match everything.
type AuditFilter struct {
	Entity string
	Actor  string
}

// AuditLog returns a page of the audit log, newest first, and how many entries match.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter, limit, offset int) ([]model.AuditEntry, int, error) {
	where := `WHERE (? = '' OR entity = ?) AND (? = '' OR actor = ?)`
	args := []any{f.Entity, f.Entity, f.Actor, f.Actor}
	var total int
	if err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM audit_log `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: audit log: %w", err)
	}
	rows, err := s.db.Read.QueryContext(ctx, `SELECT id, coalesce(conference_id, 0), coalesce(user_id, 0), actor, action,
		entity, coalesce(entity_id, 0), changes, created_at FROM audit_log `+where+` ORDER BY id DESC LIMIT ? OFFSET ?`,
		append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	var out []model.AuditEntry
	for rows.Next() {
		var e model.AuditEntry
		var changes string
		var created sql.NullString
		if err := rows.Scan(&e.ID, &e.ConferenceID, &e.UserID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &changes, &created); err != nil {
			return nil, 0, fmt.Errorf("store: audit log: %w", err)
		}
		if err := json.Unmarshal([]byte(changes), &e.Changes); err != nil {
			return nil, 0, fmt.Errorf("store: audit %d changes: %w", e.ID, err)
		}
		if e.CreatedAt, err = parseTS(created); err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// AuditEntities lists the kinds of record the audit log mentions, for its filter.
func (s *Store) AuditEntities(ctx context.Context) ([]string, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT DISTINCT entity FROM audit_log ORDER BY entity`)
	if err != nil {
		return nil, fmt.Errorf("store: audit entities: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, fmt.Errorf("store: audit entities: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
