// Command confdesk runs the conference site and its organisers' console.
//
//	confdesk serve                     start the web server (migrates and seeds a new database)
//	confdesk migrate                   apply pending database migrations and exit
//	confdesk backup FILE               write an online copy of the database to FILE
//	confdesk user add --email E --role R
//	                                   add an organiser account (password from stdin, or generated)
//	confdesk retention [--dry-run] [--now YYYY-MM-DD]
//	                                   apply every purge of personal data that is due
//	confdesk litestream-config --replica URL
//	                                   print a litestream.yml for continuous backup
//	confdesk backup-files DIR          copy the uploaded files that changed into DIR
//	confdesk systemd-unit [--replica URL] [--user NAME]
//	                                   print a hardened systemd unit for this server
//
// Every subcommand takes --db (or CONFDESK_DB); run "confdesk SUBCOMMAND --help" for the rest.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // the conference's time zone works on machines without zoneinfo

	"confdesk/internal/auth"
	"confdesk/internal/config"
	"confdesk/internal/database"
	"confdesk/internal/demo"
	"confdesk/internal/mail"
	"confdesk/internal/metrics"
	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/retention"
	"confdesk/internal/store"
	"confdesk/internal/web"
)

const usage = `confdesk runs a conference's public site, press room and organisers' console.

Usage:
  confdesk serve [flags]                 start the web server
  confdesk migrate [flags]               apply pending database migrations and exit
  confdesk backup [flags] FILE           write an online copy of the database to FILE
  confdesk user add --email E --role R   add an organiser account; the password is read
                                         from stdin, or generated and printed once
  confdesk retention [--dry-run] [--now YYYY-MM-DD]
                                         delete the personal data whose retention has
                                         ended, and print what was (or would be) deleted
  confdesk litestream-config --replica URL
                                         print a litestream.yml that streams the database
                                         to URL (s3://bucket/path, file:///folder, ...)
  confdesk backup-files [flags] DIR      copy the uploaded files (press files, session
                                         documents, nomination letters, 2FA key) into DIR,
                                         only those that changed
  confdesk systemd-unit [--replica URL] [--user NAME] [flags]
                                         print a hardened systemd unit running "confdesk serve"
                                         (under "litestream replicate -exec" with --replica)

Run "confdesk serve --help" to see every setting and its CONFDESK_* variable.
`

func main() {
	if err := run(context.Background(), os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "confdesk:", err)
		os.Exit(1)
	}
}

// run dispatches to a subcommand; it is main without the process around it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no subcommand given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		return migrate(ctx, rest, getenv, stdout, stderr)
	case "backup":
		return backup(ctx, rest, getenv, stdout, stderr)
	case "user":
		if len(rest) == 0 || rest[0] != "add" {
			return errors.New(`unknown user command; use "confdesk user add --email E --role R"`)
		}
		return userAdd(ctx, rest[1:], getenv, stdin, stdout, stderr)
	case "retention":
		return retentionCmd(ctx, rest, getenv, stdout, stderr)
	case "litestream-config":
		return litestreamConfig(ctx, rest, getenv, stdout, stderr)
	case "backup-files":
		return backupFilesCmd(ctx, rest, getenv, stdout, stderr)
	case "systemd-unit":
		return systemdUnit(rest, getenv, stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown subcommand %q", cmd)
}

// flags parses the settings for a subcommand, which takes exactly nargs
// arguments after its flags; extra lets it add flags of its own.
func flags(name, synopsis string, nargs int, args []string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet)) (config.Config, []string, error) {
	fs := flag.NewFlagSet("confdesk "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: confdesk %s\n\nFlags (each also read from the environment variable in brackets):\n", synopsis)
		fs.PrintDefaults()
	}
	if extra != nil {
		extra(fs)
	}
	cfg, err := config.Load(fs, args, getenv)
	if err != nil {
		return cfg, nil, err
	}
	if fs.NArg() != nargs {
		fs.Usage()
		return cfg, nil, fmt.Errorf("confdesk %s takes %d arguments after its flags, got %d", name, nargs, fs.NArg())
	}
	return cfg, fs.Args(), nil
}

// openDB opens and migrates the database named by cfg.
func openDB(ctx context.Context, cfg config.Config) (*database.DB, int, error) {
	db, err := database.Open(cfg.DBPath)
	if err != nil {
		return nil, 0, err
	}
	n, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, 0, err
	}
	return db, n, nil
}

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	started := time.Now()
	cfg, _, err := flags("serve", "serve [flags]", 0, args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	logger, logs := newBufferedLogger(stderr, cfg.LogFormat)
	defer logs.Flush() // last, after the database has closed
	db, applied, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	st := store.New(db)
	now := time.Now().UTC()
	seeded, err := demo.EnsureConference(ctx, st, demo.Options{Demo: cfg.Demo, Start: cfg.DemoStart, Now: now, Travellers: cfg.Demo})
	if err != nil {
		return err
	}
	password, err := auth.EnsureAdmin(ctx, st, cfg.AdminEmail, cfg.AdminPassword, now)
	var weak *auth.PasswordError
	if errors.As(err, &weak) {
		// A weak first-admin password stops the start rather than guard a
		// public console with it; unset, a strong one is generated.
		return fmt.Errorf("the first admin's password (CONFDESK_ADMIN_PASSWORD) is refused: %w", err)
	}
	if err != nil {
		return fmt.Errorf("create the first admin: %w", err)
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	if cfg.BaseURL == "http://"+cfg.Addr {
		// Defaulted from --addr: name the port actually bound (":0" picks one).
		cfg.BaseURL = "http://" + ln.Addr().String()
	}
	// SIGINT, SIGTERM or the caller's cancellation stop the server.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	opts := web.Options{Config: cfg, Store: st, Logger: logger}
	mailNote := "e-mail waits in the outbox (no CONFDESK_SMTP_URL)"
	if cfg.SMTPURL != "" {
		sender, err := mail.NewSender(st, cfg.SMTPURL, cfg.MailFrom, logger, time.Now)
		if err != nil {
			return err
		}
		opts.NotifyMail = sender.Notify
		go sender.Run(ctx)
		mailNote = "e-mail goes out from " + cfg.MailFrom
	}
	metricsNote := ""
	if cfg.MetricsAddr != "" {
		// Metrics have a listener of their own, never the public one.
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("listen for metrics on %s: %w", cfg.MetricsAddr, err)
		}
		m := metrics.New(db)
		opts.Metrics = m
		mctx, mstop := context.WithCancel(ctx)
		mdone := make(chan struct{})
		// Stopped before the database closes (deferred earlier, so run later).
		defer func() { mstop(); <-mdone }()
		go func() {
			defer close(mdone)
			if err := m.Serve(mctx, mln); err != nil {
				logger.Error("metrics listener stopped", "error", err)
			}
		}()
		metricsNote = "; metrics at http://" + mln.Addr().String() + "/metrics"
	}
	srv, err := web.New(opts)
	if err != nil {
		return err
	}

	fmt.Fprintf(stdout, "confdesk is serving %s at %s (database %s", conferenceName(ctx, st), cfg.BaseURL, cfg.DBPath)
	if applied > 0 {
		fmt.Fprintf(stdout, ", %d migrations applied", applied)
	}
	if seeded {
		fmt.Fprint(stdout, ", conference seeded")
	}
	fmt.Fprintf(stdout, "; %s%s; ready in %s)\n", mailNote, metricsNote, time.Since(started).Round(time.Millisecond))
	fmt.Fprintf(stdout, "Organisers log in at %s/admin/login\n", cfg.BaseURL)
	if password != "" {
		email := cfg.AdminEmail
		if email == "" {
			email = auth.DefaultAdminEmail
		}
		if cfg.AdminPassword == "" {
			fmt.Fprintf(stdout, "  first admin: %s  password: %s  (shown once; change it after logging in)\n", email, password)
		} else {
			fmt.Fprintf(stdout, "  first admin: %s  (password from CONFDESK_ADMIN_PASSWORD)\n", email)
		}
	}
	fmt.Fprintln(stdout, "Press Ctrl+C to stop.")

	go sweepSessions(ctx, st, logger)
	// Retention runs now and every hour (the dates are days; an hour is
	// soon enough after midnight).
	retentionTicker := time.NewTicker(time.Hour)
	defer retentionTicker.Stop()
	go srv.RunRetention(ctx, retentionTicker.C, nil)
	// Scheduled announcements are queued within a minute of their time.
	announceTicker := time.NewTicker(time.Minute)
	defer announceTicker.Stop()
	go srv.RunAnnouncements(ctx, announceTicker.C, nil)
	// The reminder rule's e-mails too: due from local midnight, each sent once.
	reminderTicker := time.NewTicker(time.Hour)
	defer reminderTicker.Stop()
	go srv.RunReminders(ctx, reminderTicker.C, nil)
	// Download counts are written once a minute, and once more below.
	countTicker := time.NewTicker(time.Minute)
	defer countTicker.Stop()
	go srv.RunDownloadCounts(ctx, countTicker.C)

	errc := make(chan error, 1)
	go func() { errc <- srv.App().Listener(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		logger.Info("shutting down")
	}
	// In-flight requests get ten seconds to finish; then the database closes (deferred).
	if err := srv.App().ShutdownWithTimeout(10 * time.Second); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	// No request runs any more: the last download counts go in now.
	if err := srv.FlushDownloads(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// sweepSessions removes expired web sessions once an hour.
func sweepSessions(ctx context.Context, st *store.Store, logger *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := st.SessionStorage(time.Now).DeleteExpiredSessions(ctx); err != nil {
				logger.Error("delete expired sessions", "error", err)
			}
		}
	}
}

func conferenceName(ctx context.Context, st *store.Store) string {
	c, err := st.CurrentConference(ctx)
	if err != nil {
		return "confdesk"
	}
	return c.Name
}

func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, _, err := flags("migrate", "migrate [flags]", 0, args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	db, applied, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d migrations applied; schema version %d\n", cfg.DBPath, applied, v)
	return nil
}

func backup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, rest, err := flags("backup", "backup [flags] FILE", 1, splitTrailing(args), getenv, stderr, nil)
	if err != nil {
		return err
	}
	dest := rest[0]
	db, err := database.Open(cfg.DBPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if v, err := db.SchemaVersion(ctx); err != nil || v == 0 {
		return fmt.Errorf("%s holds no confdesk database", cfg.DBPath)
	}
	if err := db.Backup(ctx, dest); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backed up %s to %s\n", cfg.DBPath, dest)
	return nil
}

// retentionCmd applies the purges that are due, or with --dry-run counts
// them; --now acts as if it were that day (at noon UTC), for drills.
func retentionCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var dry bool
	var day string
	cfg, _, err := flags("retention", "retention [--dry-run] [--now YYYY-MM-DD] [flags]", 0, args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&dry, "dry-run", false, "print what would be deleted and delete nothing")
		fs.StringVar(&day, "now", "", "act as if today were this day (YYYY-MM-DD)")
	})
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	if day != "" {
		d, err := time.Parse(time.DateOnly, day)
		if err != nil {
			return fmt.Errorf("--now takes a date as YYYY-MM-DD, got %q", day)
		}
		// Noon UTC is the same calendar day in every zone from UTC-12 to UTC+11.
		now = d.Add(12 * time.Hour)
	}
	db, _, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := retention.Run(ctx, store.New(db), registration.LetterFilesBeside(cfg.DBPath), now, dry)
	if err != nil {
		return err
	}
	slog.New(slog.NewTextHandler(stderr, nil)).Info(rep.String())
	fmt.Fprintln(stdout, rep.String())
	return nil
}

// splitTrailing moves a FILE argument given before the flags to the end,
// so both "backup out.db --db x" and "backup --db x out.db" work.
func splitTrailing(args []string) []string {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return append(append([]string{}, args[1:]...), args[0])
	}
	return args
}

func userAdd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	var email, role, name string
	cfg, _, err := flags("user add", "user add --email E --role R [--name N] [flags]", 0, args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "the account's e-mail (its login)")
		fs.StringVar(&role, "role", "", "one of "+strings.Join(model.UserRoles, ", "))
		fs.StringVar(&name, "name", "", "the person's name")
	})
	if err != nil {
		return err
	}
	if email == "" || role == "" {
		return errors.New("user add needs --email and --role")
	}
	password, err := readPassword(stdin)
	if err != nil {
		return err
	}
	db, _, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	got, err := auth.CreateUser(ctx, store.New(db), auth.NewUser{Email: email, Name: name, Role: role, Password: password}, time.Now())
	if err != nil {
		return err
	}
	if password == "" {
		fmt.Fprintf(stdout, "added %s (%s); password: %s  (shown once)\n", email, role, got)
	} else {
		fmt.Fprintf(stdout, "added %s (%s) with the password from stdin\n", email, role)
	}
	return nil
}

// readPassword reads one line from stdin when stdin is not a terminal; an
// empty line (or a terminal) means "generate one".
func readPassword(stdin io.Reader) (string, error) {
	if f, ok := stdin.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			return "", nil
		}
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password from stdin: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
