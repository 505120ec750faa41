package config

import (
	"flag"
	"io"
	"testing"
)

func load(t *testing.T, args []string, vars map[string]string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return Load(fs, args, func(k string) string { return vars[k] })
}

func TestDefaults(t *testing.T) {
	c, err := load(t, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DBPath != "data/confdesk.db" || c.BaseURL != "http://127.0.0.1:8080" ||
		c.RegisterLimit != 20 || c.DownloadLimit != 30 || !c.Demo || c.Secure() {
		t.Errorf("defaults: %+v", c)
	}
}

func TestFlagBeatsEnvironmentBeatsDefault(t *testing.T) {
	vars := map[string]string{
		"CONFDESK_ADDR":           "0.0.0.0:9000",
		"CONFDESK_DB":             "/var/lib/confdesk/env.db",
		"CONFDESK_BASE_URL":       "https://ctc.example.org/",
		"CONFDESK_REGISTER_LIMIT": "0",
		"CONFDESK_DOWNLOAD_LIMIT": "0",
		"CONFDESK_DEMO":           "false",
		"CONFDESK_SMTP_URL":       "smtp://u:p@mail.example.org:587",
	}
	c, err := load(t, []string{"--db", "flag.db"}, vars)
	if err != nil {
		t.Fatal(err)
	}
	if c.DBPath != "flag.db" {
		t.Errorf("DBPath = %q: the flag must win", c.DBPath)
	}
	if c.Addr != "0.0.0.0:9000" || c.RegisterLimit != 0 || c.DownloadLimit != 0 || c.Demo || c.SMTPURL == "" {
		t.Errorf("environment not applied: %+v", c)
	}
	if c.BaseURL != "https://ctc.example.org" || !c.Secure() {
		t.Errorf("BaseURL = %q (trailing slash trimmed, https = secure)", c.BaseURL)
	}
}

func TestBadSettingsAreRefused(t *testing.T) {
	for name, tc := range map[string]struct {
		args []string
		vars map[string]string
	}{
		"limit not a number": {nil, map[string]string{"CONFDESK_REGISTER_LIMIT": "lots"}},
		"negative limit":     {[]string{"--register-limit", "-5"}, nil},
		"download limit":     {nil, map[string]string{"CONFDESK_DOWNLOAD_LIMIT": "-1"}},
		"demo not a bool":    {nil, map[string]string{"CONFDESK_DEMO": "maybe"}},
		"log format":         {[]string{"--log-format", "xml"}, nil},
		"metrics no port":    {nil, map[string]string{"CONFDESK_METRICS_ADDR": "localhost"}},
		"metrics on public":  {[]string{"--addr", "127.0.0.1:9000", "--metrics-addr", "127.0.0.1:9000"}, nil},
		"bad demo start":     {[]string{"--demo-start", "15/03/2027"}, nil},
		"relative base URL":  {[]string{"--base-url", "ctc.example.org"}, nil},
		"SMTP without host":  {[]string{"--smtp-url", "smtp://"}, nil},
		"SMTP other scheme":  {[]string{"--smtp-url", "http://mail.example.org"}, nil},
	} {
		if _, err := load(t, tc.args, tc.vars); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestTrustedProxies(t *testing.T) {
	c, err := load(t, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.TrustedProxies) != 0 {
		t.Errorf("trusted proxies by default: %v", c.TrustedProxies)
	}
	c, err = load(t, []string{"--trusted-proxies", "10.0.0.0/8, 192.0.2.7,2001:db8::/32"},
		map[string]string{"CONFDESK_TRUSTED_PROXIES": "203.0.113.0/24"})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.TrustedProxies.String(); got != "10.0.0.0/8,192.0.2.7/32,2001:db8::/32" {
		t.Errorf("trusted proxies = %q (the flag wins, bare addresses are /32)", got)
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.example.org", "10.0.0.0/8;1.2.3.4"} {
		if _, err := load(t, []string{"--trusted-proxies", bad}, nil); err == nil {
			t.Errorf("--trusted-proxies %q accepted", bad)
		}
		if _, err := load(t, nil, map[string]string{"CONFDESK_TRUSTED_PROXIES": bad}); err == nil {
			t.Errorf("CONFDESK_TRUSTED_PROXIES=%q accepted", bad)
		}
	}
	if _, err := load(t, []string{"--register-block-limit", "-1"}, nil); err == nil {
		t.Error("negative block limit accepted")
	}
}

func TestMetricsAndLogFormat(t *testing.T) {
	c, err := load(t, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.MetricsAddr != "" || c.LogFormat != "text" {
		t.Errorf("defaults: metrics %q (want off), log format %q (want text)", c.MetricsAddr, c.LogFormat)
	}
	c, err = load(t, []string{"--log-format", "json"},
		map[string]string{"CONFDESK_METRICS_ADDR": "127.0.0.1:9090", "CONFDESK_LOG_FORMAT": "text"})
	if err != nil {
		t.Fatal(err)
	}
	if c.MetricsAddr != "127.0.0.1:9090" || c.LogFormat != "json" {
		t.Errorf("metrics %q, log format %q", c.MetricsAddr, c.LogFormat)
	}
}
