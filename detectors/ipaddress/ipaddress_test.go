package ipaddress

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

const (
	L = detectors.Low
	M = detectors.Medium
	H = detectors.High
)

func want(v string, c detectors.Confidence) []detectortest.Want {
	return []detectortest.Want{{Value: v, Confidence: c}}
}

func TestPositives(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "global", Text: "アクセス 93.184.216.34 から", Want: want("93.184.216.34", M)},
		{Name: "global with keyword", Text: "接続元IP：93.184.216.34", Want: want("93.184.216.34", H)},
		{Name: "remote_addr", Text: "remote_addr=93.184.216.34", Want: want("93.184.216.34", H)},
		{Name: "access log", Text: `2024-03-15 10:00:00 93.184.216.34 "GET / HTTP/1.1" 200`, Want: want("93.184.216.34", M)},
		{Name: "documentation", Text: "203.0.113.5", Want: want("203.0.113.5", L)},
		{Name: "private", Text: "ゲートウェイは192.168.1.1です", Want: want("192.168.1.1", L)},
		{Name: "private with keyword", Text: "IPアドレス：192.168.1.10", Want: want("192.168.1.10", M)},
		{Name: "ip address words", Text: "client ip 10.0.0.1", Want: want("10.0.0.1", M)},
		{Name: "loopback with port", Text: "127.0.0.1:8080", Want: want("127.0.0.1", L)},
		{Name: "cidr", Text: "inet 192.168.1.10/24 brd", Want: want("192.168.1.10", L)},
		{Name: "full-width", Text: "１９２．１６８．０．１", Want: want("１９２．１６８．０．１", L)},
		{Name: "single-digit octets", Text: "8.8.8.8", Want: want("8.8.8.8", L)},
		{Name: "single-digit octets with keyword", Text: "DNS IP 8.8.8.8", Want: want("8.8.8.8", H)},
		{Name: "column client_ip", Column: "client_ip", Text: "93.184.216.34", Want: want("93.184.216.34", H)},
		{Name: "column camelCase", Column: "request.remoteAddr", Text: "93.184.216.34", Want: want("93.184.216.34", H)},
		{Name: "column IPAddress", Column: "IPAddress", Text: "192.168.0.5", Want: want("192.168.0.5", M)},
		{Name: "column zip is not ip", Column: "zip", Text: "192.168.0.5", Want: want("192.168.0.5", L)},
		{Name: "column description is not ip", Column: "description", Text: "93.184.216.34", Want: want("93.184.216.34", M)},
		{Name: "zip is not a keyword", Text: "zip 93.184.216.34", Want: want("93.184.216.34", M)},
		{Name: "two addresses", Text: "10.0.0.1 10.0.0.2", Want: []detectortest.Want{{Value: "10.0.0.1", Confidence: L}, {Value: "10.0.0.2", Confidence: L}}},
		{Name: "v6 documentation", Text: "2001:db8::1", Want: want("2001:db8::1", L)},
		{Name: "v6 with keyword", Text: "IPv6: 2001:db8::1", Want: want("2001:db8::1", M)},
		{Name: "v6 global", Text: "接続元 2404:6800:4004:80a::200e", Want: want("2404:6800:4004:80a::200e", H)},
		{Name: "v6 global bare", Text: "2404:6800:4004:80a::200e", Want: want("2404:6800:4004:80a::200e", M)},
		{Name: "v6 full form", Text: "2001:0db8:0000:0000:0000:0000:0000:0001", Want: want("2001:0db8:0000:0000:0000:0000:0000:0001", L)},
		{Name: "v6 link-local with zone", Text: "fe80::1%eth0", Want: want("fe80::1", L)},
		{Name: "v6 loopback", Text: "listen ::1", Want: want("::1", L)},
		{Name: "v6 ULA", Text: "fd12:3456:789a::1", Want: want("fd12:3456:789a::1", L)},
		{Name: "v6 bracketed", Text: "http://[2001:db8::1]:443/", Want: want("2001:db8::1", L)},
		{Name: "v6 after label", Text: "addr:2001:db8::1.", Want: want("2001:db8::1", L)},
		{Name: "v4-mapped once", Text: "::ffff:192.0.2.1", Want: want("::ffff:192.0.2.1", L)},
		{Name: "v6 full-width", Text: "２００１：ｄｂ８：：１", Want: want("２００１：ｄｂ８：：１", L)},
	})
}

func TestNegatives(t *testing.T) {
	var cases []detectortest.Case
	for _, s := range []string{
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
	} {
		cases = append(cases, detectortest.Case{Text: s})
	}
	detectortest.Run(t, New(), cases)
}

func TestMask(t *testing.T) {
	d := New()
	for _, tc := range []struct{ in, want string }{
		{"203.0.113.5", "203.0.*.*"},
		{"１９２．１６８．０．１", "192.168.*.*"},
		{"2001:db8::1", "2001:db8:*"},
		{"2404:6800:4004:80a::200e", "2404:6800:*"},
		{"fe80::1", "fe80::*"},
		{"::1", "::*"},
	} {
		if got := d.Mask(tc.in); got != tc.want {
			t.Errorf("Mask(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
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

func TestNoAllocsWithoutCandidates(t *testing.T) {
	d := New()
	text := strings.Repeat("本日の会議は2024年3月15日10:30:00に開始し、v1.2.3.4とaa:bb:cc:dd:ee:ffとstd::vectorを確認。", 20)
	var tx detectors.Text
	allocs := testing.AllocsPerRun(100, func() {
		tx.SetText(text, "")
		if c := d.Find(&tx); len(c) != 0 {
			t.Fatalf("unexpected candidates %v", c)
		}
	})
	if allocs != 0 {
		t.Errorf("Find allocated %.1f times per run on text without addresses", allocs)
	}
}

// prose is ~64 KB of synthetic Japanese business prose with a few addresses.
func prose() string {
	paras := []string{
		"本日は株式会社サンプルの定例会議にご参加いただき、誠にありがとうございました。議事録を以下のとおり共有いたします。",
		"第3四半期の売上高は前年同期比12.5%増の3,456,789千円となり、営業利益も堅調に推移しました。",
		"次回の打ち合わせは2024年4月10日（水）14:00から、本社3階の第2会議室で行う予定です。",
		"新しい勤怠管理システムへの移行に伴い、各部署の担当者は4月末までに操作研修を受講してください。",
		"ご不明な点がございましたら、総務部までお気軽にお問い合わせください。担当：山田（内線1234）",
		"東京都渋谷区の新オフィスは駅から徒歩5分の場所にあり、来客用の駐車場も10台分を確保しています。",
		"プロジェクトの進捗は概ね順調ですが、一部のテストで想定外の不具合が見つかったため、対応を検討中です。",
		"お客様からのご意見として、画面の文字が小さく読みにくいという声が多く寄せられています。",
	}
	var b strings.Builder
	for i := 0; b.Len() < 64<<10; i++ {
		b.WriteString(paras[i%len(paras)])
		if i%40 == 7 {
			b.WriteString("不正アクセスの接続元IPは203.0.113.5と2001:db8::1でした。")
		}
		if i%8 == 0 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

func BenchmarkFind(b *testing.B) {
	d := New()
	text := prose()
	var tx detectors.Text
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		tx.SetText(text, "")
		for _, c := range d.Find(&tx) {
			d.Judge(c, &tx)
		}
	}
}
