// Package config reads confdesk's settings from command-line flags and
// CONFDESK_* environment variables. A flag given on the command line wins
// over the environment; the environment wins over the default.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/mail"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config holds every setting of the server.
type Config struct {
	Addr          string // listen address, host:port
	DBPath        string // SQLite file
	BaseURL       string // absolute root for links in e-mails, QR codes and calendars
	AdminEmail    string // first admin, created when there are no users
	AdminPassword string
	SMTPURL       string // smtp://user:pass@host:port; empty keeps mail in the outbox
	MailFrom      string // From: of outgoing mail; derived from the SMTP user or the base URL when empty
	RegisterLimit int    // registration submissions per minute per client IP; 0 = off
	DownloadLimit int    // a participant's document downloads (badge, letter, certificate) per minute; 0 = off
	Demo          bool   // seed the demo conference into a new database
	DemoStart     string // first day of the demo conference, YYYY-MM-DD; empty = 60 days after creation

	// RegisterBlockLimit is registration submissions per hour per address
	// block (IPv4 /24, IPv6 /64); 0 turns only this limit off.
	RegisterBlockLimit int
	// TrustedProxies are the peers whose X-Forwarded-For is believed; none by default.
	TrustedProxies Prefixes

	// MetricsAddr is where Prometheus metrics are served, on a listener of
	// their own (never the public one); empty turns metrics off.
	MetricsAddr string
	// LogFormat is "text" or "json", the form of every log line.
	LogFormat string
}

// Default is the configuration of `make run`.
var Default = Config{
	Addr:          "127.0.0.1:8080",
	DBPath:        "data/confdesk.db",
	RegisterLimit: 20,
	DownloadLimit: 30,
	Demo:          true,
	LogFormat:     "text",

	// An hour's worth of one large delegation from one network; a bot
	// hopping addresses inside one block gets no more than that.
	RegisterBlockLimit: 60,
}

// setting ties one flag to its environment variable.
type setting struct {
	flag, env, usage string
}

var settings = []setting{
	{"addr", "CONFDESK_ADDR", "address to listen on (host:port)"},
	{"db", "CONFDESK_DB", "SQLite database file (created and migrated if new)"},
	{"base-url", "CONFDESK_BASE_URL", "public root URL for links in e-mails, badges and calendars (default http://ADDR)"},
	{"admin-email", "CONFDESK_ADMIN_EMAIL", "e-mail of the first admin, created when there are no users"},
	{"admin-password", "CONFDESK_ADMIN_PASSWORD", "password of the first admin (default: generated and printed once)"},
	{"smtp-url", "CONFDESK_SMTP_URL", "smtp://user:pass@host:port for outgoing mail (unset: mail waits in the outbox)"},
	{"mail-from", "CONFDESK_MAIL_FROM", "From: address of outgoing mail (default: the SMTP user if it is an address, else confdesk@ the base URL's host)"},
	{"register-limit", "CONFDESK_REGISTER_LIMIT", "registration submissions per minute per client IP (0 turns every registration limit off)"},
	{"register-block-limit", "CONFDESK_REGISTER_BLOCK_LIMIT", "registration submissions per hour per address block, IPv4 /24 or IPv6 /64 (0 turns this limit off)"},
	{"download-limit", "CONFDESK_DOWNLOAD_LIMIT", "a participant's badge, letter and certificate downloads per minute, by self-service link (0 turns the limit off)"},
	{"trusted-proxies", "CONFDESK_TRUSTED_PROXIES", "comma-separated CIDRs of reverse proxies whose X-Forwarded-For is believed (default none)"},
	{"metrics-addr", "CONFDESK_METRICS_ADDR", "address of a separate listener for Prometheus metrics on /metrics, e.g. 127.0.0.1:9090 (default off)"},
	{"log-format", "CONFDESK_LOG_FORMAT", "form of log lines: text or json"},
	{"demo", "CONFDESK_DEMO", "seed the demo conference into a new database (--demo=false for an empty conference)"},
	{"demo-start", "CONFDESK_DEMO_START", "first day of the demo conference, YYYY-MM-DD (default: 60 days after the database is created)"},
}

// Flags registers the settings on fs, bound to c, with c's current values as defaults.
func (c *Config) Flags(fs *flag.FlagSet) {
	for _, s := range settings {
		usage := s.usage + " [$" + s.env + "]"
		switch s.flag {
		case "addr":
			fs.StringVar(&c.Addr, s.flag, c.Addr, usage)
		case "db":
			fs.StringVar(&c.DBPath, s.flag, c.DBPath, usage)
		case "base-url":
			fs.StringVar(&c.BaseURL, s.flag, c.BaseURL, usage)
		case "admin-email":
			fs.StringVar(&c.AdminEmail, s.flag, c.AdminEmail, usage)
		case "admin-password":
			fs.StringVar(&c.AdminPassword, s.flag, c.AdminPassword, usage)
		case "smtp-url":
			fs.StringVar(&c.SMTPURL, s.flag, c.SMTPURL, usage)
		case "mail-from":
			fs.StringVar(&c.MailFrom, s.flag, c.MailFrom, usage)
		case "register-limit":
			fs.IntVar(&c.RegisterLimit, s.flag, c.RegisterLimit, usage)
		case "download-limit":
			fs.IntVar(&c.DownloadLimit, s.flag, c.DownloadLimit, usage)
		case "register-block-limit":
			fs.IntVar(&c.RegisterBlockLimit, s.flag, c.RegisterBlockLimit, usage)
		case "trusted-proxies":
			fs.Var(&c.TrustedProxies, s.flag, usage)
		case "metrics-addr":
			fs.StringVar(&c.MetricsAddr, s.flag, c.MetricsAddr, usage)
		case "log-format":
			fs.StringVar(&c.LogFormat, s.flag, c.LogFormat, usage)
		case "demo":
			fs.BoolVar(&c.Demo, s.flag, c.Demo, usage)
		case "demo-start":
			fs.StringVar(&c.DemoStart, s.flag, c.DemoStart, usage)
		}
	}
}

// Load builds the configuration for args (without the program and
// subcommand names) on top of Default and the environment read by getenv.
// Arguments after the flags are left in fs.Args(). With
// flag.ContinueOnError, -h returns flag.ErrHelp after printing usage.
func Load(fs *flag.FlagSet, args []string, getenv func(string) string) (Config, error) {
	c := Default
	if err := c.applyEnv(getenv); err != nil {
		return c, err
	}
	c.Flags(fs)
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	return c, c.normalise()
}

func (c *Config) applyEnv(getenv func(string) string) error {
	var errs []error
	for _, s := range settings {
		v := getenv(s.env)
		if v == "" {
			continue
		}
		switch s.flag {
		case "addr":
			c.Addr = v
		case "db":
			c.DBPath = v
		case "base-url":
			c.BaseURL = v
		case "admin-email":
			c.AdminEmail = v
		case "admin-password":
			c.AdminPassword = v
		case "smtp-url":
			c.SMTPURL = v
		case "mail-from":
			c.MailFrom = v
		case "register-limit":
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: want a whole number", s.env, v))
			}
			c.RegisterLimit = n
		case "download-limit":
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: want a whole number", s.env, v))
			}
			c.DownloadLimit = n
		case "register-block-limit":
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: want a whole number", s.env, v))
			}
			c.RegisterBlockLimit = n
		case "trusted-proxies":
			if err := c.TrustedProxies.Set(v); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", s.env, err))
			}
		case "metrics-addr":
			c.MetricsAddr = v
		case "log-format":
			c.LogFormat = v
		case "demo":
			b, err := strconv.ParseBool(strings.TrimSpace(v))
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: want true or false", s.env, v))
			}
			c.Demo = b
		case "demo-start":
			c.DemoStart = v
		}
	}
	return errors.Join(errs...)
}

// normalise fills derived defaults and checks values that would otherwise
// fail later, far from their cause.
func (c *Config) normalise() error {
	if c.RegisterLimit < 0 {
		return fmt.Errorf("register limit %d: want 0 (off) or more", c.RegisterLimit)
	}
	if c.DownloadLimit < 0 {
		return fmt.Errorf("download limit %d: want 0 (off) or more", c.DownloadLimit)
	}
	if c.RegisterBlockLimit < 0 {
		return fmt.Errorf("register block limit %d: want 0 (off) or more", c.RegisterBlockLimit)
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		return fmt.Errorf("log format %q: want text or json", c.LogFormat)
	}
	if c.MetricsAddr != "" {
		_, port, err := net.SplitHostPort(c.MetricsAddr)
		if err != nil {
			return fmt.Errorf("metrics address %q: want host:port", c.MetricsAddr)
		}
		if c.MetricsAddr == c.Addr && port != "0" { // port 0: each listener picks its own
			return fmt.Errorf("metrics address %q: must differ from the public address", c.MetricsAddr)
		}
	}
	if c.DemoStart != "" {
		if _, err := time.Parse(time.DateOnly, c.DemoStart); err != nil {
			return fmt.Errorf("demo start %q: want a date as YYYY-MM-DD", c.DemoStart)
		}
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("base URL %q: want an absolute http or https URL", c.BaseURL)
	}
	if c.SMTPURL != "" {
		su, err := url.Parse(c.SMTPURL)
		if err != nil || (su.Scheme != "smtp" && su.Scheme != "smtps") || su.Host == "" {
			return errors.New("SMTP URL: want smtp://user:pass@host:port")
		}
		if c.MailFrom == "" && strings.Contains(su.User.Username(), "@") {
			c.MailFrom = su.User.Username()
		}
	}
	if c.MailFrom == "" {
		c.MailFrom = "confdesk@" + u.Hostname()
	}
	if _, err := mail.ParseAddress(c.MailFrom); err != nil {
		return fmt.Errorf("mail from %q: want an e-mail address", c.MailFrom)
	}
	return nil
}

// Secure reports whether the site is served over https, so cookies get the
// Secure flag and responses carry HSTS.
func (c Config) Secure() bool {
	return strings.HasPrefix(c.BaseURL, "https://")
}

// Prefixes is a list of address ranges, written as comma-separated CIDRs
// ("10.0.0.0/8, 2001:db8::/32"); a bare address stands for itself alone.
type Prefixes []netip.Prefix

// String writes the list back as comma-separated CIDRs.
func (p *Prefixes) String() string {
	if p == nil {
		return ""
	}
	parts := make([]string, len(*p))
	for i, q := range *p {
		parts[i] = q.String()
	}
	return strings.Join(parts, ",")
}

// Set replaces the list with the CIDRs in v.
func (p *Prefixes) Set(v string) error {
	var out Prefixes
	for part := range strings.SplitSeq(v, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		q, err := netip.ParsePrefix(part)
		if err != nil {
			a, aerr := netip.ParseAddr(part)
			if aerr != nil {
				return fmt.Errorf("trusted proxies: %q is not a CIDR such as 10.0.0.0/8 or an address", part)
			}
			q = netip.PrefixFrom(a, a.BitLen())
		}
		// Masked, and IPv4-mapped IPv6 written as IPv4, so that Contains
		// compares like with like.
		if q.Addr().Is4In6() {
			q = netip.PrefixFrom(q.Addr().Unmap(), max(q.Bits()-96, 0))
		}
		out = append(out, q.Masked())
	}
	*p = out
	return nil
}

// Contains reports whether a is in one of the ranges.
func (p Prefixes) Contains(a netip.Addr) bool {
	a = a.Unmap()
	for _, q := range p {
		if q.Contains(a) {
			return true
		}
	}
	return false
}
