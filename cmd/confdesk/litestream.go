package main

// Continuous backup: "confdesk litestream-config" prints the litestream.yml
// that streams the database to a replica, and "confdesk backup-files" copies
// the uploaded files, which are not in the database, beside a backup.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// defaultSyncInterval is how often Litestream ships the WAL to the replica.
// Litestream reads the WAL every second (its monitor interval) and ships
// what it read every sync interval, so an acknowledged registration reaches
// the replica within about the two added together (2 s; the drill in
// internal/drill measures it). One second costs a request per second to object
// storage (about 2.6 million PUTs a month on S3 while the server writes;
// none while it is idle), which is cheap beside losing a registration.
const defaultSyncInterval = time.Second

// replicaSchemes are the replica types Litestream v0.5 reads from a URL.
var replicaSchemes = []string{"s3", "gs", "abs", "sftp", "file"}

func litestreamConfig(_ context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var replica string
	var interval time.Duration
	cfg, _, err := flags("litestream-config", "litestream-config --replica URL [--sync-interval D] [flags]", 0, args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&replica, "replica", "", "where Litestream streams the database: "+
			"s3://bucket/path, gs://bucket/path, abs://container/path, sftp://host/path or file:///absolute/folder")
		fs.DurationVar(&interval, "sync-interval", defaultSyncInterval, "how often the WAL is shipped (the most that can be lost)")
	})
	if err != nil {
		return err
	}
	if err := checkReplicaURL(replica); err != nil {
		return err
	}
	if interval < 100*time.Millisecond || interval > time.Hour {
		return fmt.Errorf("--sync-interval %s is out of range (100ms to 1h)", interval)
	}
	path, err := filepath.Abs(cfg.DBPath)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(stdout, litestreamYAML(path, replica, interval))
	return err
}

// litestreamYAML is the litestream.yml for the database at path (absolute).
func litestreamYAML(path, replica string, interval time.Duration) string {
	return fmt.Sprintf(`# litestream.yml for confdesk, printed by "confdesk litestream-config".
# Run the server under Litestream:
#   litestream replicate -config litestream.yml -exec "confdesk serve --db %[1]s"
# Restore (server stopped; the database and its -wal/-shm moved aside):
#   litestream restore -config litestream.yml %[1]s
# S3 and compatible services read AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
# from the environment; keep them out of this file.
dbs:
  - path: %[1]s
    replica:
      url: %[2]s
      sync-interval: %[3]s
`, yamlQuote(path), yamlQuote(replica), interval)
}

// yamlQuote returns s as a double-quoted YAML scalar when it needs one.
func yamlQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " #:'\"\\\t\n{}[],&*!|>%@`") {
		return s
	}
	if strings.ContainsAny(s, ": #") && !strings.ContainsAny(s, "'\"\\\t\n") {
		return `"` + s + `"`
	}
	return fmt.Sprintf("%q", s) // Go's escapes are a subset of YAML's double-quoted ones
}

// checkReplicaURL refuses a replica URL Litestream would not understand.
func checkReplicaURL(raw string) error {
	if raw == "" {
		return errors.New("litestream-config needs --replica URL (e.g. s3://bucket/confdesk or file:///var/backups/confdesk)")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("--replica %q is not a URL: %w", raw, err)
	}
	known := false
	for _, s := range replicaSchemes {
		known = known || u.Scheme == s
	}
	if !known {
		return fmt.Errorf("--replica %q: the scheme must be one of %s://", raw, strings.Join(replicaSchemes, "://, "))
	}
	if u.Scheme == "file" {
		if u.Host != "" || !strings.HasPrefix(u.Path, "/") || filepath.Clean(u.Path) == "/" {
			return fmt.Errorf("--replica %q: a file replica is file:///absolute/folder (three slashes), not the root", raw)
		}
		return nil
	}
	if u.Host == "" {
		return fmt.Errorf("--replica %q names no bucket or host", raw)
	}
	if u.User != nil {
		if _, hasPassword := u.User.Password(); hasPassword {
			return fmt.Errorf("--replica: put no password in the URL; give it to Litestream through its environment")
		}
	}
	return nil
}

// uploadDirs are the folders beside the database that hold uploaded files,
// and uploadFiles the single files there that the database needs (the 2FA
// key seals the accounts' two-factor secrets). The "cache" folder is left
// out: it is rebuilt from the database.
var (
	uploadDirs  = []string{"files", "session-documents", "nominations"}
	uploadFiles = []string{"totp.key"}
)

// filesSummary counts what backupFiles did.
type filesSummary struct {
	Copied, Unchanged int
	Bytes             int64
}

func backupFilesCmd(_ context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, rest, err := flags("backup-files", "backup-files [flags] DIR", 1, splitTrailing(args), getenv, stderr, nil)
	if err != nil {
		return err
	}
	src := filepath.Dir(cfg.DBPath)
	sum, err := backupFiles(src, rest[0])
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "backed up the files beside %s to %s: %d copied (%d bytes), %d unchanged\n",
		cfg.DBPath, rest[0], sum.Copied, sum.Bytes, sum.Unchanged)
	return err
}

// backupFiles copies the uploaded files of the data folder src into dest,
// keeping their relative paths: a file whose copy has the same size and
// modification time is skipped, any other is written to a temporary name,
// synced and renamed over the copy. Files deleted from src stay in dest
// (a backup never loses a file through a mistaken deletion); restoring
// copies dest back and the database ignores files it does not name.
func backupFiles(src, dest string) (filesSummary, error) {
	var sum filesSummary
	if err := os.MkdirAll(dest, 0o750); err != nil {
		return sum, err
	}
	copyOne := func(rel string, fi fs.FileInfo) error {
		to := filepath.Join(dest, rel)
		if old, err := os.Stat(to); err == nil && old.Size() == fi.Size() && old.ModTime().Equal(fi.ModTime()) {
			sum.Unchanged++
			return nil
		}
		if err := copyFile(filepath.Join(src, rel), to, fi); err != nil {
			return err
		}
		sum.Copied++
		sum.Bytes += fi.Size()
		return nil
	}
	for _, name := range uploadFiles {
		fi, err := os.Stat(filepath.Join(src, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return sum, err
		}
		if err := copyOne(name, fi); err != nil {
			return sum, err
		}
	}
	for _, dir := range uploadDirs {
		root := filepath.Join(src, dir)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return fs.SkipDir
			}
			if err != nil || d.IsDir() || !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".backup-") {
				return err
			}
			fi, err := d.Info()
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(src, p)
			if err != nil {
				return err
			}
			return copyOne(rel, fi)
		})
		if err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// copyFile writes from's content to to through a synced temporary file,
// then gives it fi's permissions and modification time.
func copyFile(from, to string, fi fs.FileInfo) (err error) {
	if err := os.MkdirAll(filepath.Dir(to), 0o750); err != nil {
		return err
	}
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	var rnd [8]byte
	_, _ = rand.Read(rnd[:])
	tmp := filepath.Join(filepath.Dir(to), ".backup-"+hex.EncodeToString(rnd[:]))
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fi.Mode().Perm()|0o600)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", from, err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	if err := os.Chtimes(tmp, fi.ModTime(), fi.ModTime()); err != nil {
		return err
	}
	return os.Rename(tmp, to)
}
