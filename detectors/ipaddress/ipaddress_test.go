package ipaddress

import (
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

func TestPositives(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "global", Text: "アクセス 93.184.216.34 から", Want: detectortest.Medium("93.184.216.34")},
		{Name: "global with keyword", Text: "接続元IP：93.184.216.34", Want: detectortest.High("93.184.216.34")},
		{Name: "remote_addr", Text: "remote_addr=93.184.216.34", Want: detectortest.High("93.184.216.34")},
		{Name: "access log", Text: `2024-03-15 10:00:00 93.184.216.34 "GET / HTTP/1.1" 200`, Want: detectortest.Medium("93.184.216.34")},
		{Name: "documentation", Text: "203.0.113.5", Want: detectortest.Low("203.0.113.5")},
		{Name: "private", Text: "ゲートウェイは192.168.1.1です", Want: detectortest.Low("192.168.1.1")},
		{Name: "private with keyword", Text: "IPアドレス：192.168.1.10", Want: detectortest.Medium("192.168.1.10")},
		{Name: "ip address words", Text: "client ip 10.0.0.1", Want: detectortest.Medium("10.0.0.1")},
		{Name: "loopback with port", Text: "127.0.0.1:8080", Want: detectortest.Low("127.0.0.1")},
		{Name: "cidr", Text: "inet 192.168.1.10/24 brd", Want: detectortest.Low("192.168.1.10")},
		{Name: "full-width", Text: "１９２．１６８．０．１", Want: detectortest.Low("１９２．１６８．０．１")},
		{Name: "single-digit octets", Text: "8.8.8.8", Want: detectortest.Low("8.8.8.8")},
		{Name: "single-digit octets with keyword", Text: "DNS IP 8.8.8.8", Want: detectortest.High("8.8.8.8")},
		{Name: "column client_ip", Column: "client_ip", Text: "93.184.216.34", Want: detectortest.High("93.184.216.34")},
		{Name: "column camelCase", Column: "request.remoteAddr", Text: "93.184.216.34", Want: detectortest.High("93.184.216.34")},
		{Name: "column IPAddress", Column: "IPAddress", Text: "192.168.0.5", Want: detectortest.Medium("192.168.0.5")},
		{Name: "column zip is not ip", Column: "zip", Text: "192.168.0.5", Want: detectortest.Low("192.168.0.5")},
		{Name: "column description is not ip", Column: "description", Text: "93.184.216.34", Want: detectortest.Medium("93.184.216.34")},
		{Name: "zip is not a keyword", Text: "zip 93.184.216.34", Want: detectortest.Medium("93.184.216.34")},
		{Name: "two addresses", Text: "10.0.0.1 10.0.0.2", Want: detectortest.Low("10.0.0.1", "10.0.0.2")},
		{Name: "v6 documentation", Text: "2001:db8::1", Want: detectortest.Low("2001:db8::1")},
		{Name: "v6 with keyword", Text: "IPv6: 2001:db8::1", Want: detectortest.Medium("2001:db8::1")},
		{Name: "v6 global", Text: "接続元 2404:6800:4004:80a::200e", Want: detectortest.High("2404:6800:4004:80a::200e")},
		{Name: "v6 global bare", Text: "2404:6800:4004:80a::200e", Want: detectortest.Medium("2404:6800:4004:80a::200e")},
		{Name: "v6 full form", Text: "2001:0db8:0000:0000:0000:0000:0000:0001", Want: detectortest.Low("2001:0db8:0000:0000:0000:0000:0000:0001")},
		{Name: "v6 link-local with zone", Text: "fe80::1%eth0", Want: detectortest.Low("fe80::1")},
		{Name: "v6 loopback", Text: "listen ::1", Want: detectortest.Low("::1")},
		{Name: "v6 ULA", Text: "fd12:3456:789a::1", Want: detectortest.Low("fd12:3456:789a::1")},
		{Name: "v6 bracketed", Text: "http://[2001:db8::1]:443/", Want: detectortest.Low("2001:db8::1")},
		{Name: "v6 after label", Text: "addr:2001:db8::1.", Want: detectortest.Low("2001:db8::1")},
		{Name: "v4-mapped once", Text: "::ffff:192.0.2.1", Want: detectortest.Low("::ffff:192.0.2.1")},
		{Name: "v6 full-width", Text: "２００１：ｄｂ８：：１", Want: detectortest.Low("２００１：ｄｂ８：：１")},
	})
}

func TestNegatives(t *testing.T) {
	detectortest.Run(t, New(), detectortest.Negatives(
		"v1.2.3.4",
		"1.2.3.4.5",
		"1.3.6.1.4.1.311",
		"0.0.0.0",
		"255.255.255.255",
		"192.168.001.001",
		"256.1.1.1",
		"10.0.0.256",
		"192.168.1",
		"x10.0.0.1",
		"10.0.0.1a",
		"4.3.2.1.in-addr.arpa",
		"バージョン 1.2.3.4",
		"Version 10.2.3.4",
		"ver.2.0.1.5",
		"224.0.0.1",
		"2024.03.15",
		"3.14159",
		"12:34:56",
		"2024-03-15T10:20:30.123",
		"aa:bb:cc:dd:ee:ff",
		"AA:BB:CC:DD:EE:FF:00:11",
		"std::vector",
		"Foo::Bar",
		"a::b",
		"dead:beef::cafe",
		"ff02::1",
		"::",
		"http://example.com:8080/",
		"03-5989-1211",
		"¥1.234.567",
	))
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{
		"203.0.113.5":              "203.0.*.*",
		"１９２．１６８．０．１":              "192.168.*.*",
		"2001:db8::1":              "2001:db8:*",
		"2404:6800:4004:80a::200e": "2404:6800:*",
		"fe80::1":                  "fe80::*",
		"::1":                      "::*",
		"2001::":                   detectors.MaskDefault("2001::"), // found by FuzzEachDetector
		"2001:db8:":                detectors.MaskDefault("2001:db8:"),
	})
}

func TestColumnWords(t *testing.T) {
	for _, tc := range []struct {
		col  string
		want bool
	}{
		{"ip", true}, {"IP", true}, {"ip_address", true}, {"client_ip", true}, {"host_ip", true},
		{"remote_addr", true}, {"REMOTE_ADDR", true}, {"clientIP", true}, {"ipAddress", true},
		{"IPv4", true}, {"接続元IPアドレス", true}, {"x_forwarded_for", true},
		{"zip", false}, {"zip_code", false}, {"description", false}, {"tip", false},
		{"shipping", false}, {"recipient", false}, {"", false},
	} {
		var tx detectors.Text
		tx.SetText("", tc.col)
		if _, got := columnMatch(&tx); got != tc.want {
			t.Errorf("columnMatch(%q) = %v, want %v", tc.col, got, tc.want)
		}
	}
}

// nearMiss has dotted and colon-separated numbers that make no address: a
// time, a version, a MAC address, a C++ scope.
const nearMiss = "本日の会議は2024年3月15日10:30:00に開始し、v1.2.3.4とaa:bb:cc:dd:ee:ffとstd::vectorを確認。"

func TestNoAllocsWithoutCandidates(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), detectortest.Prose(8<<10, nearMiss))
}

// BenchmarkFind runs over ~64 KB of prose with a sentence with two addresses every 5 KB.
func BenchmarkFind(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 5<<10, "不正アクセスの接続元IPは203.0.113.5と2001:db8::1でした。"))
}
