package web

import (
	"context"

	"github.com/gofiber/fiber/v2"
)

// conferenceRecord is a record that belongs to one conference (every model
// type an organiser opens by id has the method).
type conferenceRecord interface{ BelongsTo(conferenceID int64) bool }

// loadRecord is the record the path's :id names, fetched with get, when it
// belongs to the request's conference; a malformed or unknown id, or
// another conference's record, is a 404. Every console editor loads its
// record this way, e.g.
//
//	t, err := loadRecord(c, s.store.Track)
//	r, err := loadRecord(c, s.store.PressRelease)
func loadRecord[T conferenceRecord](c *fiber.Ctx, get func(context.Context, int64) (T, error)) (T, error) {
	x, err := loadByID(c, get)
	if err == nil && !x.BelongsTo(conference(c).ID) {
		var zero T
		return zero, fiber.ErrNotFound
	}
	return x, err
}

// loadByID is the record the path's :id names, fetched with get, for the
// records that belong to no one conference (accounts, e.g.
// loadByID(c, s.store.User)); a malformed or unknown id is a 404.
func loadByID[T any](c *fiber.Ctx, get func(context.Context, int64) (T, error)) (T, error) {
	id, err := pathID(c)
	if err != nil {
		var zero T
		return zero, err
	}
	return get(c.UserContext(), id)
}
