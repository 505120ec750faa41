package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLitestreamConfig(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "confdesk.db")
	var out bytes.Buffer
	// The database path comes from CONFDESK_DB as from --db, made absolute.
	t.Chdir(dir)
	err := run(ctx, []string{"litestream-config", "--replica", "s3://bucket/confdesk"}, env(map[string]string{"CONFDESK_DB": "data/confdesk.db"}), nil, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"dbs:\n", "  - path: " + db + "\n", "    replica:\n", "      url: \"s3://bucket/confdesk\"\n", "      sync-interval: 1s\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("litestream.yml lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := run(ctx, []string{"litestream-config", "--db", db, "--replica", "file:///var/backups/confdesk", "--sync-interval", "5s"}, env(nil), nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "file:///var/backups/confdesk\"\n      sync-interval: 5s\n") {
		t.Errorf("file replica:\n%s", out.String())
	}
	for _, bad := range []string{"", "http://example.org/x", "file://relative/x", "file:///", "s3:///confdesk", "sftp://u:secret@host/x", "::"} {
		if err := run(ctx, []string{"litestream-config", "--db", db, "--replica", bad}, env(nil), nil, io.Discard, io.Discard); err == nil {
			t.Errorf("--replica %q accepted", bad)
		}
	}
	if err := run(ctx, []string{"litestream-config", "--db", db, "--replica", "s3://b/x", "--sync-interval", "1ms"}, env(nil), nil, io.Discard, io.Discard); err == nil {
		t.Error("--sync-interval 1ms accepted")
	}
}

func TestYAMLQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/var/lib/confdesk/confdesk.db": "/var/lib/confdesk/confdesk.db",
		"/srv/my data/c.db":             `"/srv/my data/c.db"`,
		`/srv/it's "x".db`:              `"/srv/it's \"x\".db"`,
	} {
		if got := yamlQuote(in); got != want {
			t.Errorf("yamlQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestBackupFiles(t *testing.T) {
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "data")
	dest := filepath.Join(t.TempDir(), "files-backup")
	write := func(rel, content string) {
		t.Helper()
		p := filepath.Join(data, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("files/a.pdf", "press file")
	write("session-documents/s1/b.pdf", "session document")
	write("nominations/c.pdf", "letter")
	write("totp.key", "key")
	write("cache/kit.zip", "derived, not backed up")
	write("confdesk.db", "the database goes through Litestream")
	db := filepath.Join(data, "confdesk.db")
	backup := func() string {
		t.Helper()
		var out bytes.Buffer
		if err := run(ctx, []string{"backup-files", "--db", db, dest}, env(nil), nil, &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	if got := backup(); !strings.Contains(got, "4 copied (35 bytes), 0 unchanged") {
		t.Errorf("first backup: %s", got)
	}
	for rel, want := range map[string]string{"files/a.pdf": "press file", "session-documents/s1/b.pdf": "session document",
		"nominations/c.pdf": "letter", "totp.key": "key"} {
		if b, err := os.ReadFile(filepath.Join(dest, rel)); err != nil || string(b) != want {
			t.Errorf("%s in the backup: %q, %v", rel, b, err)
		}
	}
	for _, rel := range []string{"cache/kit.zip", "confdesk.db"} {
		if _, err := os.Stat(filepath.Join(dest, rel)); err == nil {
			t.Errorf("%s was copied", rel)
		}
	}
	if got := backup(); !strings.Contains(got, "0 copied (0 bytes), 4 unchanged") {
		t.Errorf("second backup: %s", got)
	}
	// A changed file (new content, new time) is copied again; a deleted one stays in the backup.
	write("files/a.pdf", "press file, v2")
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(data, "files/a.pdf"), later, later); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(data, "nominations/c.pdf")); err != nil {
		t.Fatal(err)
	}
	if got := backup(); !strings.Contains(got, "1 copied (14 bytes), 2 unchanged") {
		t.Errorf("third backup: %s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "files/a.pdf")); string(b) != "press file, v2" {
		t.Errorf("changed file in the backup: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dest, "nominations/c.pdf")); err != nil {
		t.Errorf("a file deleted from data left the backup: %v", err)
	}
	// A data folder with no uploads yet backs up nothing, without an error.
	empty := filepath.Join(t.TempDir(), "c.db")
	if err := run(ctx, []string{"backup-files", "--db", empty, filepath.Join(t.TempDir(), "b")}, env(nil), nil, io.Discard, io.Discard); err != nil {
		t.Errorf("backup-files of an empty data folder: %v", err)
	}
}
