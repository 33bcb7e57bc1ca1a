package evaluation

import "github.com/pmscan/pmscan/internal/testkit/synthetic"

// The words below are public vocabulary: surnames and given names as name
// words, real place, company and product names. No combination of them is a
// real person's record.

// rareSurnames are uncommon family names, many with irregular readings, so
// that name recall is not measured on dictionary-frequent surnames only.
var rareSurnames = []synthetic.Name{
	{Kanji: "小鳥遊", Kana: "タカナシ", Romaji: "Takanashi"},
	{Kanji: "月見里", Kana: "ヤマナシ", Romaji: "Yamanashi"},
	{Kanji: "四月一日", Kana: "ワタヌキ", Romaji: "Watanuki"},
	{Kanji: "勅使河原", Kana: "テシガハラ", Romaji: "Teshigahara"},
	{Kanji: "東海林", Kana: "ショウジ", Romaji: "Shoji"},
	{Kanji: "五月女", Kana: "ソウトメ", Romaji: "Sotome"},
	{Kanji: "一口", Kana: "イモアライ", Romaji: "Imoarai"},
	{Kanji: "十", Kana: "ツナシ", Romaji: "Tsunashi"},
	{Kanji: "百目鬼", Kana: "ドウメキ", Romaji: "Domeki"},
	{Kanji: "薬袋", Kana: "ミナイ", Romaji: "Minai"},
	{Kanji: "九十九", Kana: "ツクモ", Romaji: "Tsukumo"},
	{Kanji: "左右田", Kana: "ソウダ", Romaji: "Soda"},
	{Kanji: "長宗我部", Kana: "チョウソカベ", Romaji: "Chosokabe"},
	{Kanji: "御手洗", Kana: "ミタライ", Romaji: "Mitarai"},
	{Kanji: "上遠野", Kana: "カドノ", Romaji: "Kadono"},
	{Kanji: "我孫子", Kana: "アビコ", Romaji: "Abiko"},
	{Kanji: "五十嵐", Kana: "イガラシ", Romaji: "Igarashi"},
	{Kanji: "西園寺", Kana: "サイオンジ", Romaji: "Saionji"},
	{Kanji: "綿貫", Kana: "ワタヌキ", Romaji: "Watanuki"},
	{Kanji: "猪狩", Kana: "イガリ", Romaji: "Igari"},
	{Kanji: "鬼塚", Kana: "オニヅカ", Romaji: "Onizuka"},
	{Kanji: "釘宮", Kana: "クギミヤ", Romaji: "Kugimiya"},
	{Kanji: "轟", Kana: "トドロキ", Romaji: "Todoroki"},
	{Kanji: "京極", Kana: "キョウゴク", Romaji: "Kyogoku"},
	{Kanji: "巽", Kana: "タツミ", Romaji: "Tatsumi"},
	{Kanji: "一色", Kana: "イッシキ", Romaji: "Isshiki"},
	{Kanji: "宇佐美", Kana: "ウサミ", Romaji: "Usami"},
	{Kanji: "都築", Kana: "ツヅキ", Romaji: "Tsuzuki"},
	{Kanji: "薬師寺", Kana: "ヤクシジ", Romaji: "Yakushiji"},
	{Kanji: "東雲", Kana: "シノノメ", Romaji: "Shinonome"},
	{Kanji: "如月", Kana: "キサラギ", Romaji: "Kisaragi"},
	{Kanji: "生田目", Kana: "ナマタメ", Romaji: "Namatame"},
	{Kanji: "服部", Kana: "ハットリ", Romaji: "Hattori"},
	{Kanji: "南雲", Kana: "ナグモ", Romaji: "Nagumo"},
	{Kanji: "東", Kana: "アズマ", Romaji: "Azuma"},
	{Kanji: "神", Kana: "ジン", Romaji: "Jin"},
	{Kanji: "舘", Kana: "タチ", Romaji: "Tachi"},
	{Kanji: "蛭子", Kana: "エビス", Romaji: "Ebisu"},
}

// modernGivenNames are given names popular since the 2010s, often with
// readings no dictionary lists.
var modernGivenNames = []synthetic.Name{
	{Kanji: "陽葵", Kana: "ヒマリ", Romaji: "Himari"},
	{Kanji: "紬", Kana: "ツムギ", Romaji: "Tsumugi"},
	{Kanji: "蒼", Kana: "アオイ", Romaji: "Aoi"},
	{Kanji: "凪", Kana: "ナギ", Romaji: "Nagi"},
	{Kanji: "湊", Kana: "ミナト", Romaji: "Minato"},
	{Kanji: "碧", Kana: "アオイ", Romaji: "Aoi"},
	{Kanji: "陽翔", Kana: "ハルト", Romaji: "Haruto"},
	{Kanji: "結愛", Kana: "ユア", Romaji: "Yua"},
	{Kanji: "芽依", Kana: "メイ", Romaji: "Mei"},
	{Kanji: "琉生", Kana: "ルイ", Romaji: "Rui"},
	{Kanji: "朔", Kana: "サク", Romaji: "Saku"},
	{Kanji: "心春", Kana: "コハル", Romaji: "Koharu"},
	{Kanji: "大和", Kana: "ヤマト", Romaji: "Yamato"},
	{Kanji: "翠", Kana: "スイ", Romaji: "Sui"},
	{Kanji: "柚葉", Kana: "ユズハ", Romaji: "Yuzuha"},
	{Kanji: "澪", Kana: "ミオ", Romaji: "Mio"},
	{Kanji: "律", Kana: "リツ", Romaji: "Ritsu"},
	{Kanji: "乃愛", Kana: "ノア", Romaji: "Noa"},
	{Kanji: "一華", Kana: "イチカ", Romaji: "Ichika"},
	{Kanji: "依茉", Kana: "エマ", Romaji: "Ema"},
	{Kanji: "咲良", Kana: "サクラ", Romaji: "Sakura"},
	{Kanji: "莉愛", Kana: "リア", Romaji: "Ria"},
	{Kanji: "碧斗", Kana: "アオト", Romaji: "Aoto"},
	{Kanji: "颯", Kana: "ハヤテ", Romaji: "Hayate"},
	{Kanji: "伊織", Kana: "イオリ", Romaji: "Iori"},
	{Kanji: "結翔", Kana: "ユイト", Romaji: "Yuito"},
	{Kanji: "旭", Kana: "アサヒ", Romaji: "Asahi"},
	{Kanji: "ひなた", Kana: "ヒナタ", Romaji: "Hinata"},
	{Kanji: "すみれ", Kana: "スミレ", Romaji: "Sumire"},
	{Kanji: "暖", Kana: "ダン", Romaji: "Dan"},
}

// place is a municipality with some of its towns; pref is "" nowhere (every
// municipality belongs to one), but addresses leave it out at random.
type place struct {
	pref, city string
	towns      []string
}

// places are real municipalities, including the tricky ones: 市 inside the
// name (市川市, 四日市市), 郡 forms, the wards of designated cities, towns
// named like surnames (山田, 中島).
var places = []place{
	{"東京都", "千代田区", []string{"丸の内", "神田神保町", "永田町"}},
	{"東京都", "渋谷区", []string{"渋谷", "神宮前", "恵比寿南"}},
	{"東京都", "新宿区", []string{"西新宿", "歌舞伎町", "高田馬場"}},
	{"東京都", "世田谷区", []string{"三軒茶屋", "成城", "北沢"}},
	{"東京都", "港区", []string{"芝公園", "六本木", "南青山"}},
	{"東京都", "品川区", []string{"大崎", "東五反田"}},
	{"東京都", "町田市", []string{"原町田", "森野", "鶴川"}},
	{"東京都", "八王子市", []string{"旭町", "明神町"}},
	{"東京都", "武蔵野市", []string{"吉祥寺本町", "中町"}},
	{"東京都", "府中市", []string{"宮町", "寿町"}},
	{"東京都", "西多摩郡瑞穂町", []string{"箱根ケ崎"}},
	{"神奈川県", "横浜市西区", []string{"みなとみらい", "高島"}},
	{"神奈川県", "横浜市港北区", []string{"新横浜", "日吉"}},
	{"神奈川県", "川崎市中原区", []string{"小杉町", "新丸子町"}},
	{"神奈川県", "藤沢市", []string{"鵠沼海岸", "辻堂"}},
	{"神奈川県", "大和市", []string{"中央", "南林間"}},
	{"神奈川県", "鎌倉市", []string{"小町", "由比ガ浜"}},
	{"神奈川県", "足柄下郡箱根町", []string{"湯本", "強羅"}},
	{"埼玉県", "さいたま市大宮区", []string{"桜木町", "大門町"}},
	{"埼玉県", "川口市", []string{"栄町", "本町"}},
	{"埼玉県", "所沢市", []string{"日吉町"}},
	{"千葉県", "千葉市中央区", []string{"富士見", "中央"}},
	{"千葉県", "市川市", []string{"八幡", "行徳駅前"}},
	{"千葉県", "船橋市", []string{"本町", "湊町"}},
	{"千葉県", "浦安市", []string{"舞浜"}},
	{"茨城県", "つくば市", []string{"竹園", "吾妻"}},
	{"栃木県", "宇都宮市", []string{"馬場通り"}},
	{"群馬県", "高崎市", []string{"八島町"}},
	{"大阪府", "大阪市北区", []string{"梅田", "天神橋"}},
	{"大阪府", "大阪市中央区", []string{"難波", "心斎橋筋"}},
	{"大阪府", "堺市堺区", []string{"南瓦町"}},
	{"大阪府", "豊中市", []string{"本町"}},
	{"大阪府", "東大阪市", []string{"荒本北"}},
	{"京都府", "京都市下京区", []string{"東塩小路町"}},
	{"京都府", "宇治市", []string{"宇治"}},
	{"兵庫県", "神戸市中央区", []string{"三宮町", "元町通"}},
	{"兵庫県", "西宮市", []string{"甲子園町"}},
	{"愛知県", "名古屋市中区", []string{"栄", "錦"}},
	{"愛知県", "豊田市", []string{"小坂本町"}},
	{"三重県", "四日市市", []string{"諏訪町", "鵜の森"}},
	{"三重県", "伊勢市", []string{"宇治館町"}},
	{"北海道", "札幌市中央区", []string{"大通西"}},
	{"北海道", "虻田郡倶知安町", []string{"山田", "樺山"}},
	{"北海道", "函館市", []string{"末広町"}},
	{"宮城県", "仙台市青葉区", []string{"一番町", "国分町"}},
	{"福島県", "郡山市", []string{"駅前"}},
	{"新潟県", "新潟市中央区", []string{"万代"}},
	{"石川県", "金沢市", []string{"広岡"}},
	{"長野県", "北佐久郡軽井沢町", []string{"大字長倉", "軽井沢"}},
	{"静岡県", "浜松市中央区", []string{"砂山町"}},
	{"岐阜県", "岐阜市", []string{"橋本町"}},
	{"広島県", "広島市中区", []string{"紙屋町"}},
	{"岡山県", "岡山市北区", []string{"駅前町"}},
	{"香川県", "高松市", []string{"丸の内"}},
	{"愛媛県", "松山市", []string{"大街道"}},
	{"福岡県", "福岡市博多区", []string{"博多駅前"}},
	{"福岡県", "北九州市小倉北区", []string{"浅野"}},
	{"福岡県", "久留米市", []string{"六ツ門町"}},
	{"熊本県", "熊本市中央区", []string{"手取本町"}},
	{"鹿児島県", "鹿児島市", []string{"東千石町"}},
	{"沖縄県", "那覇市", []string{"久茂地"}},
	{"沖縄県", "島尻郡八重瀬町", []string{"東風平"}},
	{"島根県", "松江市", []string{"殿町"}},
	{"山形県", "山形市", []string{"香澄町"}},
	{"岩手県", "盛岡市", []string{"大通"}},
	{"長崎県", "長崎市", []string{"万才町"}},
	{"山梨県", "甲府市", []string{"丸の内"}},
	{"愛媛県", "今治市", []string{"中島"}},
}

// buildings are building names an address may end with.
var buildings = []string{
	"グランドメゾン渋谷", "サンハイツ", "コーポ青葉", "パークマンション", "シティタワー",
	"第一ビル", "ABCビル", "メゾン・ド・桜", "レジデンス中央", "リバーサイド荘",
	"朝日ビル", "ハイツ緑が丘", "ライオンズマンション", "グリーンコーポ", "ベルメゾン",
	"エクセル八幡", "ハイム白樺", "ロイヤルパレス",
}

// Column names and JSON key paths by field.
var (
	nameColumnsCSV    = []string{"氏名", "名前", "name", "full_name", "shimei", "顧客名", "担当者名", "お名前", "NAME", "契約者氏名"}
	nameColumnsJSON   = []string{"customer.name", "[].customer.name", "user.full_name", "members[].name", "contact.氏名", "data.shimei"}
	familyColumns     = []string{"姓", "family_name", "last_name", "sei", "苗字"}
	givenColumns      = []string{"名", "given_name", "first_name", "mei"}
	familyColumnsJSON = []string{"customer.family_name", "[].last_name", "user.sei"}
	givenColumnsJSON  = []string{"customer.given_name", "[].first_name", "user.mei"}
	kanaColumnsCSV    = []string{"フリガナ", "kana", "氏名カナ", "ふりがな", "name_kana", "カナ氏名"}
	kanaColumnsJSON   = []string{"customer.name_kana", "[].furigana", "user.kana"}
	romajiColumnsCSV  = []string{"name_romaji", "name_en", "romaji", "english_name"}
	romajiColumnsJSON = []string{"customer.name_en", "[].romaji", "profile.name_romaji"}
	addrColumnsCSV    = []string{"住所", "address", "jusho", "現住所", "所在地", "送付先住所", "addr"}
	addrColumnsJSON   = []string{"customer.address", "[].shipping.address", "user.jusho", "order.delivery_address"}
)

// Sensitive terms by sub-kind. A sentence label spans the term with its
// qualifier (乳がん, 琉球民族, 詐欺被害), and with the grade, status or
// value a template adds to it (see sensitiveKind).
var (
	diseases        = []string{"糖尿病", "高血圧症", "うつ病", "統合失調症", "喘息", "乳がん", "肝炎", "心筋梗塞", "脳梗塞", "てんかん", "双極性障害", "パニック障害", "適応障害", "胃潰瘍"}
	disabilityCards = []string{"身体障害者手帳", "療育手帳", "精神障害者保健福祉手帳", "障害者手帳"}
	criminalTerms   = []string{"前科", "逮捕歴", "犯罪歴", "服役歴"}
	victimTerms     = []string{"詐欺被害", "ストーカー被害", "DV被害", "窃盗被害"}
	religions       = []string{"仏教", "キリスト教", "イスラム教", "神道", "ヒンドゥー教", "ユダヤ教", "カトリック", "プロテスタント"}
	ethnicities     = []string{"アイヌ民族", "在日コリアン", "琉球民族"}
	socialStatuses  = []string{"被差別部落出身", "非嫡出子"}
	healthResults   = []string{"要精密検査", "要再検査", "要治療", "要経過観察"}
)

// Hard-negative vocabulary.
var (
	companies = []string{
		"本田技研工業", "大和証券", "武田薬品工業", "伊藤園", "松下電器産業", "豊田通商", "スズキ",
		"三井住友銀行", "森永製菓", "山崎製パン", "吉野家", "高島屋", "伊勢丹", "小林製薬", "佐藤製薬",
		"三菱商事", "住友化学", "西松屋", "島村楽器", "山田養蜂場", "中村屋", "木村屋總本店",
		"加藤産業", "伊藤ハム", "青山商事", "前田建設工業", "清水建設", "鹿島建設", "大林組",
		"竹中工務店", "マツモトキヨシ", "松井証券", "野村證券", "池田泉州銀行",
	}
	stores = []string{
		"高島屋 新宿店", "伊勢丹 新宿店", "吉野家 渋谷店", "イオンモール幕張新都心",
		"ヨドバシカメラ マルチメディア梅田", "マツモトキヨシ 池袋店", "中村屋 新宿本店",
	}
	products = []string{
		"カローラ", "アクエリアス", "伊右衛門", "ポカリスエット", "プリウス", "午後の紅茶", "一太郎",
		"花子", "きのこの山", "桃太郎電鉄", "綾鷹", "生茶", "十六茶", "爽健美茶", "黒烏龍茶",
	}
	stations = []string{"新宿", "渋谷", "池袋", "大和", "横浜", "梅田", "天神", "札幌", "仙台", "金沢", "那覇", "博多", "市川", "町田"}
)

// negativeLines are fixed hard-negative sentences: place names, words that
// are also surnames, honorifics and form labels without a name, IT failures
// (障害), privacy-policy boilerplate, numbered things that are no address.
var negativeLines = []string{
	// places
	"大阪市内の店舗で販売中です。",
	"横浜市の人口は約377万人です。",
	"北海道産の玉ねぎを使用しています。",
	"渋谷駅で待ち合わせしましょう。",
	"新宿駅東口を出て右です。",
	"東京都の人口は増加傾向にある。",
	"石川県の伝統工芸品を展示します。",
	"瀬戸内海に浮かぶ中島へフェリーで渡る。",
	"上田城跡公園の桜が見頃です。",
	"青木ヶ原樹海は富士山の北西にある。",
	"大和川の河川敷でイベントを開催。",
	"京都府と滋賀県の県境を越える。",
	"名古屋駅から徒歩5分の会場です。",
	"福岡空港行きのバスは10分おきに出ています。",
	"千代田区役所で手続きを行う。",
	"品川区と大田区の境目を流れる川",
	"神戸市中央区は港町として知られる。",
	"四日市市のコンビナート夜景が人気です。",
	"市川市の梨は有名です。",
	"町田市と相模原市の間を境川が流れる。",
	"倶知安町はスキーリゾートとして知られる。",
	"郡山市の郊外に工場を新設する。",
	"東京駅八重洲口から徒歩3分",
	"渋谷区役所前交差点を左折",
	"中山道を歩く旅に出た。",
	"宮崎県と鹿児島県の県境",
	"和田岬の灯台",
	"大和市内の小学校",
	// surname-like words
	"林の中を歩く。",
	"森へ行く。",
	"松の木の下で休憩した。",
	"田の中にカエルがいる。",
	"小川が流れている。",
	"林檎を三つ買った。",
	"森林浴を楽しむ。",
	"石の橋を渡る。",
	"村の祭りに参加した。",
	"山の上から海が見える。",
	"原っぱで遊ぶ子どもたち",
	"竹の子を掘る。",
	"島の中央に灯台がある。",
	"谷の向こうに村がある。",
	"高い橋の上から川を眺める。",
	"金子を貸し付けた記録（江戸時代の文書）",
	// honorifics and labels without a name
	"お客様よりお問い合わせがありました。",
	"ご担当者様",
	"担当者様へ",
	"皆様のご来場をお待ちしております。",
	"関係者各位",
	"お世話になっております。",
	"営業部長より連絡があった。",
	"新任の部長が着任しました。",
	"担当：営業部",
	"氏名：（未記入）",
	"氏名欄に記入してください。",
	"名前を入力してください",
	"Name: (required)",
	"住所：未記入",
	"住所欄は省略可",
	"ご住所をご記入ください。",
	"お名前（フリガナ）",
	"フリガナは全角カタカナで入力してください。",
	"代表取締役社長が就任しました。",
	"お届け先が登録されていません。",
	// IT failures and policy text
	"システム障害が発生しました。",
	"通信障害の影響で配送が遅れています。",
	"障害対応手順書を更新した。",
	"サーバー障害により一時停止しています。",
	"障害発生時は運用チームへ連絡してください。",
	"障害報告書 第3版",
	"ネットワーク障害は復旧済みです。",
	"電波障害が起きやすい地域です。",
	"要配慮個人情報（人種、信条、病歴等）は取得しません。",
	"要配慮個人情報（人種、信条、社会的身分、病歴、犯罪の経歴等）は取得しません。",
	"当社は、あらかじめ本人の同意を得ないで要配慮個人情報を取得しません。",
	"健康診断の実施日程についてお知らせします。",
	"糖尿病の予防には適度な運動が効果的です。",
	"障害者雇用促進法に基づく取り組みを進めています。",
	"信教の自由は憲法で保障されている。",
	"犯罪被害者等基本法の概要",
	"病院の診療時間は9時から17時です。",
	"人間ドックの予約受付を開始しました。",
	"宗教法人の登記について",
	"前科の有無を問う欄は設けていません。",
	"うつ病に関する講演会を開催します。",
	// numbered things that are no address
	"第3章2-1節を参照してください。",
	"品番 A-12-3",
	"図1-2-3に示す通り",
	"会議室 3-2-1",
	"国道1号線を北上する。",
	"2番線ホームから発車します。",
	"本館3F 大会議室",
	"4-4-2 のフォーメーション",
	"第1-2-3号議案",
	"手順1-2-3を実行",
	"表2-4-1 売上推移",
	"1番地区の予選結果",
}

// negativeColumns are columns whose values look like names or places but are
// not personal: companies, products, stores, files, hosts, departments, and
// columns that merely contain a column-only detector's word.
var negativeColumns = []struct {
	columns []string
	values  []string
}{
	{[]string{"company_name", "会社名", "取引先名", "vendor", "法人名", "maker"}, companies},
	{[]string{"product_name", "商品名", "item", "品名"}, products},
	{[]string{"store_name", "店舗名", "branch"}, stores},
	{[]string{"file_name", "ファイル名"}, []string{"report_2024_final.xlsx", "議事録_0315.docx", "見積書_v2.pdf", "売上集計.csv"}},
	{[]string{"host_name", "hostname"}, []string{"web-01.example.com", "db-prod-3", "tokyo-gw-02", "batch-worker-7"}},
	{[]string{"department", "部署名"}, []string{"営業部", "総務課", "開発第二部", "人事部 採用グループ"}},
	{[]string{"job_title", "役職"}, []string{"部長", "課長", "主任", "代表取締役"}},
	{[]string{"station", "最寄り駅"}, []string{"新宿駅", "大和駅", "市川駅", "四日市駅", "渋谷駅"}},
	{[]string{"password_policy"}, []string{"8文字以上の英数字", "英大文字・小文字・数字を含む"}},
	{[]string{"gender_ratio"}, []string{"0.48", "0.52"}},
	{[]string{"education_budget"}, []string{"1,200,000", "850,000"}},
	{[]string{"user_count"}, []string{"1,234", "87"}},
}
