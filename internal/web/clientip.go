package web

import (
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// clientAddr is the address of the client a request came from: the peer
// of the connection, unless the peer is one of the trusted proxies
// (--trusted-proxies), in which case it is the right-most address in
// X-Forwarded-For that is not itself a trusted proxy. Proxies append the
// address they saw to the header, so the entries to the left of the last
// trusted hop were written by the client and prove nothing; a forged
// header from an untrusted peer is ignored altogether. Every rate limit
// and log line that names a client uses this one helper.
func (s *Server) clientAddr(c *fiber.Ctx) netip.Addr {
	peer, _ := netip.AddrFromSlice(c.Context().RemoteIP())
	peer = peer.Unmap()
	trusted := s.cfg.TrustedProxies
	if !trusted.Contains(peer) {
		return peer
	}
	var hops []string
	for _, v := range c.Request().Header.PeekAll(fiber.HeaderXForwardedFor) {
		hops = append(hops, strings.Split(string(v), ",")...)
	}
	addr := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			// Garbage where an address belongs: the hop that wrote it is
			// the last one we can vouch for.
			return addr
		}
		addr = a
		if !trusted.Contains(a) {
			return a
		}
	}
	// Every hop is a trusted proxy: the request began inside.
	return addr
}

// clientIP is clientAddr as text, for limiter keys and logs.
func (s *Server) clientIP(c *fiber.Ctx) string {
	return s.clientAddr(c).String()
}

// parseHop reads one X-Forwarded-For entry: an address, optionally with a
// port ("192.0.2.1:4711", "[2001:db8::1]:4711").
func parseHop(h string) (netip.Addr, bool) {
	h = strings.TrimSpace(h)
	if a, err := netip.ParseAddr(h); err == nil {
		return a.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(h); err == nil {
		return ap.Addr().Unmap(), true
	}
	return netip.Addr{}, false
}

// addressBlock is the network a client address belongs to for the
// per-block limits: its /24 for IPv4 and its /64 for IPv6, the smallest
// block one customer of a hosting company or one household usually gets.
func addressBlock(a netip.Addr) string {
	bits := 64
	if a.Is4() {
		bits = 24
	}
	p, err := a.Prefix(bits)
	if err != nil {
		return a.String()
	}
	return p.String()
}
