// Package db embeds the SQL migrations, so the binary carries its schema.
package db

import "embed"

// Migrations holds db/migrations/NNNN_name.sql, applied in file-name order.
//
//go:embed migrations/*.sql
var Migrations embed.FS
