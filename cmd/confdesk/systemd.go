package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"confdesk/internal/config"
)

// The paths a systemd-unit assumes on the server. StateDirectory=confdesk
// makes systemd create stateDir, owned by the service's user, before start.
const (
	stateDir             = "/var/lib/confdesk"
	litestreamConfigPath = "/etc/confdesk/litestream.yml"
	secretsFile          = "/etc/confdesk/confdesk.env"
	defaultLitestream    = "/usr/local/bin/litestream"
)

// unitOptions is what a systemd unit is written from.
type unitOptions struct {
	Confdesk   string      // absolute path of the confdesk binary
	Litestream string      // absolute path of litestream; used only with Replica
	Replica    string      // Litestream replica URL; empty: no continuous backup
	User       string      // a dedicated account; empty: DynamicUser=yes
	DB         string      // absolute database path
	Addr       string      // --addr
	BaseURL    string      // --base-url
	Env        [][2]string // other settings, as CONFDESK_* variable and value
	Secrets    []string    // secret variables that were set, to be named (not written)
}

// systemdUnit prints a systemd service unit for `confdesk serve` with the
// configured settings; with --replica, Litestream runs confdesk and streams
// the database's WAL to the replica.
func systemdUnit(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var o unitOptions
	fs := flag.NewFlagSet("confdesk systemd-unit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: confdesk systemd-unit [--replica URL] [--user NAME] [flags] > /etc/systemd/system/confdesk.service\n\n"+
			"Prints a hardened systemd unit that runs \"confdesk serve\" with the settings given here.\n"+
			"A relative --db is placed in "+stateDir+".\n\nFlags (each also read from the environment variable in brackets):\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&o.Replica, "replica", "", "Litestream replica URL (s3://bucket/confdesk, file:///var/backups/confdesk, ...); run under \"litestream replicate -exec\"")
	fs.StringVar(&o.User, "user", "", "run as this existing account instead of a dynamic user")
	fs.StringVar(&o.Confdesk, "confdesk", "", "absolute path of the confdesk binary on the server (default: this binary)")
	fs.StringVar(&o.Litestream, "litestream", "", "absolute path of litestream on the server (default: the one on PATH, else "+defaultLitestream+")")
	cfg, err := config.Load(fs, args, getenv)
	if err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return fmt.Errorf("confdesk systemd-unit takes no arguments after its flags, got %d", fs.NArg())
	}
	if o.Confdesk == "" {
		if o.Confdesk, err = os.Executable(); err != nil {
			return fmt.Errorf("find this binary's path (give --confdesk): %w", err)
		}
		if p, err := filepath.EvalSymlinks(o.Confdesk); err == nil {
			o.Confdesk = p
		}
	}
	if o.Litestream == "" {
		o.Litestream = defaultLitestream
		if p, err := exec.LookPath("litestream"); err == nil {
			if p, err = filepath.Abs(p); err == nil {
				o.Litestream = p
			}
		}
	}
	o.DB = cfg.DBPath
	if !filepath.IsAbs(o.DB) {
		o.DB = filepath.Join(stateDir, filepath.Base(o.DB))
	}
	o.Addr, o.BaseURL = cfg.Addr, cfg.BaseURL
	// The other settings given here, as flags or CONFDESK_* variables, read
	// from the flag set so that one added to internal/config appears without
	// a change. Defaults are left out: written down, a derived one (the
	// From: address) would no longer follow what it derives from. --demo is
	// always written: its default seeds the demo conference. Secrets are
	// named, never written.
	given := map[string]bool{"demo": true}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	fs.VisitAll(func(f *flag.Flag) {
		env := envOf(f.Usage)
		if env == "" || f.Name == "db" || f.Name == "addr" || f.Name == "base-url" {
			return
		}
		if !given[f.Name] && getenv(env) == "" {
			return
		}
		v := f.Value.String()
		if secretSetting(f.Name) {
			o.Secrets = append(o.Secrets, env)
			return
		}
		o.Env = append(o.Env, [2]string{env, v})
	})
	unit, err := o.render()
	if err != nil {
		return err
	}
	for _, s := range o.Secrets {
		fmt.Fprintf(stderr, "confdesk: %s is not written into the unit; put it in %s (mode 0600)\n", s, secretsFile)
	}
	_, err = io.WriteString(stdout, unit)
	return err
}

var envInUsage = regexp.MustCompile(`\[\$(CONFDESK_[A-Z0-9_]+)\]$`)

// envOf returns the CONFDESK_* variable named at the end of a setting's usage.
func envOf(usage string) string {
	if m := envInUsage.FindStringSubmatch(usage); m != nil {
		return m[1]
	}
	return ""
}

// secretSetting reports whether a setting holds a password (the SMTP URL
// carries one too): unit files are world-readable, and `systemctl show`
// prints Environment= to any user.
func secretSetting(name string) bool {
	return name == "smtp-url" || strings.Contains(name, "password") || strings.Contains(name, "secret") || strings.Contains(name, "token")
}

func (o unitOptions) render() (string, error) {
	for _, p := range []string{o.Confdesk, o.DB} {
		if !filepath.IsAbs(p) {
			return "", fmt.Errorf("%q: the unit needs an absolute path", p)
		}
	}
	bins := []string{o.Confdesk}
	if o.Replica != "" {
		bins = append(bins, o.Litestream)
	}
	for _, p := range bins {
		for _, dir := range hiddenFromService {
			if strings.HasPrefix(p, dir) {
				return "", fmt.Errorf("%s is out of the service's sight (ProtectHome, PrivateTmp hide %s): install it in /usr/local/bin and give its path (--confdesk, --litestream)", p, dir)
			}
		}
	}
	dataDir := filepath.Dir(o.DB)
	inState := dataDir == stateDir || strings.HasPrefix(dataDir, stateDir+"/")
	if o.User == "" && !inState {
		return "", fmt.Errorf("database %s is outside %s: a dynamic user owns only its state directory; give --user with an account that owns %s",
			o.DB, stateDir, dataDir)
	}
	var replicaDir string
	if o.Replica != "" {
		if !filepath.IsAbs(o.Litestream) {
			return "", fmt.Errorf("--litestream %q: the unit needs an absolute path", o.Litestream)
		}
		u, err := url.Parse(o.Replica)
		if err != nil || u.Scheme == "" {
			return "", fmt.Errorf("--replica %q: want a URL such as s3://bucket/confdesk or file:///var/backups/confdesk", o.Replica)
		}
		if u.Scheme == "file" {
			replicaDir = u.Path
			if !filepath.IsAbs(replicaDir) {
				return "", fmt.Errorf("--replica %q: a file replica needs an absolute path (file:///var/backups/confdesk)", o.Replica)
			}
		}
	}

	var b strings.Builder
	line := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	line("# confdesk service, written by \"confdesk systemd-unit\".")
	line("# Install: save as /etc/systemd/system/confdesk.service, then")
	line("#   systemctl daemon-reload && systemctl enable --now confdesk")
	line("# Secrets (CONFDESK_ADMIN_PASSWORD, CONFDESK_SMTP_URL, the replica's credentials)")
	line("# go in %s, mode 0600, as VARIABLE=value lines.", secretsFile)
	line("# README, \"Operating confdesk\": the proxy in front, backups, restore, upgrades.")
	line("")
	line("[Unit]")
	line("Description=confdesk conference site")
	line("# SMTP and an object-storage replica need the network up, not only configured.")
	line("Wants=network-online.target")
	line("After=network-online.target")
	line("# Restart=on-failure gives up after 5 failed starts in 5 minutes (a refused")
	line("# database, a taken port) instead of looping for ever; see `journalctl -u confdesk`.")
	line("StartLimitIntervalSec=300")
	line("StartLimitBurst=5")
	line("")
	line("[Service]")
	line("# exec: a binary that cannot start fails the start job, not later.")
	line("Type=exec")
	serve := []string{o.Confdesk, "serve", "--db", o.DB, "--addr", o.Addr, "--base-url", o.BaseURL}
	if o.Replica == "" {
		line("ExecStart=%s", execLine(serve))
	} else {
		line("# Litestream streams the WAL to %s and runs confdesk as its child;", o.Replica)
		line("# on stop it signals confdesk, waits, and syncs once more. The config comes from")
		line("#   confdesk litestream-config --db %s --replica %s > %s", o.DB, o.Replica, litestreamConfigPath)
		line("ExecStart=%s", execLine([]string{o.Litestream, "replicate", "-config", litestreamConfigPath, "-exec", shellLine(serve)}))
	}
	line("# Its own directory, so relative paths and the files beside the database stay in it.")
	line("WorkingDirectory=%s", escapeSpecifiers(dataDir))
	line("# Restart after a crash, not after a clean stop; five seconds apart.")
	line("Restart=on-failure")
	line("RestartSec=5s")
	line("# serve gives requests in flight 10 s to finish, then closes the database.")
	line("TimeoutStopSec=30s")
	line("")
	line("# The settings given to systemd-unit; the rest keep their defaults (confdesk")
	line("# serve --help lists them all). Never a password here: the unit is")
	line("# world-readable; the optional file below holds the secrets.")
	for _, kv := range o.Env {
		line("Environment=%s", quoteEnv(kv[0]+"="+kv[1]))
	}
	for _, s := range o.Secrets {
		line("# %s was set when this unit was written: put it in %s.", s, secretsFile)
	}
	line("EnvironmentFile=-%s", secretsFile)
	line("")
	if o.User == "" {
		line("# A user created for the service at each start, owning nothing outside its")
		line("# state directory; implies ProtectSystem=strict, PrivateTmp, RemoveIPC.")
		line("DynamicUser=yes")
	} else {
		line("# A dedicated account, which must own %s.", escapeSpecifiers(dataDir))
		line("User=%s", o.User)
		line("Group=%s", o.User)
	}
	line("# Creates %s for the service (0700) and keeps it across restarts.", stateDir)
	line("StateDirectory=confdesk")
	line("StateDirectoryMode=0700")
	line("# The database, its -wal/-shm, totp.key, files/, nominations/, session-documents/")
	line("# (and Litestream's .confdesk.db-litestream/) are written there; nothing else is.")
	line("UMask=0077")
	line("ProtectSystem=strict")
	line("ReadWritePaths=%s", escapeSpecifiers(dataDir))
	if replicaDir != "" {
		line("# The file replica; create it beforehand, writable by the service's user.")
		line("ReadWritePaths=%s", escapeSpecifiers(replicaDir))
	}
	line("# No access to /home, /root and /run/user; a private /tmp, /dev and mount table.")
	line("ProtectHome=yes")
	line("PrivateTmp=yes")
	line("PrivateDevices=yes")
	line("PrivateMounts=yes")
	line("# No privilege gained through setuid binaries or file capabilities.")
	line("NoNewPrivileges=yes")
	if port := portOf(o.Addr); port > 0 && port < 1024 {
		line("# --addr is a port below 1024: that one capability and no other.")
		line("AmbientCapabilities=CAP_NET_BIND_SERVICE")
		line("CapabilityBoundingSet=CAP_NET_BIND_SERVICE")
	} else {
		line("# No capabilities at all (it listens on an unprivileged port).")
		line("CapabilityBoundingSet=")
	}
	line("# The kernel, its modules, logs, tunables, cgroups, clock and host name are read-only or out of reach.")
	line("ProtectKernelTunables=yes")
	line("ProtectKernelModules=yes")
	line("ProtectKernelLogs=yes")
	line("ProtectControlGroups=yes")
	line("ProtectClock=yes")
	line("ProtectHostname=yes")
	line("ProtectProc=invisible")
	line("# IP for HTTP, SMTP and object storage; Unix sockets for the journal.")
	line("RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX")
	line("RestrictNamespaces=yes")
	line("RestrictRealtime=yes")
	line("RestrictSUIDSGID=yes")
	line("LockPersonality=yes")
	line("# Go (and SQLite, compiled through cgo) never needs memory both writable and")
	line("# executable: no JIT (TestMemoryDenyWriteExecuteFits). Litestream is Go as well.")
	line("MemoryDenyWriteExecute=yes")
	line("# The system calls of an ordinary service; any other fails with EPERM instead of killing the process.")
	line("# @resources stays allowed: Go raises its open-file limit to the hard limit at start")
	line("# (setrlimit), and a server with the soft 1024 runs out of connections.")
	line("SystemCallArchitectures=native")
	line("SystemCallFilter=@system-service")
	line("SystemCallFilter=~@privileged")
	line("SystemCallErrorNumber=EPERM")
	line("")
	line("[Install]")
	line("WantedBy=multi-user.target")
	return b.String(), nil
}

// hiddenFromService are the directories the unit's ProtectHome=yes and
// PrivateTmp=yes hide or empty: a binary there cannot be started.
var hiddenFromService = []string{"/home/", "/root/", "/run/user/", "/tmp/", "/var/tmp/"}

func portOf(addr string) int {
	_, p, err := net.SplitHostPort(addr)
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(p)
	return n
}

// escapeSpecifiers doubles %, which systemd reads as a specifier (%h, %S, ...).
func escapeSpecifiers(s string) string {
	return strings.ReplaceAll(s, "%", "%%")
}

// execLine writes a command for ExecStart=: each word in double quotes
// when it needs them, with % and $ doubled (specifiers and variables).
func execLine(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		w = strings.NewReplacer("%", "%%", "$", "$$").Replace(w)
		if w == "" || strings.ContainsAny(w, " \t\"'\\;") {
			w = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(w) + `"`
		}
		out[i] = w
	}
	return strings.Join(out, " ")
}

// shellLine joins a command for litestream's -exec, which splits it the way
// a shell does: words with anything but safe characters go in single quotes.
func shellLine(words []string) string {
	safe := regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./-]+$`)
	out := make([]string, len(words))
	for i, w := range words {
		if !safe.MatchString(w) {
			w = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
		}
		out[i] = w
	}
	return strings.Join(out, " ")
}

// quoteEnv writes one Environment= assignment in double quotes.
func quoteEnv(kv string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "%", "%%").Replace(kv) + `"`
}
