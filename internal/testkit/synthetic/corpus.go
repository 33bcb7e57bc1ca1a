package synthetic

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

const mib = 1 << 20

// WriteCorpus writes a benchmark corpus of about sizeMB MiB into dir: half
// Japanese business prose in prose_NNN.txt (about 2% of lines carry an
// identifier) and half customer lists in customers_NNN.csv, alternating
// UTF-8 and CP932 (customers_NNN_cp932.csv), with identifiers in about 30% of
// rows. Files are 4 to 16 MiB (smaller when the corpus is under 32 MiB) and stop at the
// first line boundary at or past their size, so the total is sizeMB MiB plus
// less than one line per file. Files are streamed with bounded memory. Same
// seed, same bytes.
func WriteCorpus(dir string, sizeMB int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	g := New(seed)
	total := int64(sizeMB) * mib
	prose := g.Sub("prose")
	for i, size := range fileSizes(g.Sub("prose sizes"), total/2) {
		name := fmt.Sprintf("prose_%03d.txt", i+1)
		if err := writeCorpusFile(filepath.Join(dir, name), size, false, nil, prose.proseLine); err != nil {
			return err
		}
	}
	rows := g.Sub("customers")
	sizes := fileSizes(g.Sub("customer sizes"), total-total/2)
	if len(sizes) == 1 && sizes[0] > 1 {
		// A small corpus still gets both encodings.
		sizes = []int64{sizes[0] - sizes[0]/2, sizes[0] / 2}
	}
	for i, size := range sizes {
		name := fmt.Sprintf("customers_%03d.csv", i+1)
		cp932 := i%2 == 1
		if cp932 {
			name = fmt.Sprintf("customers_%03d_cp932.csv", i+1)
		}
		header := []byte(strings.Join(corpusHeader, ",") + "\n")
		if err := writeCorpusFile(filepath.Join(dir, name), size, cp932, header, rows.customerLine); err != nil {
			return err
		}
	}
	return nil
}

// fileSizes splits total into sizes of 4 to 16 MiB (one smaller file when
// total is under 4 MiB).
func fileSizes(g *Gen, total int64) []int64 {
	var sizes []int64
	for total > 0 {
		size := total
		if total > 16*mib {
			size = int64(g.Between(4, int(min(16, total/mib-4)))) * mib
		}
		sizes = append(sizes, size)
		total -= size
	}
	return sizes
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// writeCorpusFile writes header and then lines from next until size bytes
// are on disk (counted after encoding).
func writeCorpusFile(path string, size int64, cp932 bool, header []byte, next func([]byte) []byte) (err error) {
	// Remove rather than truncate an old file: on ext4, truncating and
	// rewriting a file makes close wait for writeback.
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write corpus: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write corpus: %w", cerr)
		}
	}()
	bw := bufio.NewWriterSize(f, 256<<10)
	cw := &countWriter{w: bw}
	var w io.Writer = cw
	if cp932 {
		w = transform.NewWriter(cw, japanese.ShiftJIS.NewEncoder())
	}
	line := make([]byte, 0, 1024)
	if header != nil {
		if _, err := w.Write(header); err != nil {
			return fmt.Errorf("write corpus %s: %w", path, err)
		}
	}
	for cw.n < size {
		line = next(line[:0])
		if _, err := w.Write(line); err != nil {
			return fmt.Errorf("write corpus %s: %w", path, err)
		}
	}
	if c, ok := w.(io.Closer); ok {
		if err := c.Close(); err != nil {
			return fmt.Errorf("write corpus %s: %w", path, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write corpus %s: %w", path, err)
	}
	return nil
}

// Prose vocabulary. Every word encodes in CP932.
var (
	vDept = []string{"営業部", "営業一課", "開発チーム", "経理担当", "品質保証課", "物流センター", "総務部",
		"人事部", "法務部", "情報システム部", "カスタマーサポート", "マーケティング部", "購買部", "経営企画室"}
	vWhen = []string{"来週の月曜日", "今月末", "明日の午前中", "週明け", "月内", "次回の定例会", "年度末",
		"四半期末", "今週金曜日", "来月上旬", "本日中", "連休明け"}
	vDoc = []string{"見積書", "契約書", "請求書", "議事録", "仕様書", "報告書", "提案書", "発注書",
		"納品書", "稟議書", "作業手順書", "検収書"}
	vAct     = []string{"確認", "送付", "修正", "承認", "提出", "レビュー", "差し替え", "回収", "作成", "再発行"}
	vMeeting = []string{"定例会議", "打ち合わせ", "キックオフ", "振り返り会", "部門会議", "役員会",
		"勉強会", "進捗報告会"}
	vTopic = []string{"新システムの導入", "物流コストの削減", "顧客満足度の向上", "年末商戦の準備",
		"取引先との価格交渉", "在庫の適正化", "業務フローの見直し", "セキュリティ対策",
		"採用計画", "販促キャンペーン", "品質改善", "サーバー移行", "請求業務の効率化", "個人情報の棚卸し"}
	vDone = []string{"方針を確認しました", "意見交換を行いました", "課題を整理しました", "担当者を決定しました",
		"スケジュールを見直しました", "予算案を承認しました", "次のアクションを合意しました"}
	vClient = []string{"株式会社サンプル商事", "テスト物産株式会社", "架空工業株式会社", "例示システム株式会社",
		"サンプル電機株式会社", "見本食品株式会社", "ダミー運輸株式会社"}
	vProduct = []string{"業務用プリンター", "クラウド会計サービス", "オフィスチェア", "ノートパソコン",
		"保守サポート契約", "防災セット", "法人向け回線", "ウォーターサーバー"}
	vRisk = []string{"納期遅延", "仕様変更", "人員不足", "システム障害", "原材料の高騰", "問い合わせの増加"}
)

var proseTemplates = compileTemplates(
	"{dept}は{when}までに{doc}の{act}を完了する予定です。",
	"{when}の{meeting}では、{topic}について{done}。",
	"{client}様より{doc}の{act}依頼があり、{dept}で対応中です。",
	"{topic}の進捗は{pct}%で、{when}に再度確認します。",
	"{product}の{month}月の売上は{amount}円で、前年同月比{pct}%でした。",
	"{dept}から{topic}に関する{doc}が提出されました。",
	"引き続き{topic}については{dept}と連携して進めてまいります。",
	"{city}拠点では{risk}により{count}件の課題が報告されています。",
	"ご不明な点がございましたら、{dept}までお問い合わせください。",
	"{when}に{city}で{meeting}を開催します。出席者は{count}名の予定です。",
	"{risk}への対策として、{dept}が{doc}を{act}します。",
	"{client}様との{meeting}は{date}に決まりました。",
	"{product}の在庫は残り{count}台で、{when}に追加発注します。",
	"先日の{meeting}の{doc}を共有いたしますので、{when}までにご確認ください。",
	"{surname}様より{doc}の{act}について問い合わせがありました。",
	"{when}の{meeting}には{dept}の{surname}さんが出席します。",
)

// Identifier sentences, about 2% of prose lines.
var idTemplates = compileTemplates(
	"お客様の連絡先は{phone}です。",
	"折り返しは携帯電話 {mobile} までお願いします。",
	"請求書の送付先は{email}でお願いします。",
	"個人番号 {mynumber} の記載がある書類は回収済みです。",
	"振込先はサンプル銀行 本店営業部 普通 {account} です。",
	"〒{postal} {address}宛に発送しました。",
	"カード番号 {card} の利用停止を依頼しました。",
	"生年月日は{birth}と伺っています。",
	"接続元 {ip} からのアクセスを確認しました。",
	"運転免許証番号 {license} で本人確認を行いました。",
	"基礎年金番号 {pension} の照会を依頼済みです。",
	"取引先の法人番号は{corporate}です。",
	"{person}の住所変更を受け付けました。",
	"申込者：{fullname}、連絡先は追って確認します。",
)

type segment struct {
	lit  string
	slot func(*Gen, []byte) []byte
}

var slots = map[string]func(*Gen, []byte) []byte{
	"dept":     words(vDept),
	"when":     words(vWhen),
	"doc":      words(vDoc),
	"act":      words(vAct),
	"meeting":  words(vMeeting),
	"topic":    words(vTopic),
	"done":     words(vDone),
	"client":   words(vClient),
	"product":  words(vProduct),
	"risk":     words(vRisk),
	"city":     func(g *Gen, b []byte) []byte { return append(b, pick(g, places).city...) },
	"surname":  func(g *Gen, b []byte) []byte { return append(b, pick(g, Surnames).Kanji...) },
	"fullname": func(g *Gen, b []byte) []byte { return append(b, g.Person().FullName()...) },
	"person": func(g *Gen, b []byte) []byte {
		p := g.Person()
		return append(b, p.FullName()+"様（"+p.FullKana()+"）"...)
	},
	"pct":      func(g *Gen, b []byte) []byte { return strconv.AppendInt(b, int64(g.Between(50, 150)), 10) },
	"month":    func(g *Gen, b []byte) []byte { return strconv.AppendInt(b, int64(g.Between(1, 12)), 10) },
	"count":    func(g *Gen, b []byte) []byte { return strconv.AppendInt(b, int64(g.Between(2, 60)), 10) },
	"amount":   func(g *Gen, b []byte) []byte { return append(b, Comma(g.Between(10000, 99999999))...) },
	"date":     func(g *Gen, b []byte) []byte { return append(b, FormatDate(g.businessDate(), DateKanji)...) },
	"phone":    func(g *Gen, b []byte) []byte { return append(b, g.FixedPhone("").Format(PhoneHyphen)...) },
	"mobile":   func(g *Gen, b []byte) []byte { return append(b, g.MobilePhone().Format(PhoneHyphen)...) },
	"email":    func(g *Gen, b []byte) []byte { return append(b, g.Email(g.Person())...) },
	"mynumber": func(g *Gen, b []byte) []byte { return append(b, Group444(g.MyNumber(), " ")...) },
	"account":  func(g *Gen, b []byte) []byte { return append(b, g.BankAccount().Number...) },
	"postal":   func(g *Gen, b []byte) []byte { return append(b, pick(g, places).postal...) },
	"address":  func(g *Gen, b []byte) []byte { return append(b, g.Address().Kanji()...) },
	"card": func(g *Gen, b []byte) []byte {
		return append(b, FormatCard(g.CreditCard(CardBrand(g.IntN(int(numBrands)))), "-")...)
	},
	"birth":     func(g *Gen, b []byte) []byte { return append(b, FormatDate(g.Person().Birth, DateEra)...) },
	"ip":        func(g *Gen, b []byte) []byte { return append(b, g.DocIPv4()...) },
	"license":   func(g *Gen, b []byte) []byte { return append(b, g.DriversLicense(g.Between(1980, 2020))...) },
	"pension":   func(g *Gen, b []byte) []byte { return append(b, g.PensionNumber()...) },
	"corporate": func(g *Gen, b []byte) []byte { return append(b, g.CorporateNumber()...) },
}

func words(list []string) func(*Gen, []byte) []byte {
	return func(g *Gen, b []byte) []byte { return append(b, pick(g, list)...) }
}

// compileTemplates splits "{slot}" templates into literal and slot segments.
func compileTemplates(tpls ...string) [][]segment {
	out := make([][]segment, 0, len(tpls))
	for _, t := range tpls {
		var segs []segment
		for t != "" {
			i := strings.IndexByte(t, '{')
			if i < 0 {
				segs = append(segs, segment{lit: t})
				break
			}
			if i > 0 {
				segs = append(segs, segment{lit: t[:i]})
			}
			j := strings.IndexByte(t, '}')
			name := t[i+1 : j]
			f, ok := slots[name]
			if !ok {
				panic("synthetic: unknown template slot " + name)
			}
			segs = append(segs, segment{slot: f})
			t = t[j+1:]
		}
		out = append(out, segs)
	}
	return out
}

func (g *Gen) appendTemplate(b []byte, tpls [][]segment) []byte {
	for _, s := range pick(g, tpls) {
		if s.slot != nil {
			b = s.slot(g, b)
		} else {
			b = append(b, s.lit...)
		}
	}
	return b
}

// proseLine appends one line of memo prose: one to three sentences, or a
// blank line between paragraphs, or a section heading.
func (g *Gen) proseLine(b []byte) []byte {
	switch r := g.IntN(100); {
	case r < 12:
		return append(b, '\n')
	case r < 14:
		b = append(b, "■ "...)
		b = append(b, pick(g, vTopic)...)
		return append(b, "について\n"...)
	}
	n := 1 + g.IntN(3)
	id := g.IntN(50) == 0 // ~2% of lines
	at := g.IntN(n)
	for i := range n {
		if id && i == at {
			b = g.appendTemplate(b, idTemplates)
		} else {
			b = g.appendTemplate(b, proseTemplates)
		}
	}
	return append(b, '\n')
}

var corpusHeader = []string{"顧客ID", "氏名", "フリガナ", "性別", "生年月日", "郵便番号", "住所", "電話番号",
	"メールアドレス", "登録日", "最終購入日", "購入金額", "購入回数", "会員ランク", "個人番号"}

var ranks = []string{"一般", "シルバー", "ゴールド", "プラチナ"}

// customerLine appends one CSV row of corpusHeader's shape. About 30% of rows
// carry identifiers (birth date, postal code, phone, e-mail, sometimes a My
// Number); the others leave those cells empty.
func (g *Gen) customerLine(b []byte) []byte {
	p := g.Person()
	withIDs := g.IntN(10) < 3
	b = append(b, 'C')
	b = strconv.AppendInt(b, int64(100000+g.IntN(900000)), 10)
	b = append(b, ',')
	b = append(b, p.FullName()...)
	b = append(b, ',')
	b = append(b, p.FullKana()...)
	b = append(b, ',')
	b = append(b, p.Gender.Kanji()...)
	b = append(b, ',')
	if withIDs {
		b = append(b, FormatDate(p.Birth, PortableDateFormats[g.IntN(len(PortableDateFormats))])...)
	}
	b = append(b, ',')
	if withIDs {
		b = append(b, p.Address.Postal...)
	}
	b = append(b, ',')
	b = appendCSVField(b, g.formatAddress(p.Address))
	b = append(b, ',')
	if withIDs {
		var ph PhoneNumber
		if g.Chance(0.7) {
			ph = g.MobilePhone()
		} else {
			ph = g.FixedPhone(p.Address.AreaCode)
		}
		b = append(b, ph.Format(PortablePhoneFormats[g.IntN(len(PortablePhoneFormats))])...)
	}
	b = append(b, ',')
	if withIDs {
		b = append(b, g.Email(p)...)
	}
	b = append(b, ',')
	reg := g.businessDate()
	b = append(b, FormatDate(reg, DateSlashPadded)...)
	b = append(b, ',')
	b = append(b, FormatDate(reg.AddDate(0, 0, g.IntN(400)), DateSlashPadded)...)
	b = append(b, ',')
	b = appendCSVField(b, Comma(g.Between(500, 2000000)))
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(g.Between(1, 120)), 10)
	b = append(b, ',')
	b = append(b, pick(g, ranks)...)
	b = append(b, ',')
	if withIDs && g.IntN(4) == 0 {
		b = append(b, g.MyNumber()...)
	}
	return append(b, '\n')
}

// appendCSVField appends s, quoted when it holds a comma or a quote.
func appendCSVField(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}
