// Package ipaddress detects IPv4 and IPv6 addresses (個人関連情報: personal
// only when linked to a person). Global addresses rate higher than private,
// loopback, link-local and documentation ones.
package ipaddress

import (
	"net/netip"
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// Detector finds IP addresses: IPv4 from the text's digit spans, IPv6 by
// expanding around each ':'.
type Detector struct{}

// New returns an IP address detector.
func New() *Detector { return &Detector{} }

var (
	_ detectors.Detector = (*Detector)(nil)
	_ detectors.Masker   = (*Detector)(nil)
)

// Type implements detectors.Detector.
func (*Detector) Type() string { return "ip_address" }

// Keywords implements detectors.Detector: the detector is never gated.
func (*Detector) Keywords() []string { return nil }

// contextWords raise the confidence one level within contextWindow
// characters. ASCII words match whole words only ("ip" not in "zip").
var contextWords = []string{"ip", "ipv4", "ipv6", "ipアドレス", "ip address", "ipaddress", "ipaddr",
	"remote_addr", "remoteaddr", "client ip", "client_ip", "接続元", "アクセス元", "送信元"}

// versionWords before an IPv4-shaped number make it a version: "Ver. 1.2.3.4".
var versionWords = []string{"version", "ver", "バージョン", "firmware", "ファームウェア", "build", "ビルド"}

// Column words: whole words of the column name (split at non-letters and
// camelCase), or pairs of consecutive words.
var (
	columnWords     = []string{"ip", "ipv", "ipaddr", "ipaddress"}
	columnPairs     = [][2]string{{"remote", "addr"}, {"client", "ip"}, {"host", "ip"}, {"forwarded", "for"}}
	columnWordsNorm = []string{"接続元", "アクセス元", "ipv4", "ipv6", "ipアドレス"}
)

const (
	contextWindow = 30 // characters
	versionWindow = 15
)

// Find implements detectors.Detector.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	var out []detectors.Candidate
	s := t.Norm
	// IPv6 first, so that IPv4 inside an IPv6 address (::ffff:192.0.2.1) is
	// not reported twice.
	for off := 0; off < len(s); {
		k := strings.IndexByte(s[off:], ':')
		if k < 0 {
			break
		}
		l, r, next, ok := findV6(s, off+k)
		if ok {
			out = append(out, detectors.Candidate{Start: l, End: r})
		}
		off = next
	}
	n6 := len(out)
	for _, sp := range t.Spans() {
		if sp.Digits < 4 {
			continue
		}
		gs := t.Groups(sp)
		if len(gs) < 4 {
			continue
		}
		for i := 0; i+3 < len(gs); i++ {
			if i > 0 && gs[i].Sep != " " {
				continue
			}
			start, end, ok := v4Window(t, sp, gs, i)
			if !ok || inside(out[:n6], start, end) {
				continue
			}
			out = append(out, detectors.Candidate{Start: start, End: end})
			i += 3
		}
	}
	return out
}

func inside(cs []detectors.Candidate, start, end int) bool {
	for _, c := range cs {
		if start < c.End && end > c.Start {
			return true
		}
	}
	return false
}

// v4Window checks whether groups gs[i..i+3] of sp are an IPv4 address on
// value boundaries and returns its offsets.
func v4Window(t *detectors.Text, sp detectors.Span, gs []detectors.Group, i int) (int, int, bool) {
	s := t.Norm
	for k := i; k < i+4; k++ {
		if k > i && gs[k].Sep != "." || !octet(s[gs[k].Start:gs[k].End]) {
			return 0, 0, false
		}
	}
	start, end := gs[i].Start, gs[i+3].End
	last := len(gs) - 1
	switch {
	case i+3 == last:
		a := t.After(end)
		if detectors.IsWordByte(a) || a == '.' && isLetter(t.After(end+1)) {
			return 0, 0, false
		}
	case gs[i+4].Sep == " ":
	case gs[i+4].Sep == "/" && i+4 == last && prefixLen(s[gs[i+4].Start:gs[i+4].End]) && !detectors.IsWordByte(t.After(sp.End)):
		// CIDR: 192.168.1.10/24; the address is reported without the prefix.
	default:
		return 0, 0, false
	}
	if i == 0 {
		b := t.Before(start) // the byte before the digits: may be '(' or '+'
		if detectors.IsWordByte(b) || b == '.' {
			return 0, 0, false
		}
		if start != sp.Start && detectors.IsWordByte(t.Before(sp.Start)) {
			return 0, 0, false
		}
	}
	v := s[start:end]
	if v == "0.0.0.0" || v == "255.255.255.255" {
		return 0, 0, false
	}
	return start, end, true
}

// octet: 0-255 without leading zeros.
func octet(g string) bool {
	switch len(g) {
	case 1:
		return true
	case 2:
		return g[0] != '0'
	case 3:
		return g[0] == '1' || g[0] == '2' && (g[1] < '5' || g[1] == '5' && g[2] <= '5')
	}
	return false
}

func prefixLen(g string) bool {
	return len(g) == 1 || len(g) == 2 && g[0] != '0' && (g[0] < '3' || g == "30" || g == "31" || g == "32")
}

// findV6 expands the run of hex digits, ':' and '.' around s[colon] and
// checks it as an IPv6 address, returning its offsets and the run's end,
// where the caller goes on even when the run is no address.
func findV6(s string, colon int) (l, r, next int, ok bool) {
	l = colon
	for l > 0 && isV6Byte(s[l-1]) {
		l--
	}
	r = colon + 1
	for r < len(s) && isV6Byte(s[r]) {
		r++
	}
	next = r
	// Trim sentence punctuation and a label's colon: "addr:2001:db8::1." .
	for r > l && s[r-1] == '.' {
		r--
	}
	if r-l >= 2 && s[r-1] == ':' && s[r-2] != ':' {
		r--
	}
	if r-l >= 2 && s[l] == ':' && s[l+1] != ':' {
		l++
	}
	for l < r && s[l] == '.' {
		l++
	}
	v := s[l:r]
	if len(v) < 2 || len(v) > 45 {
		return l, r, next, false
	}
	colons := strings.Count(v, ":")
	double := strings.Contains(v, "::")
	dotted := strings.IndexByte(v, '.') >= 0
	// Cheap shape checks before netip, which allocates on failure: times
	// (12:34:56) and MAC addresses (5 colons) never get that far.
	switch {
	case colons < 2:
		return l, r, next, false
	case double:
	case colons == 7 && !dotted:
	case colons == 6 && dotted:
	default:
		return l, r, next, false
	}
	if isMAC(v) {
		return l, r, next, false
	}
	if detectors.IsWordByte(beforeByte(s, l)) || detectors.IsWordByte(afterByte(s, r)) {
		return l, r, next, false
	}
	a, err := netip.ParseAddr(v)
	if err != nil || classifyV6(a) == classNone {
		return l, r, next, false
	}
	return l, r, next, true
}

// isMAC: six or eight groups of two hex digits.
func isMAC(v string) bool {
	if len(v) != 17 && len(v) != 23 {
		return false
	}
	for i := 2; i < len(v); i += 3 {
		if v[i] != ':' {
			return false
		}
	}
	return true
}

func beforeByte(s string, i int) byte {
	if i <= 0 {
		return 0
	}
	return s[i-1]
}

func afterByte(s string, i int) byte {
	if i >= len(s) {
		return 0
	}
	return s[i]
}

type class uint8

const (
	classNone class = iota
	classGlobal
	classPrivate
	classLoopback
	classLinkLocal
	classDoc
	classULA
	classShared
)

func (c class) reason() string {
	switch c {
	case classGlobal:
		return "global unicast address"
	case classPrivate:
		return "private address"
	case classLoopback:
		return "loopback address"
	case classLinkLocal:
		return "link-local address"
	case classDoc:
		return "documentation range"
	case classULA:
		return "unique local address"
	case classShared:
		return "shared address space (CGNAT)"
	}
	return ""
}

var (
	doc4 = []netip.Prefix{
		netip.MustParsePrefix("192.0.2.0/24"),
		netip.MustParsePrefix("198.51.100.0/24"),
		netip.MustParsePrefix("203.0.113.0/24"),
	}
	shared4   = netip.MustParsePrefix("100.64.0.0/10")
	bench4    = netip.MustParsePrefix("198.18.0.0/15")
	doc6      = netip.MustParsePrefix("2001:db8::/32")
	global6   = netip.MustParsePrefix("2000::/3")
	siteLocal = netip.MustParsePrefix("fec0::/10")
)

func classifyV4(a netip.Addr) class {
	b := a.As4()
	switch {
	case b[0] == 0, b[0] >= 224: // "this network", multicast, reserved, broadcast
		return classNone
	case a.IsLoopback():
		return classLoopback
	case a.IsPrivate():
		return classPrivate
	case a.IsLinkLocalUnicast():
		return classLinkLocal
	case doc4[0].Contains(a), doc4[1].Contains(a), doc4[2].Contains(a):
		return classDoc
	case shared4.Contains(a), bench4.Contains(a):
		return classShared
	}
	return classGlobal
}

func classifyV6(a netip.Addr) class {
	if a.Is4In6() {
		return classifyV4(a.Unmap())
	}
	switch {
	case a.IsLoopback():
		return classLoopback
	case a.IsLinkLocalUnicast(), siteLocal.Contains(a):
		return classLinkLocal
	case a.IsPrivate():
		return classULA
	case doc6.Contains(a):
		return classDoc
	case global6.Contains(a):
		return classGlobal
	}
	// Unspecified, multicast, and the unallocated space where strings
	// like "a::b" or "dead:beef::1" land.
	return classNone
}

// Judge implements detectors.Detector.
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	v := t.Norm[c.Start:c.End]
	a, err := netip.ParseAddr(v)
	if err != nil {
		return detectors.Verdict{}
	}
	var cl class
	if a.Is4() {
		cl = classifyV4(a)
	} else {
		cl = classifyV6(a)
	}
	if cl == classNone {
		return detectors.Verdict{}
	}
	reasons := []string{cl.reason()}
	conf := detectors.Low
	if cl == classGlobal {
		conf = detectors.Medium
	}
	var ctx []string
	if kw, ok := t.KeywordAround(contextWords, c.Start, c.End, contextWindow, contextWindow, true); ok {
		ctx = append(ctx, kw.Reason())
	}
	if w, ok := columnMatch(t); ok {
		ctx = append(ctx, detectors.ColumnReason(w))
	}
	if a.Is4() && len(ctx) == 0 {
		if kw, ok := t.KeywordAround(versionWords, c.Start, c.End, versionWindow, 0, true); ok {
			return detectors.Verdict{Reasons: []string{"version number: " + kw.Reason()}}
		}
		if len(v) == 7 { // 1.2.3.4: every octet one digit
			conf = detectors.Low
			reasons = append(reasons, "single-digit octets (may be a version or section number)")
		}
	}
	if len(ctx) > 0 && conf < detectors.High {
		conf++
	}
	return detectors.Verdict{Confidence: conf, Reasons: append(reasons, ctx...)}
}

// Mask keeps the first two octets of IPv4 ("203.0.*.*") and the first two
// groups of IPv6 ("2001:db8:*").
func (*Detector) Mask(value string) string {
	v := detectors.Normalize(value)
	if strings.IndexByte(v, ':') < 0 {
		parts := strings.Split(v, ".")
		if len(parts) != 4 {
			return detectors.MaskDefault(value)
		}
		return parts[0] + "." + parts[1] + ".*.*"
	}
	// Keep up to two groups, stopping at "::".
	groups := 0
	for i := 0; i < len(v); i++ {
		if v[i] != ':' {
			continue
		}
		groups++
		keep := i + 1 // up to the second group
		if groups < 2 {
			if i+1 >= len(v) || v[i+1] != ':' {
				continue
			}
			keep = i + 2 // up to "::"
		}
		if keep >= len(v) {
			// Nothing after the prefix ("2001::"): it is the value.
			break
		}
		return v[:keep] + "*"
	}
	return detectors.MaskDefault(value)
}

func isV6Byte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.'
}

// columnMatch matches the column name by whole words, so that "zip" and
// "description" do not count as "ip".
func columnMatch(t *detectors.Text) (string, bool) {
	if t.Column == "" {
		return "", false
	}
	if w, ok := t.ColumnHas(columnWordsNorm); ok {
		return w, true
	}
	var words [16]string
	n := 0
	detectors.EachWord(detectors.Normalize(t.Column), func(w string) bool {
		if n < len(words) {
			words[n] = w
			n++
		}
		return false
	})
	for k, w := range words[:n] {
		for _, cw := range columnWords {
			if w == cw {
				return cw, true
			}
		}
		if k+1 < n {
			for _, p := range columnPairs {
				if w == p[0] && words[k+1] == p[1] {
					return p[0] + "_" + p[1], true
				}
			}
		}
	}
	return "", false
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// Requires implements detectors.Requirer: an IPv4 address needs digits, an
// IPv6 address a colon.
func (*Detector) Requires() detectors.Feature { return detectors.HasDigit | detectors.HasColon }
