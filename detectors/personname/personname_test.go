package personname

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

func TestFindInSentences(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "surname and honorific", Text: "担当の鈴木様よりご連絡します", Want: detectortest.Medium("鈴木")},
		{Name: "half-width kana after 振込名義", Text: "振込名義 ｲﾉｳｴ ﾏｻﾙ で入金がありました", Want: detectortest.Medium("ｲﾉｳｴ ﾏｻﾙ")},
		{Name: "half-width kana, a space, 様", Text: "ﾔﾏｸﾞﾁ ｻﾄｼ 様より入金", Want: detectortest.Medium("ﾔﾏｸﾞﾁ ｻﾄｼ")},
		{Name: "名義 is a label of its own only", Text: "名義変更の手続き"},
		// Names in free-text cells of columns that are not name columns,
		// after a relation or a role, with a given name in kana.
		{Name: "relation and full name in 備考", Text: "緊急連絡先 夫 田村 修一", Column: "備考", Want: detectortest.High("田村 修一")},
		{Name: "紹介者 and a katakana given name", Text: "紹介者：小西 ハル", Column: "メモ", Want: detectortest.High("小西 ハル")},
		{Name: "長男 and age", Text: "長男 石原 颯太（12歳）", Column: "家族構成", Want: detectortest.High("石原 颯太")},
		{Name: "同居人", Text: "同居人 野村 和夫", Column: "特記事項", Want: detectortest.High("野村 和夫")},
		{Name: "hiragana given name, a space, 様, in a contact column", Text: "妻 上野ゆかり 様", Column: "緊急連絡先", Want: detectortest.High("上野ゆかり")},
		{Name: "母 and a katakana given name", Text: "母 岡田 キヨ（要介護）", Column: "備考", Want: detectortest.High("岡田 キヨ")},
		{Name: "妹尾 is a surname, not 妹 + 尾", Text: "妹尾 健さんに連絡", Want: detectortest.High("妹尾 健")},
		{Name: "母の日", Text: "母の日のギフトは5月に発送します"},
		{Name: "夫婦", Text: "夫婦茶碗セットを注文した"},
		{Name: "a katakana word after a surname is no given name", Text: "担当 山田 サポートへ転送", Want: detectortest.Medium("山田")},
		{Name: "a phone in a contact column is no name", Text: "妻 090-1234-5678", Column: "緊急連絡先"},
		// One-character surnames.
		{Name: "one-character surname, a space, 様", Text: "岸 様宛てに送付", Want: detectortest.Medium("岸")},
		{Name: "one-character surname and さん", Text: "堀さんに折り返し", Want: detectortest.Medium("堀")},
		{Name: "one-character surnames with titles", Text: "泉部長と畑課長が出席予定", Want: detectortest.Medium("泉", "畑")},
		{Name: "a word, a space, 様 is no name", Text: "請求書 様式を変更"},
		// Romanised names in running text: both words in the dictionary.
		{Name: "romaji given and surname", Text: "Please ask Kenta Mori about the invoice.", Want: detectortest.Medium("Kenta Mori")},
		{Name: "romaji with a title", Text: "Contact Mr. Hiroshi Tanaka by Friday", Want: detectortest.High("Hiroshi Tanaka")},
		{Name: "romaji surname upper case and さん", Text: "担当のSAITOU Marikoさんに確認", Want: detectortest.High("SAITOU Mariko")},
		{Name: "romaji surname, given", Text: "Reviewer: none. TANAKA, Yuki (sales)", Want: detectortest.Medium("TANAKA, Yuki")},
		{Name: "romaji not known", Text: "Meet Tokyo Tower and New York Times staff"},
		{Name: "romaji surname after a title", Text: "Mr. Ito and Ms. Nakano attended", Want: detectortest.Medium("Ito", "Nakano")},
		{Name: "romaji surname before -san", Text: "Please call Yoshida-san tomorrow", Want: detectortest.Medium("Yoshida")},
		{Name: "romaji surname alone is no name", Text: "Ogawa station and Ito Yokado are near"},
		{Name: "a title before a word the lexicon lacks", Text: "Dr. Pepper is a drink"},
		{Name: "romaji two-letter words", Text: "The Go To campaign ended"},
		{Name: "romaji lower case", Text: "kenta mori wrote this"},
		// Kanji variants registers hold (髙, 邊, 﨑) read as the forms the
		// lexicon knows; the finding is the text as written.
		{Name: "髙 in a full name", Text: "来店: 髙橋 美咲 さま", Want: detectortest.High("髙橋 美咲")},
		{Name: "髙 in a bare full name", Text: "髙橋美咲は昨日来社した", Want: detectortest.Medium("髙橋美咲")},
		{Name: "髙 in a name column", Text: "髙橋 美咲", Column: "name", Want: detectortest.High("髙橋 美咲")},
		{Name: "邊 and 﨑 with さん", Text: "渡邊さんと山﨑さんが来社", Want: detectortest.Medium("渡邊", "山﨑")},
		{Name: "a variant in a word that is no name", Text: "髙い山に登った"},
		{Name: "full name and さん", Text: "山田太郎さんから電話がありました", Want: detectortest.High("山田太郎")},
		{Name: "full name with a space and 様", Text: "佐藤 花子様", Want: detectortest.High("佐藤 花子")},
		{Name: "ideographic space", Text: "佐藤　花子様へ", Want: detectortest.High("佐藤　花子")},
		{Name: "label", Text: "氏名：田中一郎", Want: detectortest.High("田中一郎")},
		{Name: "label with a space in the name", Text: "氏名: 高橋 健太", Want: detectortest.High("高橋 健太")},
		{Name: "label glued", Text: "担当者山田", Want: detectortest.Medium("山田")},
		{Name: "担当: surname", Text: "担当: 伊藤", Want: detectortest.Medium("伊藤")},
		{Name: "氏", Text: "中村達也氏が社長に就任した", Want: detectortest.High("中村達也")},
		{Name: "殿", Text: "小林 誠殿", Want: detectortest.High("小林 誠")},
		{Name: "bare full name", Text: "田中一郎は昨日来社した", Want: detectortest.Medium("田中一郎")},
		{Name: "department before", Text: "営業部山田太郎様", Want: detectortest.High("山田太郎")},
		{Name: "rare surname", Text: "小鳥遊様からお問い合わせ", Want: detectortest.Medium("小鳥遊")},
		{Name: "rare surname in ipadic", Text: "勅使河原さんの件", Want: detectortest.Medium("勅使河原")},
		{Name: "modern given name", Text: "佐藤陽葵さん", Want: detectortest.High("佐藤陽葵")},
		{Name: "modern given name alone in kanji", Text: "高橋蒼くん", Want: detectortest.High("高橋蒼")},
		{Name: "hiragana given name", Text: "佐藤 さくら様", Want: detectortest.High("佐藤 さくら")},
		{Name: "single-kanji surname with さん", Text: "林さんに聞いてください", Want: detectortest.Medium("林")},
		{Name: "katakana with honorific", Text: "ジョン・スミス様", Want: detectortest.Medium("ジョン・スミス")},
		{Name: "reading after label", Text: "フリガナ：ヤマダ タロウ", Want: detectortest.High("ヤマダ タロウ")},
		{Name: "hiragana reading", Text: "ふりがな: やまだ たろう", Want: detectortest.High("やまだ たろう")},
		{Name: "half-width reading", Text: "ﾌﾘｶﾞﾅ ﾔﾏﾀﾞ ﾀﾛｳ", Want: detectortest.High("ﾔﾏﾀﾞ ﾀﾛｳ")},
		{Name: "romaji after label", Text: "Name: Taro Yamada", Want: detectortest.High("Taro Yamada")},
		{Name: "romaji not in the lexicon after label", Text: "Contact: Xavier Quill", Want: detectortest.Medium("Xavier Quill")},
		{Name: "two names", Text: "山田太郎様と佐藤花子様", Want: detectortest.High("山田太郎", "佐藤花子")},
		{Name: "surname ending in 部", Text: "阿部さんと長宗我部様", Want: detectortest.Medium("阿部", "長宗我部")},
		{Name: "title", Text: "山本課長と長谷川先生", Want: detectortest.Medium("山本", "長谷川")},
		{Name: "given name split by the tokenizer", Text: "上田優斗くんが入賞した", Want: detectortest.High("上田優斗")},
		{Name: "honorific inside a word", Text: "小野悠人様へ", Want: detectortest.High("小野悠人")},
		{Name: "様宛", Text: "西村 優子様宛", Want: detectortest.High("西村 優子")},
		{Name: "reading in parentheses", Text: "村田伊織（ムラタイオリ）", Want: detectortest.High("村田伊織", "ムラタイオリ")},
		{Name: "reading after an honorific", Text: "森様（モリ カイト）より連絡", Want: []detectortest.Want{{Value: "森", Confidence: detectors.High}, {Value: "モリ カイト", Confidence: detectors.High}}},
		{Name: "hiragana given name glued", Text: "伊藤さくらさんが来た", Want: detectortest.High("伊藤さくら")},
		{Name: "hiragana given name after a space, glued to さん", Text: "中島 さくらさんから電話", Want: detectortest.High("中島 さくら")},
		{Name: "hiragana given name after a space, glued to ちゃん", Text: "高田 あおいちゃんのお迎え", Want: detectortest.High("高田 あおい")},
		{Name: "hiragana words after a surname are no given name", Text: "山田 おはようございます"},
		// An honorific inside a kanji run, or after the name's reading.
		{Name: "honorific inside a kanji run", Text: "堀田君一人辞職させて", Want: detectortest.Medium("堀田")},
		{Name: "様方 in an address", Text: "松本市中央1-2-3 山田様方", Want: detectortest.Medium("山田")},
		{Name: "氏 before 名義", Text: "木村氏名義の口座", Want: detectortest.Medium("木村")},
		{Name: "様式 is no honorific", Text: "佐藤様式の書類を使う"},
		// A memo signed with a surname alone.
		{Name: "surname in brackets in a remarks column", Text: "入金確認済（西岡）", Column: "備考", Want: detectortest.Medium("西岡")},
		{Name: "surnames around an arrow", Text: "担当替え予定 青木→久保田", Column: "特記事項", Want: detectortest.Medium("青木", "久保田")},
		{Name: "surname and が対応", Text: "来店時 遠藤が対応、次回予約なし", Column: "備考", Want: detectortest.Medium("遠藤")},
		{Name: "surname and より", Text: "中川より：請求書を再発行済み", Want: detectortest.Medium("中川")},
		{Name: "surname and 確認 in one run", Text: "入金済 岡部確認", Want: detectortest.Medium("岡部")},
		{Name: "a place in brackets in running text is no surname", Text: "本日の会場（神田）は変更なし"},
		{Name: "a place before まで in running text is no surname", Text: "市川まで電車で行く"},
		{Name: "まで in a remarks column", Text: "要確認 松尾まで", Column: "備考", Want: detectortest.Medium("松尾")},
		{Name: "a surname glued to a word is not set off", Text: "大森駅で待ち合わせ"},
		{Name: "one kanji standing alone is too often a word", Text: "森、林、原の風景"},
		// With a count of people after it (森、林、原の3名), a list names people: see
		// "surnames listed before a count of people".
		{Name: "宛て after a full name", Text: "勤務先の安藤 絵美宛てに送付", Want: detectortest.High("安藤 絵美")},
		// After a label, a known surname and a space, a short word that
		// ends the field is a given name the dictionary may lack.
		{Name: "園児名", Text: "園児名: 長田 いちか", Want: detectortest.High("長田 いちか")},
		{Name: "a field in brackets", Text: "申込書 氏名欄「千葉 和真」", Want: detectortest.High("千葉 和真")},
		{Name: "a particle after a labelled surname is no given name", Text: "担当: 山田 まで", Want: detectortest.Medium("山田")},
		{Name: "a word that goes on is no given name", Text: "担当: 山田 和真理論を説明", Want: detectortest.Medium("山田")},
		{Name: "ﾌﾘｺﾐ on a bank statement", Text: "入金明細：ﾌﾘｺﾐ ﾖｼﾀﾞ ﾀｹｼ 15,000円", Want: detectortest.Medium("ﾖｼﾀﾞ ﾀｹｼ")},
		{Name: "half-width ｻﾏ", Text: "ﾌﾘｺﾐﾆﾝ ｸﾛｷ ｱｷﾗ ｻﾏ ﾖﾘ ﾆｭｳｷﾝ", Want: detectortest.Medium("ｸﾛｷ ｱｷﾗ")},
		{Name: "サマー is no honorific", Text: "セール サマーキャンペーン"},
		{Name: "振込人名義", Text: "振込人名義 ﾓﾘｼﾀ ｼｭﾝﾍﾟｲ", Want: detectortest.Medium("ﾓﾘｼﾀ ｼｭﾝﾍﾟｲ")},
		{Name: "a title inside a kanji run", Text: "山口課長不在のため代理受領", Want: detectortest.Medium("山口")},
		{Name: "先輩", Text: "林先輩に相談しました", Want: detectortest.Medium("林")},
		{Name: "旧姓", Text: "旧姓 高木", Column: "備考", Want: detectortest.Medium("高木")},
		{Name: "前任 and 後任", Text: "前任 土屋 → 後任 大橋 和樹", Column: "備考", Want: []detectortest.Want{{Value: "土屋", Confidence: detectors.Medium}, {Value: "大橋 和樹", Confidence: detectors.High}}},
		{Name: "依頼人 and half-width kana", Text: "誤入金の可能性あり（依頼人 ﾉｸﾞﾁ ｼﾞﾛｳ）", Want: detectortest.Medium("ﾉｸﾞﾁ ｼﾞﾛｳ")},
		{Name: "ruby reading before さん", Text: "お友達の堀田《ほった》さんが来た", Want: detectortest.Medium("堀田")},
		{Name: "reading in parentheses before 様", Text: "西尾（にしお）様よりお電話", Want: detectortest.Medium("西尾")},
		{Name: "a reading of a word before さん is no name", Text: "秋刀魚《さんま》さんの話"},
		// 如月 is a surname the lexicon lacks and also a word (the second
		// month): only the given name is claimed.
		{Name: "unknown surname that is a word", Text: "如月心春さん", Want: detectortest.Medium("心春")},

		// Hard negatives.
		{Name: "company with a surname", Text: "本田技研工業の決算"},
		{Name: "securities company", Text: "大和証券に口座を開いた"},
		{Name: "pharma", Text: "武田薬品工業と伊藤園"},
		{Name: "place", Text: "新宿で待ち合わせ"},
		{Name: "place that is a surname", Text: "大和に住んでいる"},
		{Name: "forest as a word", Text: "林の中を歩く。森へ行く。"},
		{Name: "customer", Text: "お客様各位"},
		{Name: "everyone", Text: "皆様、こんにちは"},
		{Name: "king", Text: "王様と奥様"},
		{Name: "role in katakana", Text: "ユーザー様とスタッフさん"},
		{Name: "state", Text: "様子を見る。仕様と模様。"},
		{Name: "saury", Text: "さんまを焼く"},
		{Name: "prefecture", Text: "石川県の天気"},
		{Name: "castle", Text: "松本城を見学"},
		{Name: "cape", Text: "和田岬の灯台と高田馬場の駅前"},
		{Name: "product", Text: "伊右衛門を買った"},
		{Name: "label with a department", Text: "担当部署：営業部"},
		{Name: "department as a label", Text: "経理担当は次回の会議で報告します"},
		{Name: "company with 様", Text: "株式会社サンプル商事様より依頼があり、総務部様にも連絡しました"},
		{Name: "two-kanji word", Text: "顧客満足度の向上と年末商戦の準備"},
		{Name: "room with 宛", Text: "サンハイツ601号室宛に発送しました"},
		{Name: "department between label and name", Text: "作成日：2024年9月30日　作成者：営業一課 吉田", Want: detectortest.Medium("吉田")},
		{Name: "department after a label, no name", Text: "担当：営業一課 まで"},
		{Name: "verb before くん", Text: "おれは無論行くんだ"},
		{Name: "deity", Text: "大方観音様の境内と八幡様"},
		{Name: "clan name", Text: "旗本の元は清和源氏だ"},
		{Name: "common words read as names", Text: "今一歩譲って、金満家に売った"},
		{Name: "a number", Text: "一さん二さん"},
		{Name: "one kanji after a label", Text: "担当：中", Want: detectortest.Low("中")},
		// One sense per discourse: a name found with evidence makes its
		// bare mentions in the same text names.
		{Name: "surname with さん, then bare", Text: "堀田さんが来た。堀田は数学の教師で、堀田《ほった》の下宿は遠い。", Want: detectortest.Medium("堀田", "堀田", "堀田")},
		{Name: "full name with 様, then its surname", Text: "山田太郎様よりお電話。山田の件は明日。", Want: append(detectortest.High("山田太郎"), detectortest.Medium("山田")...)},
		{Name: "introduced by という and a person", Text: "清《きよ》という下女が居た。この清と云う下女は、清は泣いた。", Want: detectortest.Medium("清", "清", "清")},
		{Name: "introduced, with a number between", Text: "質屋に勘太郎《かんたろう》という十三四の倅《せがれ》が居た。勘太郎は弱虫である。", Want: detectortest.Medium("勘太郎", "勘太郎")},
		{Name: "というのが居た", Text: "数学の教師に堀田というのが居た。", Want: detectortest.Medium("堀田")},
		{Name: "a name after a word in one kanji run", Text: "古賀さんの話。今朝古賀のお母さんが来た。", Want: detectortest.Medium("古賀", "古賀")},
		{Name: "another name ending in the same kanji", Text: "清さんと山田清。", Want: detectortest.Medium("清", "山田清")},
		{Name: "a place introduced as a place", Text: "住田と云う所は温泉のある町だ。住田へ行く。"},
		{Name: "a shop introduced as a shop", Text: "山城屋という質屋の庭続きで"},
		{Name: "a company, then its staff", Text: "本田という会社の社員が来た。"},
		{Name: "a nickname in kana and kanji", Text: "いか銀と云う男が居た。"},
		{Name: "a nickname with a title does not spread", Text: "天麩羅先生とかいてある。天麩羅を食う。", Want: detectortest.High("天麩羅")},
		{Name: "the same word elsewhere, no evidence", Text: "森の中を歩く。森は静かだ。"},
		{Name: "inside a longer word", Text: "清さんが清書した。日清の話。", Want: detectortest.Medium("清")},
		{Name: "introduced by とか何とか云う", Text: "華山《かざん》とか何とか云う男の掛物だ。華山には二人ある。", Want: detectortest.Medium("華山", "華山")},
		{Name: "a person later in the clause", Text: "英語の教師に古賀とか云う大変顔色の悪るい男が居た。古賀は", Want: detectortest.Medium("古賀", "古賀")},
		{Name: "と云って, then someone there", Text: "萩野《はぎの》と云って老人夫婦ぎりで暮らしているものがある。萩野の家へ行く。", Want: detectortest.Medium("萩野", "萩野")},
		{Name: "と云って quoting", Text: "嫌だと云って帰った。中村と云って怒った。"},
		{Name: "と云って, then a town", Text: "金沢と云って北陸の町がある。"},
		{Name: "particles and suffixes after a bare name", Text: "清という下女が居た。清なら喜ぶ。清以外は知らない。堀田さん、堀田だって同じだ。", Want: append(detectortest.Medium("清", "清", "清", "堀田"), detectortest.Medium("堀田")...)},
		{Name: "a verb or an adjective is no bare name", Text: "清という下女が居た。清い水が進む。", Want: detectortest.Medium("清")},
		// A given name the text comes back to, bare, three times.
		{Name: "a recurring given name", Text: "喜助は笑った。喜助が黙った。庄兵衛は喜助の顔を見た。", Want: detectortest.Medium("喜助", "喜助", "喜助")},
		{Name: "a given name twice is not enough", Text: "喜助は笑った。喜助が黙った。"},
		{Name: "a recurring word is no name", Text: "会議は長い。会議が続く。会議の後で帰る。"},
		{Name: "one kanji recurring is too often a word", Text: "清は水だ。清が良い。清の字。"},
		// A lexicon given name the tokenizer cuts in pieces (兵 + 十, 新 +
		// 兵衛) recurs as one read whole; a count (一人 → 一 + 人) does not.
		{Name: "a recurring given name cut in pieces", Text: "弥助は笑った。弥助が黙った。茂吉は弥助の家へ行った。", Want: detectortest.Medium("弥助", "弥助", "弥助")},
		{Name: "a recurring count is no name", Text: "一人は笑った。一人が黙った。一人の家へ行った。"},
		{Name: "a recurring compound is no name", Text: "受注残は多い。受注残が減る。受注残の件。"},
		// A given name with a family member: once is enough.
		{Name: "a given name and a wife", Text: "鍛冶屋の新兵衛の家内が髪をすいていた。", Want: detectortest.Medium("新兵衛")},
		{Name: "a word and a school is no family", Text: "正義の母校を訪ねた。"},
		// Introductions in kana and with お百姓.
		{Name: "introduced as おじいさん", Text: "村の茂平《もへい》というおじいさんから聞いた。", Want: detectortest.Medium("茂平")},
		{Name: "introduced as お百姓", Text: "弥助《やすけ》というお百姓の家の裏を通った。", Want: detectortest.Medium("弥助")},
		{Name: "という形 is no person", Text: "弥助という形で残った。"},
		// People the lexicon does not know, shown acting.
		{Name: "an unknown name acting", Text: "厨子王は泣いた。厨子王が姉を呼んだ。母は厨子王の手を取った。", Want: detectortest.Medium("厨子王", "厨子王", "厨子王")},
		{Name: "a katakana name acting", Text: "グエンは笑って答えた。グエンが来る。グエンの荷物を運ぶ。", Want: detectortest.Medium("グエン", "グエン", "グエン")},
		{Name: "an unknown name with a son", Text: "山椒大夫の息子三郎である。山椒大夫は座る。山椒大夫が待つ。", Want: detectortest.Medium("山椒大夫", "三郎", "山椒大夫", "山椒大夫")},
		{Name: "acting only twice is not enough", Text: "厨子王は泣いた。厨子王が来た。"},
		{Name: "a person noun acting is no name", Text: "女中は言った。女中が笑った。女中の部屋。奴頭は叱った。奴頭が来た。奴頭の声。"},
		{Name: "a department acting is no name", Text: "営業部は考えた。営業部が答えた。営業部の方針。"},
		{Name: "a katakana word acting is no name", Text: "ユーザーは思った。ユーザーが言った。ユーザーの声。"},
		{Name: "a count acting is no name", Text: "二人は笑った。二人が泣いた。二人の家。"},
		{Name: "a place is no acting name", Text: "佐渡は言った。佐渡が笑った。佐渡へ渡る。佐渡の国。"},
		{Name: "an unknown name with an honorific, then bare", Text: "了海様はおられるか。了海どのに会いたい。了海が掘った。", Want: detectortest.Medium("了海", "了海", "了海")},
		{Name: "an unknown name with さん, then bare", Text: "了海さんは、まだやっている。了海の洞門。了海が掘った。", Want: detectortest.Medium("了海", "了海", "了海")},
		{Name: "a nickname with a title is not", Text: "天麩羅先生と書いた。天麩羅を食う。天麩羅が好きだ。天麩羅の店。", Want: detectortest.High("天麩羅")},
		{Name: "お and a given name, with her words", Text: "お弓の言葉を聞いた。お弓は台所へ行く。お弓が戻った。", Want: detectortest.Medium("お弓", "お弓", "お弓")},
		{Name: "お and a word is no name", Text: "お茶の言葉を聞いた。お茶は熱い。お茶が好きだ。"},
		{Name: "a kana verb", Text: "山岡大夫はうなずいた。山岡大夫が舟を出す。山岡大夫の舟。", Want: detectortest.Medium("山岡大夫", "山岡大夫", "山岡大夫")},
		{Name: "family and は is a sentence", Text: "姉は守本尊を取り出した。"},
		{Name: "an author before a work", Text: "底本：「芥川龍之介全集」筑摩書房。山田太郎著『入門』。", Want: detectortest.Medium("芥川龍之介", "山田太郎")},
		{Name: "a vocative", Text: "メロスは激怒した。メロスは言った。メロスよ、走れ。", Want: detectortest.Medium("メロス", "メロス", "メロス")},
		{Name: "a direction with さん does not spread", Text: "あ、西さん、あ、東さん。西のほうをながめた。", Want: detectortest.Medium("西", "東")},
		{Name: "a place for work acting is no name", Text: "工事場が見えた時、良平は思った。工事場に佇む。工事場の前。"},
		{Name: "a title the text calls its person by", Text: "禅智内供の鼻。内供は笑った。内供が言った。内供の顔。", Want: detectortest.Medium("禅智")},
		{Name: "a given name after its surname is no title", Text: "中川実之助の記。実之助は笑った。実之助が言った。実之助の顔。", Want: detectortest.Medium("中川実之助", "実之助", "実之助", "実之助")},
		{Name: "a name after a count is no title", Text: "三郎兵衛の一子実之助。実之助は笑った。実之助が言った。実之助の顔。", Want: detectortest.Medium("実之助", "実之助", "実之助", "実之助")},
		{Name: "a name run into its verb", Text: "美登利さんが来た。美登利立出でて言ふ。", Want: detectortest.Medium("美登利", "美登利")},
		{Name: "a short name does not start a word", Text: "清さんが来た。清書を頼む。", Want: detectortest.Medium("清")},
		{Name: "a monk's name before his title", Text: "住持曇猛律師があけさせた。能因法師が歌を作つた。", Want: detectortest.Medium("曇猛", "能因")},
		{Name: "a word that ends in a monk's title", Text: "旅法師が来た。影法師が映る。"},
		{Name: "a one-kanji name the tokenizer reads as a verb alone", Text: "本当に正さん大変だぜ", Want: detectortest.Medium("正")},
		{Name: "a kanji honorific in a word", Text: "男と姫君とが愁嘆してゐる"},
		{Name: "a number is a boy's name before ちゃん", Text: "三ちゃんが来た。三月になった。", Want: detectortest.Medium("三")},
		{Name: "ちゃん in old kana", Text: "お前がたは三ちやんに何の咎がある", Want: detectortest.Medium("三")},
		{Name: "ちゃんと in old kana", Text: "机の上にちやんと置いた"},
		{Name: "a number before さん", Text: "一さんが来た"},
		{Name: "a name after a kind of person and の", Text: "用人の五左衛門を呼び出した。八百屋の吉五郎に大工の太吉。", Want: detectortest.Medium("五左衛門", "吉五郎", "太吉")},
		{Name: "a name after a year of school and の", Text: "あの家一年生の小助の家だ。", Want: detectortest.Medium("小助")},
		{Name: "what is someone's after の", Text: "その人の卓子《テーブル》の足もと。主人の卓子の上。部屋の真中に座る。人生の正義。"},
		{Name: "a known surname before 夫婦", Text: "小幡という男がいた。小幡夫婦はまだ生きている。", Want: detectortest.Medium("小幡", "小幡")},
		{Name: "a known katakana name before a verb", Text: "エリスは泣いた。エリスは言った。エリス云ふ。", Want: detectortest.Medium("エリス", "エリス", "エリス")},
		{Name: "a full name split by its surname's reading", Text: "小幡《おばた》伊織という男がいた。", Want: detectortest.Medium("小幡《おばた》伊織")},
		{Name: "a two-kanji known name glued to the next word", Text: "長吉という男がいた。それと長吉聲をかくれば皆来た。", Want: detectortest.Medium("長吉", "長吉")},
		{Name: "a two-kanji known name before a city", Text: "松本様より連絡。松本市拠点では会議。", Want: detectortest.Medium("松本")},
		{Name: "a two-kanji known name before a shrine or a longer name", Text: "千束という男がいた。千束神社のまつり。太郎吉が来た。", Want: detectortest.Medium("千束")},
		{Name: "an adverb glued before a known name", Text: "喜助という男。庄兵衛は今喜助の話を聞いた。", Want: detectortest.Medium("喜助", "喜助")},
		{Name: "a word's kanji before a known name is no surname", Text: "美登利という娘。大方美登利さんは笑った。", Want: detectortest.Medium("美登利", "美登利")},
		{Name: "a suffix the text reads as part of a word", Text: "やがて森羅殿《しんらでん》の前へ来た。閻魔大王は森羅殿も崩れる程喚いた。同時に正氏《まさうじ》が来た。"},
		{Name: "an honorific the text reads as one", Text: "山田殿《どの》が来た。山田殿は笑った。", Want: detectortest.Medium("山田", "山田")},
		{Name: "a name found often, run into what follows it", Text: "信如さんが来た。信如が笑う。信如は走る。信如の袖。信如と歩く。信如いかにしたるか。信如袖ふり切りて行く。", Want: detectortest.Medium("信如", "信如", "信如", "信如", "信如", "信如", "信如")},
		{Name: "a name found often before a title", Text: "半七さんが来た。半七が笑う。半七は走る。半七の袖。半七と歩く。「半七捕物帳」を読む。", Want: detectortest.Medium("半七", "半七", "半七", "半七", "半七")},
		{Name: "what a text says a name is", Text: "娘の名は真砂《まさご》、年は十九歳。弟は我が名を萱草《わすれぐさ》じゃ。萱草は山へ往け。", Want: detectortest.Medium("真砂", "萱草", "萱草")},
		{Name: "名 in a word, as a counter, or written down", Text: "品名は鉛筆。臨時要員 3名を配置。名を簿冊《ぼさつ》に記させつ。"},
		{Name: "a name listed with a found one, there only", Text: "宮崎という男がいた。宮崎も佐渡も銭を握った。佐渡と宮崎とは笑った。母は佐渡へ渡った。", Want: detectortest.Medium("宮崎", "宮崎", "佐渡", "佐渡", "宮崎")},
		{Name: "a name listed with a found one, where it is a subject", Text: "宮崎という男がいた。宮崎も佐渡も銭を握った。佐渡が言った。佐渡は髪をつかんだ。佐渡は遠い。佐渡へ渡った。佐渡の国府。", Want: detectortest.Medium("宮崎", "宮崎", "佐渡", "佐渡", "佐渡")},
		{Name: "a place after a name and と", Text: "山田さんと大阪へ行く。山田さんと東京で会う。", Want: detectortest.Medium("山田", "山田")},
		{Name: "a name of old joined by 之", Text: "中川様の御子息、実之助様か。", Want: detectortest.Medium("中川", "実之助")},
		{Name: "之 starts no name", Text: "之助さんが来た", Want: detectortest.Medium("助")},
		{Name: "the given name of a full name found", Text: "太田豊太郎は留学した。わが豊太郎の君とは見えず。", Want: detectortest.Medium("太田豊太郎", "豊太郎")},
		{Name: "a ruler's name before a regnal number", Text: "維廉《ヰルヘルム》一世の街。ナポレオン三世が来た。", Want: detectortest.Medium("維廉", "ナポレオン")},
		{Name: "a century and a household", Text: "二十一世紀の話。三世帯住宅。ケース二世。"},
		// Round 12.
		{Name: "a foreign name before a title", Text: "サード卿《きょう》の流れ。ビスマルク侯の進退。ワトソン博士が来た。スミス夫人に会う。", Want: detectortest.Medium("サード", "ビスマルク", "ワトソン", "スミス")},
		{Name: "a place, a loanword or an organisation before a title", Text: "ロンドン公園を歩く。アメリカ大使が来た。ロボット博士の本。パリ公演。"},
		{Name: "a man's given name glossed by its reading", Text: "二年生の承吉《しょうきち》も言いました。喜作《きさく》を押えた。", Want: detectortest.Medium("承吉", "喜作")},
		{Name: "a word or an epithet glossed by its reading", Text: "この野郎《やろう》申し合せて。バッタは退治《たいじ》た。大違いの勘五郎《かんごろう》ぞなもし。腑抜けの呆助《ほうすけ》だ。"},
		{Name: "又 before a known name of three kanji", Text: "杜子春という若者がいた。又杜子春が以前の通り一文無しになった。", Want: detectortest.Medium("杜子春", "杜子春")},
		{Name: "此 before a name and an honorific", Text: "此美登利さんは何を遊んで居る", Want: detectortest.Medium("美登利")},
		{Name: "a self-introduction", Text: "営業部の山田と申します。カトウと申します。", Want: detectortest.Medium("山田", "カトウ")},
		{Name: "申します after a word or a loanword", Text: "無理だと申しました。サービスと申しましても色々です。"},
		{Name: "a full name only the dictionary knows", Text: "摂政《せつしやう》藤原基経《もとつね》に仕へてゐる侍。", Want: detectortest.Medium("藤原基経")},
		{Name: "a two-kanji dictionary name is as often a word", Text: "芭蕉《ばしょう》の葉を動かした。孝子の願いを叶えた。"},
		{Name: "a volunteer's name in kanji after a worker label", Text: "入力：網迫\n校正：割子田数哉\n入力：真先芳秋校正：柳沢成雄", Want: detectortest.Medium("網迫", "割子田数哉", "真先芳秋", "柳沢成雄")},
		{Name: "surnames listed before a count of people", Text: "森、林、原の3名で対応します。佐藤・鈴木の二人が出席。担当は森と林の2名です。", Want: detectortest.Medium("森", "林", "原", "佐藤", "鈴木", "森", "林")},
		{Name: "places, or more items than the count", Text: "東京、大阪の2名。森、林、原の2名。森の3名義。"},
		{Name: "a one-kanji surname filling a labelled field", Text: "担当：宮", Want: detectortest.Medium("宮")},
		{Name: "a one-kanji word filling a labelled field", Text: "担当：中", Want: detectortest.Low("中")},
		{Name: "an introduction with what the person is good at", Text: "新田と、それから田辺といふ短歌の上手な青年と、二人で来た。", Want: detectortest.Medium("田辺")},
		{Name: "an introduction of a place or a company", Text: "山田という会社の社員。田辺といふ町の静かな宿。"},
		{Name: "a katakana surname and given name standing alone", Text: "名義変更前：ﾖｺﾔﾏ ﾏｻﾙ、変更後：ﾖｺﾔﾏ ｹｲｺ\n振込 ヤマダ タロウ", Want: append(detectortest.Low("前"), detectortest.Medium("ﾖｺﾔﾏ ﾏｻﾙ", "ﾖｺﾔﾏ ｹｲｺ", "ヤマダ タロウ")...)},
		{Name: "two katakana words that read as no name", Text: "ホーム ページを更新。（サイト マップ）\nミナミ アオヤマ\nメール アドレス\nユーザー ネーム"},
		{Name: "a name after a provincial post, its mentions, and a clan name glossed with の", Text: "わたくしは陸奥掾正氏《むつのじょうまさうじ》という者の妻です。同時に正氏が謫所へ。左遷せられた平正氏《たいらのまさうじ》が嫡子。", Want: detectortest.Medium("正氏", "正氏", "平正氏")},
		{Name: "a province and a post before a word", Text: "越前守護代の館。"},
		{Name: "a name listed before a found one and its reading", Text: "四年生は喜蔵も甲助《こうすけ》もみんなそれをうつしました。", Want: detectortest.Medium("喜蔵", "甲助")},
		{Name: "a full name after a post of old, and its surname", Text: "舟に乗り込んだ同心羽田庄兵衛《はねだしょうべえ》は黙っていた。平和な羽田の家に。", Want: detectortest.Medium("羽田庄兵衛", "羽田")},
		{Name: "a post of old before a word", Text: "家老職の件。奉行所へ行く。"},
		{Name: "a pet name drawn out before an honorific", Text: "水菓子やの喜いさん、夫れよりも。何だ、喜い公、何處が好い者か。", Want: detectortest.Medium("喜い", "喜い")},
		{Name: "an adjective or a family member before an honorific", Text: "偉いさんが来た。兄いさんが来た。若いさん。可愛いちゃん。"},
		{Name: "a familiar name with 公", Text: "大工の兼公《かねこう》と肴屋の角をつれて。今朝も三公の家へ行つた。", Want: detectortest.Medium("兼", "三")},
		{Name: "公 in a word", Text: "奉公に出る。主公の命。郭公が鳴く。貴公は誰だ。"},
		{Name: "a word glossed before an honorific, and its bare mentions", Text: "「垣衣《しのぶぐさ》さん。」垣衣は浜へ往った。", Want: detectortest.Medium("垣衣", "垣衣")},
		{Name: "a glossed word, a kind of person or family before an honorific", Text: "今は只管《ひたすら》君がベルリンに。紙雛《あね》さまとを相手に。旦那《だんな》さんが来た。観音《かんのん》様。"},
		{Name: "a lady's name in 姫", Text: "「清姫。」ものの本によると、清姫は十四だつた。裏屋より赫奕姫《かくやひめ》の生るゝ事。", Want: detectortest.Medium("清姫", "清姫", "赫奕姫")},
		{Name: "words in 姫", Text: "舞姫の作者。歌姫が歌う。一姫二太郎。姫君が来た。"},
		{Name: "one kanji glossed with a given name's reading before an honorific", Text: "浅井《あさい》の民《たみ》さんと云う子。民は来なかった。", Want: detectortest.Medium("民")},
		{Name: "one kanji glossed with a word's reading before an honorific", Text: "神《かみ》様。月《つき》さま。姉《あね》さん。上《うえ》様。"},
		{Name: "names listed with scorn, then glued in a list and bare", Text: "長吉さんが来た。口惜しい、長吉め文次め丑松め、なぜ己れを殺さぬ。明日に成りて丑松文次その外の口より。", Want: detectortest.Medium("長吉", "長吉", "文次", "丑松", "丑松", "文次")},
		{Name: "scorn before a word is no list", Text: "長吉さんが来た。長吉め文句を言ふ。", Want: detectortest.Medium("長吉", "長吉")},
		{Name: "a name of one kana and one kanji that acts", Text: "　ぺ吉《きち》だの三四人はもう泳いで。\nぺ吉がまた向こうで言いました。\n　ぺ吉がまた一人出て来て、", Want: detectortest.Medium("ぺ吉", "ぺ吉", "ぺ吉")},
		{Name: "a particle before a kanji that acts", Text: "「と私が囁くと、彼は答えた。\nやっと私が云った。\nと私は思った。"},
		{Name: "a name after a kind of person and its reading", Text: "手遊屋《おもちやゝ》の彌助などあらば引けは取るまじ", Want: detectortest.Medium("彌助")},
		{Name: "a katakana name someone is called by", Text: "「キッコ、キッコ、うな通信簿持って来たが。」\n待ってくれ、ゼウスよ。\nついて来い！　フィロストラトス。\n「フィロストラトスでございます。」", Want: detectortest.Medium("キッコ", "キッコ", "ゼウス", "フィロストラトス", "フィロストラトス")},
		{Name: "katakana words in speech that call no one", Text: "「ホホホホ、\n「リトライ、タイムアウト」の設定。\nコーヒーよ。\n「ランチでございます。」"},
		{Name: "a given name in kana and 子", Text: "カムパネルラがかおる子に云いました。\nかおる子はハンケチを顔にあてて", Want: detectortest.Medium("かおる子", "かおる子")},
		{Name: "that child, a verb's kana before 子", Text: "その子は泣いた。あの子が来た。産れん子は君に似て"},
		{Name: "a clan's name, の and a given name, each glossed", Text: "先祖は清和源氏《せいわげんじ》で、多田《ただ》の満仲《まんじゅう》の後裔だ。", Want: detectortest.Medium("多田", "満仲")},
		{Name: "a surname's field or a province's district, glossed", Text: "山田《やまだ》の田圃《たんぼ》。岩代《いわしろ》の信夫郡《しのぶごおり》に住む。"},
		{Name: "a foreign full name joined by ・", Text: "江戸時代に於ける隠れたシャアロック・ホームズであった。ジョン・スミスが来た。", Want: detectortest.Medium("シャアロック・ホームズ", "ジョン・スミス")},
		{Name: "loanwords or a place joined by ・", Text: "カスタマー・サポートへ。ニュー・ヨークの街。ル・モルグを読む。"},
		{Name: "words after a worker label", Text: "入力：未定\n校正：青空文庫\n入力：営業推進\n校正：同上"},
		{Name: "a known name run into kana", Text: "美登利といふ娘。美登利くやしく泣いた。", Want: detectortest.Medium("美登利", "美登利")},
		{Name: "a two-kanji known name before a word in kana", Text: "正太さんが来た。正太うれしげに見送つて", Want: detectortest.Medium("正太", "正太")},
		{Name: "a one-kanji known name before kana is a word", Text: "清という下女がいた。清い水を汲む。", Want: detectortest.Medium("清")},
		{Name: "scorn after a name", Text: "長吉さんが来た。長吉め、覚えて居ろ。", Want: detectortest.Medium("長吉", "長吉")},
		{Name: "a verb's め after a name", Text: "清さんが来た。清めた塩。", Want: detectortest.Medium("清")},
		{Name: "a man's name of old by its ending, alone and after his house", Text: "桂屋太郎兵衛《かつらやたろべえ》というもの。太郎兵衛の家族は泣いた。太郎兵衛が女房の母。太郎兵衛は言った。桂屋太郎兵衛の事。桂屋太郎兵衛が来た。", Want: detectortest.Medium("桂屋太郎兵衛", "太郎兵衛", "太郎兵衛", "太郎兵衛", "桂屋太郎兵衛", "桂屋太郎兵衛")},
		{Name: "a name of old by its ending, named once, or a post", Text: "太郎兵衛が来た。一子実之助が来た。"},
		{Name: "a surname, a provincial post and a given name", Text: "東が稲垣淡路守種信《いながきあわじのかみたねのぶ》で、城代《じょうだい》太田備中守資晴《おおたびっちゅうのかみすけはる》がたずねて来た。大岡越前守《おおおかえちぜんのかみ》なども。", Want: detectortest.Medium("稲垣", "種信", "太田", "資晴", "大岡")},
		{Name: "a provincial post with no surname before it", Text: "淡路守の館。備中守が来た。"},
		{Name: "given names after a family member's title", Text: "長女いちが十六歳、二女まつが十四歳になる。姉娘のいちが立ち聞きをした。妻花子は笑った。娘の春子が来た。\n家族：妻 花子、長女 はな、母 トメ", Want: detectortest.Medium("いち", "まつ", "いち", "花子", "春子", "花子", "はな", "トメ")},
		{Name: "a family member's title before a particle or a word", Text: "この兄はやに色が白くって。母よりの手紙。娘のはなしを聞く。妹のほうが高い。長女の結婚式。娘たちが来た。妻のことを思う。"},
		{Name: "a name said before an age, and its mentions", Text: "娘は、とくと言って八歳になる。「とく」と呼んだ。とくは黙った。", Want: detectortest.Medium("とく", "とく", "とく")},
		{Name: "an adverb before a quote", Text: "とくと言って聞かせた。まあと言って笑った。"},
		{Name: "names listed under one label", Text: "入力：深水英一郎・加藤るみ\n校正：土屋隆", Want: detectortest.High("深水英一郎", "加藤るみ", "土屋隆")},
		{Name: "a title listed after a labelled name", Text: "妻 中野 由美、長男 中野 蒼（小3）", Want: detectortest.High("中野 由美", "中野 蒼")},
		{Name: "a full name glossed by its reading, its surname rare, and the surname after", Text: "蕗屋清一郎《ふきやせいいちろう》が、何故。蕗屋はこの金に誘惑を感じた。蕗屋が言った。", Want: detectortest.Medium("蕗屋清一郎", "蕗屋", "蕗屋")},
		{Name: "words glossed by their reading that end in what reads as a given name", Text: "手前は書画骨董《しょがこっとう》がすき。辛防強い朴念仁《ぼくねんじん》がなる。命なぞは如露亦如電《にょろやくにょでん》に違いない。如是我聞《によぜがもん》、佛説。嘘つきの法螺右衛門《ほらえもん》だ。大違いの勘五郎《かんごろう》ぞ。"},
		{Name: "pet names of one kana and っ before ちゃん", Text: "さっちゃんが来た。ねえ、みっちゃん。", Want: detectortest.Medium("さっ", "みっ")},
		{Name: "family and strangers called with っちゃん", Text: "おっちゃんが来た。ぼっちゃんが来た。ばっちゃんの家。じっちゃんが言った。ちょっちゃん。"},
		{Name: "an exclamation, a reply and a prince", Text: "ところが、何という無分別な男だ。いいえ沢山と申しまして。大谷さんであろうが宮様であろうが。", Want: detectortest.Medium("大谷")},
		{Name: "katakana words the dictionary has only as a person's name", Text: "彼はナポレオンの大掛りな殺人を讃美した。シェークスピアが書いた。", Want: detectortest.Medium("ナポレオン", "シェークスピア")},
		{Name: "sounds and loanwords the dictionary has as names too", Text: "汽車の笛がヒューと鳴る。カーン、カーン、と鐘が鳴る。イエスかノーか。ジョブが失敗した。"},
		{Name: "two kanji ending a man's given name of old, which the text comes back to", Text: "柳吉が切り廻している。柳吉の店の前。柳吉は素知らぬ顔。種吉の女房が来た。", Want: detectortest.Medium("柳吉", "柳吉", "柳吉", "種吉")},
		{Name: "words and places ending in 吉, 助 or 蔵", Text: "大吉が出た。大吉は嬉しい。大吉の札。援助が要る。援助は続く。援助の手。住吉へ行く。住吉は遠い。住吉の浜。地蔵が立つ。地蔵は笑う。地蔵の前。"},
		{Name: "お and a kanji the text glosses as お and a given name", Text: "女房のお辰《おたつ》は言った。お辰は笑った。お辰が来た。", Want: detectortest.Medium("お辰", "お辰", "お辰")},
		{Name: "お and a kanji glossed as a word", Text: "お茶《おちゃ》は冷めた。お茶は笑った。お茶が来た。"},
		{Name: "a cast list: a family title, spaces and a name with お", Text: "　その妹　　おたね　　二十歳\n　彼らの母　おたか　　五十一歳", Want: detectortest.Medium("おたね", "おたか")},
		{Name: "a name of old that starts with a number", Text: "三五郎は居るか。三五郎が来た。三五郎の家。", Want: detectortest.Medium("三五郎", "三五郎", "三五郎")},
		{Name: "a known name after a word in its run", Text: "相沢さんが来た。秘書官相沢が答えた。", Want: detectortest.Medium("相沢", "相沢")},
		{Name: "a known name after a prefix is another word", Text: "三郎さんが来た。又三郎が来た。", Want: detectortest.Medium("三郎")},
		{Name: "a polite word before さま", Text: "お邪魔さまで御座いました。ご苦労さまです。"},
		{Name: "a kind of person before さま", Text: "和尚さまが来た。父親和尚は笑った。"},
		{Name: "a name after a kind of person", Text: "女中姥竹が来た。姥竹は黙った。姥竹が立った。姥竹の部屋。", Want: detectortest.Medium("姥竹", "姥竹", "姥竹", "姥竹")},
		{Name: "a word after a kind of person", Text: "社員食堂は混んだ。食堂が開いた。食堂の前。食堂は広い。"},
		{Name: "a name one takes", Text: "元服して正道と名のっている。正道は黙った。", Want: detectortest.Medium("正道", "正道")},
		{Name: "who keyed a document in", Text: "入力：柳沢成雄", Want: detectortest.High("柳沢成雄")},
		{Name: "a label, a surname, a space, a kana given name that ends the line", Text: "園児名: 長田 いちか\n担当: 山田 まで", Want: []detectortest.Want{{Value: "長田 いちか", Confidence: detectors.High}, {Value: "山田", Confidence: detectors.Medium}}},
		{Name: "a title, a space and a surname in parentheses", Text: "新宿店は本日臨時休業です（店長 宮坂）。", Want: detectortest.Medium("宮坂")},
		{Name: "a place in parentheses in running text", Text: "会場（神田）で開催します。"},
		{Name: "a surname signing a status cell", Text: "確認済（西岡）", Column: "状態", Want: detectortest.Medium("西岡")},
		{Name: "who proofread a document", Text: "校正：蒋龍", Want: detectortest.High("蒋龍")},
		// A label's value that fills its line is one name, whatever words
		// its given name or surname make.
		{Name: "a given name that is a word fills the field", Text: "校正：鈴木厚司\n", Want: detectortest.High("鈴木厚司")},
		{Name: "a given name tagged a place fills the field", Text: "校正：吉田亜津美", Want: detectortest.High("吉田亜津美")},
		{Name: "a surname that is a word fills the field", Text: "入力：砂場清隆\n", Want: detectortest.Medium("砂場清隆")},
		{Name: "a volunteer's handle in a colophon", Text: "入力：j.utiyama\n校正：もりみつじゅんじ\n", Want: detectortest.Medium("j.utiyama", "もりみつじゅんじ")},
		{Name: "a worker field that holds no name", Text: "入力：なし\n校正：ありません\n入力: Excel\n入力: v1.2\n未入力：あいうえお\n未入力者：あいうえお"},
		{Name: "a field filled by words", Text: "担当者：営業推進"},
		{Name: "a field filled by a library", Text: "入力：青空文庫\n"},
		{Name: "入力 starts a word", Text: "入力内容を確定して登録します"},
		{Name: "the author of a collection", Text: "底本：「現代日本文学大系 43 芥川龍之介集」", Want: detectortest.Medium("芥川龍之介")},
		{Name: "the author after a long title", Text: "底本の親本：「筑摩全集類聚版芥川龍之介全集」", Want: detectortest.Medium("芥川龍之介")},
		{Name: "a word that is also a given name does not recur as one", Text: "正義のためだ。正義だの、信実だの。正義の士として。"},
		{Name: "a given name the text reads as a loanword", Text: "高い卓子《テーブル》に座った。卓子の足もと。卓子の人へ。"},
		{Name: "a name before a rank of old", Text: "既に天方伯の秘書官たりしが", Want: detectortest.Medium("天方")},
		{Name: "a word that ends in 公", Text: "主人公は奉公に出た。"},
		{Name: "a place name acting twice is a person's", Text: "小萩は言った。小萩が笑った。小萩の顔。", Want: detectortest.Medium("小萩", "小萩", "小萩")},
		{Name: "a place name acting once is a place", Text: "小萩は言った。小萩が来た。小萩の国。"},
		{Name: "a surname the text goes to is a place", Text: "田町は言った。田町が笑った。田町へ通ふ。田町の姉。"},
		{Name: "a katakana name after a kind of person", Text: "暴君ディオニスは静かに問いつめた。", Want: detectortest.Medium("ディオニス")},
		{Name: "a katakana name after a title", Text: "詩人ハツクレンデルが当世の奴隷といひし", Want: detectortest.Medium("ハツクレンデル")},
		{Name: "a katakana word after a kind of person", Text: "社長メッセージと作家デビューの記事、女性モデル募集。"},
		{Name: "a given name after a post of old", Text: "おれは関白師実じゃ", Want: detectortest.Medium("師実")},
		{Name: "a surname after a title", Text: "部長山田の決裁", Want: detectortest.Medium("山田")},
		{Name: "a common word after a kind of person", Text: "少年時代と学生生活、社長室と部長会議"},
		{Name: "we acting is no name", Text: "私達は言った。私達が笑った。私達の顔。"},
		{Name: "a title acting is no name", Text: "司法主任は言った。司法主任が笑った。司法主任の顔。"},
		{Name: "a café is no name", Text: "白梅軒で会った。白梅軒の前。白梅軒は混む。"},
		{Name: "a surname before a police title", Text: "これが小林刑事だった。", Want: detectortest.Medium("小林")},
		{Name: "the landlady is no name", Text: "煙草屋のお上さんが来た。"},
		{Name: "a mountain a text personifies", Text: "富士は笑った。富士が言った。富士の顔。富士山頂。"},
		{Name: "a katakana name before a title in 「」 and its bare mentions", Text: "やドイルの「スペックルド・バンド」。ドイルもそれを真似て。", Want: detectortest.Medium("ドイル", "ドイル")},
		{Name: "a page or a menu in 「」", Text: "社内ポータルの「各種届出」から申請。ブラウザの「戻る」は使わない。当社ウェブサイトの「お問い合わせ」ページ。"},
		{Name: "a katakana name's bare mentions, not a place named after it", Text: "ターナーの画にありそうだ。全くターナーですね。あの島をターナー島と名づけよう。", Want: detectortest.Medium("ターナー", "ターナー")},
		{Name: "a katakana author before a title", Text: "君はポオの『ル・モルグ』を読んだか。", Want: detectortest.Medium("ポオ")},
		{Name: "a katakana painter before a painting", Text: "ターナーの画にありそうだね", Want: detectortest.Medium("ターナー")},
		{Name: "a katakana word before a title", Text: "サービスの『概要』を読む。"},
		{Name: "an introduction past an age and a word that describes", Text: "新田といふ二十五歳の温厚な青年が来た。新田は笑った。", Want: detectortest.Medium("新田", "新田")},
		{Name: "a hiragana name as a person's family", Text: "佐太郎さんが来た。かよは佐太郎の妹でした。するとかよは泣いた。", Want: detectortest.Medium("佐太郎", "かよ", "佐太郎", "かよ")},
		{Name: "a hiragana name with お after a verb", Text: "おふみという女の名。年来の疑問になっているおふみの一件。", Want: detectortest.Medium("おふみ", "おふみ")},
		{Name: "kana of a word before は and a family noun", Text: "佐太郎さんが来た。見るかよは佐太郎の妹だ。", Want: detectortest.Medium("佐太郎", "佐太郎")},
		{Name: "a hiragana name introduced", Text: "おふみという女の名。あのおふみの一件。「ふみが来た」。", Want: detectortest.Medium("おふみ", "おふみ", "ふみ")},
		{Name: "a hiragana name before a family title", Text: "「お父さんやきくよねえさんはまだいろいろ」", Want: detectortest.Medium("きくよ")},
		{Name: "a child's name before ちゃん", Text: "はなちゃんが転んだ。はなの靴。", Want: detectortest.Medium("はな", "はな")},
		{Name: "hiragana words before さん and さま", Text: "みなさん、みなさま。おばあさんとおじいさんとおかあさん。あかちゃんとおじょうさん。かみさまとおひさまとおつきさま。にぎやかなさまざまの音。"},
		{Name: "a temple acting is no name", Text: "龍華寺は言った。龍華寺が笑った。龍華寺の庭。"},
		{Name: "a katakana name found with さん, then acting", Text: "ジョバンニさんは思った。ジョバンニが来た。ジョバンニの本。", Want: detectortest.Medium("ジョバンニ", "ジョバンニ", "ジョバンニ")},
		// Words that look like names before an honorific or a title.
		{Name: "お前さん", Text: "お前さんは誰だ。前の人。"},
		{Name: "お菊さん", Text: "お菊さんが来た。", Want: detectortest.Medium("お菊")},
		{Name: "お六さん", Text: "花屋のお六さんに", Want: detectortest.Medium("お六")},
		{Name: "a name after お客様", Text: "お客様相沢勇気様より電話あり", Want: detectortest.High("相沢勇気")},
		{Name: "an office before a title", Text: "名古屋営業所長が来た"},
		{Name: "an era before a date", Text: "本人は平成12年1月1日生まれ"},
		{Name: "plain prose", Text: detectortest.Prose(2 << 10)},
	})
}

// TestRecall checks what a name carries to the next texts of its object,
// and what it finds there.
func TestRecall(t *testing.T) {
	d := New()
	introduced := detectors.Verdict{Confidence: detectors.Medium, Reasons: []string{"name in dictionary", reasonIntroduced}}
	elsewhere := detectors.Verdict{Confidence: detectors.Medium, Reasons: []string{"name in dictionary", reasonNamedElsewhere}}
	honoured := detectors.Verdict{Confidence: detectors.High, Reasons: []string{"surname and given name", "before an honorific"}}
	acting := detectors.Verdict{Confidence: detectors.Medium, Reasons: []string{reasonActs}}
	for _, tc := range []struct {
		value string
		v     detectors.Verdict
		want  []string
	}{
		{"清", introduced, []string{"清"}},
		{"山田", elsewhere, []string{"山田"}},
		{"山田 太郎", elsewhere, []string{"山田"}},
		{"山田太郎", elsewhere, []string{"山田太郎", "山田"}},
		{"山田太郎", honoured, nil},     // named once: a customer in a list
		{"天麩羅", elsewhere, nil},     // a nickname the lexicon does not know
		{"ヤマダ タロウ", elsewhere, nil}, // readings are not mentioned bare
		{"ジョバンニ", acting, []string{"ジョバンニ"}},
		{"厨子王", acting, []string{"厨子王"}},
	} {
		if got := d.Recall(tc.value, tc.v); !slices.Equal(got, tc.want) {
			t.Errorf("Recall(%q, %q) = %q, want %q", tc.value, tc.v.Reasons, got, tc.want)
		}
	}
	for _, tc := range []struct {
		text string
		keys []string
		want []string
	}{
		{"清は笑った。清い水。大方清も来た。", []string{"清"}, []string{"清", "清"}},
		{"山田の件。山田錦を買う。", []string{"山田"}, []string{"山田"}},
		{"石川さんが出席。石川は来た。", []string{"石川"}, []string{"石川"}}, // the honorific's rules find the first
		{"髙橋の件。", []string{"高橋"}, []string{"髙橋"}},          // the variant is read as the name
		{"翌日、ジョバンニは休んだ。カムパネルラも。", []string{"ジョバンニ", "カムパネルラ"}, []string{"ジョバンニ", "カムパネルラ"}},
		{"ジョバンニーズの店。", []string{"ジョバンニ"}, nil}, // inside a longer word
		{"森の中。", nil, nil},
		{"no Japanese here", []string{"清"}, nil},
	} {
		var text detectors.Text
		text.SetText(tc.text, "")
		var got []string
		for _, c := range d.Mentions(&text, tc.keys) {
			if c.Confidence != detectors.Medium {
				t.Errorf("Mentions(%q): %q at %v, want medium", tc.text, text.Norm[c.Start:c.End], c.Confidence)
			}
			got = append(got, text.Orig[text.OrigOffset(c.Start):text.OrigOffset(c.End)])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Mentions(%q, %q) = %q, want %q", tc.text, tc.keys, got, tc.want)
		}
	}
}

func TestFindInColumns(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Text: "山田 太郎", Column: "氏名", Want: detectortest.High("山田 太郎")},
		{Text: "山田太郎", Column: "full_name", Want: detectortest.High("山田太郎")},
		{Text: " 小鳥遊 陽葵 ", Column: "customer.name", Want: detectortest.High("小鳥遊 陽葵")},
		{Text: "山田", Column: "姓", Want: detectortest.High("山田")},
		{Text: "花子", Column: "first_name", Want: detectortest.High("花子")},
		{Text: "ヤマダ タロウ", Column: "フリガナ", Want: detectortest.High("ヤマダ タロウ")},
		{Text: "やまだ たろう", Column: "kana", Want: detectortest.High("やまだ たろう")},
		{Text: "ﾔﾏﾀﾞ ﾀﾛｳ", Column: "氏名カナ", Want: detectortest.High("ﾔﾏﾀﾞ ﾀﾛｳ")},
		{Text: "Taro Yamada", Column: "name_romaji", Want: detectortest.High("Taro Yamada")},
		{Text: "YAMADA Taro", Column: "fullName", Want: detectortest.High("YAMADA Taro")},
		{Text: "Saori Satoh", Column: "contact.name", Want: detectortest.High("Saori Satoh")},
		{Name: "a capitalised Mei is a name", Text: "Mei", Column: "first_name", Want: detectortest.High("Mei")},
		{Text: "山田太郎 様", Column: "宛名", Want: detectortest.High("山田太郎")},
		{Name: "a name cell with a note in brackets is read as text", Text: "竹内 遼 様（受取人様）", Column: "宛名", Want: detectortest.High("竹内 遼")},
		{Name: "an organisation with a note in brackets", Text: "株式会社山田（担当）", Column: "宛名"},
		{Text: "勅使河原 蒼", Column: "担当者名", Want: detectortest.High("勅使河原 蒼")},
		{Text: "日下部", Column: "姓", Want: detectortest.High("日下部")},
		{Text: "野々村", Column: "last_name", Want: detectortest.High("野々村")},
		{Text: "美園", Column: "first_name", Want: detectortest.High("美園")},
		{Text: "総務部", Column: "担当者名"},
		{Text: "渋谷区", Column: "氏名"},

		// Half-width katakana, as banks write account holders.
		{Text: "ｲﾉｳｴ ﾏｻﾙ", Column: "口座名義", Want: detectortest.High("ｲﾉｳｴ ﾏｻﾙ")},
		{Text: "ｶﾄｳ ｼﾞﾕﾝｺ", Column: "名義人", Want: detectortest.High("ｶﾄｳ ｼﾞﾕﾝｺ")},
		{Text: "ﾏﾂﾓﾄﾀｶｼ", Column: "口座名義ｶﾅ", Want: detectortest.High("ﾏﾂﾓﾄﾀｶｼ")},
		{Text: "ｻｻｷ ﾕｳﾄ", Column: "account_holder", Want: detectortest.High("ｻｻｷ ﾕｳﾄ")},
		{Text: "ﾊﾟｸ ｿﾝﾐﾝ", Column: "受取人名義", Want: detectortest.High("ﾊﾟｸ ｿﾝﾐﾝ")},
		{Text: "ﾔﾏｸﾞﾁ ｻﾄｼ", Column: "振込依頼人", Want: detectortest.High("ﾔﾏｸﾞﾁ ｻﾄｼ")},
		// A position with the name is not part of it.
		{Text: "経理部部長 森田 健一", Column: "担当者", Want: detectortest.High("森田 健一")},
		{Text: "代表取締役社長　川口 真理", Column: "代表者名", Want: detectortest.High("川口 真理")},
		{Text: "人事部 課長 佐伯 亮", Column: "承認者", Want: detectortest.High("佐伯 亮")},
		{Text: "吉岡 部長", Column: "担当者", Want: detectortest.High("吉岡")},
		{Text: "山本課長", Column: "担当者", Want: detectortest.High("山本")},
		{Text: "阿部 剛", Column: "担当者", Want: detectortest.High("阿部 剛")},
		{Text: "服部", Column: "担当者", Want: detectortest.High("服部")},

		// Hard negatives.
		// A position or a role alone names nobody.
		{Text: "経理部部長", Column: "承認者"},
		{Text: "第三営業課長代理", Column: "担当者"},
		{Text: "システム開発課", Column: "担当者"},
		{Text: "代表取締役", Column: "署名者"},
		{Text: "ご担当者様", Column: "宛名"},
		{Text: "被保険者", Column: "宛名"},
		{Text: "お客様各位", Column: "宛名"},
		{Text: "株主の皆様", Column: "宛名"},
		// The keys of a name object read as values.
		{Text: "yomi", Column: "person.name"},
		{Text: "given_name", Column: "name"},
		{Text: "sei kana", Column: "customer_name"},
		{Text: "株式会社山田製作所", Column: "顧客名"},
		{Text: "本田技研工業", Column: "name"},
		{Text: "新宿", Column: "name"},
		{Text: "伊右衛門", Column: "product_name"},
		{Text: "高島屋 新宿店", Column: "店舗名"},
		{Text: "山田製作所", Column: "company_name"},
		{Text: "", Column: "氏名"},
		{Text: "0312345678", Column: "氏名"},
		{Text: "yamada@example.com", Column: "name"},
		{Text: "Sunrise Tower", Column: "name", Want: detectortest.Low("Sunrise Tower")},
		// Labels (header cells, object keys) name a column: the words of
		// a name column's keys are not names.
		{Name: "key kanji", Text: "kanji", Label: true},
		{Name: "key romaji", Text: "romaji", Label: true},
		{Name: "key last_name", Text: "last_name", Label: true},
		{Name: "header 氏名", Text: "氏名", Label: true},
		{Name: "header お名前", Text: "お名前", Label: true},
	})
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{"山田 太郎": "山* **", "Taro Yamada": "T*** ******",
		// One character kept of one would show the whole surname (森様).
		"森": "*", "山田": "山*"})
}

// TestConcurrentDetection shares one tokenizer between goroutines; run with
// -race it proves the sharing safe.
func TestConcurrentDetection(t *testing.T) {
	set, err := detectors.NewSet([]detectors.Detector{New()})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("担当の山田太郎様より、佐藤花子さんへ。", 20)
	var wg sync.WaitGroup
	counts := make([]int, 4)
	for g := range counts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var tx detectors.Text
			for range 20 {
				tx.SetText(text, "")
				set.Run(&tx, func(detectors.Match) { counts[g]++ })
			}
		}()
	}
	wg.Wait()
	for g, n := range counts {
		if n != 20*40 {
			t.Errorf("goroutine %d found %d names, want %d", g, n, 20*40)
		}
	}
}

// Text without kana or kanji must never reach the tokenizer, which
// allocates on every call.
func TestFindDoesNotTokenizeTextWithoutJapanese(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), strings.Repeat("Please refer to the attached document (rev. 7), id: 12345, name: n/a. ", 100))
}

// A text that names many people looks their mentions up in a set.
func TestMentionsOfManyNames(t *testing.T) {
	names := []string{"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
		"吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "斎藤", "清水", "山崎"}
	var text strings.Builder
	for _, n := range names {
		text.WriteString(n + "様より連絡。")
	}
	for _, n := range names {
		text.WriteString(n + "は来た。")
	}
	want := slices.Concat(names, names)
	detectortest.Run(t, New(), []detectortest.Case{{Name: "twenty names", Text: text.String(), Want: detectortest.Medium(want...)}})
}

func BenchmarkFindProse(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Corpus(1<<20, 2<<10, "担当の山田太郎様より"))
}

func BenchmarkFindProseWithoutNames(b *testing.B) {
	detectortest.BenchFind(b, New(), detectortest.Prose(1<<20))
}

func FuzzFind(f *testing.F) {
	detectortest.Fuzz(f, New(), "", "担当の鈴木様より", "氏名：山田 太郎", "ﾌﾘｶﾞﾅ ﾔﾏﾀﾞ", "Name: Taro Yamada")
}
