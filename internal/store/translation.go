package store

import (
	"context"
	"fmt"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

// ContentTranslations returns every translation of the conference's own
// content into lang, for the public pages in that language.
func (rd reader) ContentTranslations(ctx context.Context, conferenceID int64, lang string) (i18n.Content, error) {
	rows, err := rd.q.QueryContext(ctx, `SELECT kind, record_id, field, text FROM translations
		WHERE conference_id = ? AND language = ?`, conferenceID, lang)
	if err != nil {
		return nil, fmt.Errorf("store: content translations: %w", err)
	}
	defer rows.Close()
	out := i18n.Content{}
	for rows.Next() {
		var f i18n.Field
		var text string
		if err := rows.Scan(&f.Kind, &f.ID, &f.Name, &text); err != nil {
			return nil, fmt.Errorf("store: content translations: %w", err)
		}
		out[f] = text
	}
	return out, rows.Err()
}

// Translations returns the translations of one record, for its editor.
func (rd reader) Translations(ctx context.Context, kind string, id int64) (model.Translations, error) {
	rows, err := rd.q.QueryContext(ctx, `SELECT field, language, text FROM translations
		WHERE kind = ? AND record_id = ?`, kind, id)
	if err != nil {
		return nil, fmt.Errorf("store: translations of %s %d: %w", kind, id, err)
	}
	defer rows.Close()
	out := model.Translations{}
	for rows.Next() {
		var field, lang, text string
		if err := rows.Scan(&field, &lang, &text); err != nil {
			return nil, fmt.Errorf("store: translations of %s %d: %w", kind, id, err)
		}
		if out[field] == nil {
			out[field] = map[string]string{}
		}
		out[field][lang] = text
	}
	return out, rows.Err()
}

// Translations returns the translations of one record, inside the transaction.
func (tx *Tx) Translations(kind string, id int64) (model.Translations, error) {
	return tx.read.Translations(tx.ctx, kind, id)
}

// SetTranslations replaces the translations of one record with t; empty
// texts are left out, so clearing a field removes its translation.
func (tx *Tx) SetTranslations(conferenceID int64, kind string, id int64, t model.Translations) error {
	if _, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM translations WHERE kind = ? AND record_id = ?`, kind, id); err != nil {
		return fmt.Errorf("store: translations of %s %d: %w", kind, id, err)
	}
	for field, byLang := range t {
		for lang, text := range byLang {
			if text == "" {
				continue
			}
			if _, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO translations (conference_id, kind, record_id, field, language, text)
				VALUES (?, ?, ?, ?, ?, ?)`, conferenceID, kind, id, field, lang, text); err != nil {
				return fmt.Errorf("store: translations of %s %d: %w", kind, id, err)
			}
		}
	}
	return nil
}
