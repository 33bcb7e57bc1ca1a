package attribute

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/columns"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

var (
	high   = detectortest.High
	medium = detectortest.Medium
	low    = detectortest.Low
)

func TestGender(t *testing.T) {
	detectortest.Run(t, Gender(), []detectortest.Case{
		{Text: "男", Column: "性別", Want: high("男")},
		{Text: "女性", Column: "gender", Want: high("女性")},
		{Text: "F", Column: "sex", Want: high("F")},
		{Text: "female", Column: "Gender", Want: high("female")},
		{Text: "Male", Column: "customer.gender", Want: high("Male")},
		{Name: "full-width", Text: "Ｍ", Column: "性別", Want: high("Ｍ")},
		{Name: "half-width column", Text: "女", Column: "ｾｲﾍﾞﾂ", Want: high("女")},
		{Name: "padded", Text: "  男性 ", Column: "性別", Want: high("男性")},
		{Name: "ISO 5218 male", Text: "1", Column: "gender_code", Want: high("1")},
		{Name: "ISO 5218 female", Text: "2", Column: "性別区分", Want: high("2")},
		{Name: "ISO 5218 not applicable", Text: "9", Column: "gender", Want: medium("9")},
		{Text: "未回答", Column: "性別", Want: medium("未回答")},
		{Text: "その他", Column: "性別", Want: medium("その他")},
		{Text: "ノンバイナリー", Column: "gender", Want: medium("ノンバイナリー")},
		{Name: "key path", Text: "女", Column: "[].customer.gender", Want: high("女")},
		{Name: "generic leaf", Text: "M", Column: "profile.gender.value", Want: high("M")},

		// Hard negatives.
		{Name: "wrong column", Text: "男", Column: "備考"},
		{Name: "no column", Text: "男"},
		{Name: "company name", Text: "男", Column: "company_name"},
		{Name: "sex inside a word", Text: "M", Column: "essex_branch"},
		{Name: "flag column", Text: "1", Column: "gender_flag"},
		{Name: "publish flag", Text: "男", Column: "性別公開"},
		{Name: "null", Text: "NULL", Column: "性別"},
		{Name: "dash", Text: "-", Column: "性別"},
		{Name: "long dash", Text: "—", Column: "性別"},
		{Name: "empty", Text: "", Column: "性別"},
		{Name: "blank", Text: "   ", Column: "性別"},
		{Name: "none is no gender", Text: "なし", Column: "性別"},
		{Name: "long text", Text: "性別についての自由記述欄です。回答は任意とします。", Column: "性別"},
	})
}

func TestEducation(t *testing.T) {
	detectortest.Run(t, Education(), []detectortest.Case{
		{Text: "東京大学工学部卒業", Column: "最終学歴", Want: high("東京大学工学部卒業")},
		{Text: "大学院修了", Column: "education", Want: high("大学院修了")},
		{Text: "高卒", Column: "gakureki", Want: high("高卒")},
		{Text: "サンプル大学", Column: "education[].school", Want: high("サンプル大学")},
		{Text: "サンプル高校", Column: "出身校", Want: high("サンプル高校")},
		{Name: "multi-line", Text: "2010年 サンプル高校卒業\n2014年 サンプル大学卒業\n", Column: "学歴",
			Want: high("2010年 サンプル高校卒業\n2014年 サンプル大学卒業")},
		{Name: "none", Text: "なし", Column: "学歴", Want: low("なし")},
		{Name: "flag", Text: "○", Column: "学歴", Want: low("○")},
		{Name: "one character", Text: "A", Column: "education", Want: low("A")},

		// Hard negatives.
		{Name: "school name", Text: "東京大学", Column: "学校名"},
		{Name: "wrong column", Text: "東京大学卒業", Column: "備考"},
		{Name: "no column", Text: "東京大学卒業"},
		{Name: "null", Text: "NULL", Column: "学歴"},
		{Name: "N/A", Text: "N/A", Column: "education"},
		{Name: "academic year", Text: "2024", Column: "academic_year"},
	})
}

func TestWorkHistory(t *testing.T) {
	detectortest.Run(t, WorkHistory(), []detectortest.Case{
		{Text: "株式会社サンプル 営業部 2015-2020", Column: "職歴", Want: high("株式会社サンプル 営業部 2015-2020")},
		{Text: "営業", Column: "経歴", Want: high("営業")},
		{Text: "Sample Inc., sales", Column: "work_history", Want: high("Sample Inc., sales")},
		{Text: "株式会社サンプル", Column: "careers[].company", Want: high("株式会社サンプル")},
		{Text: "エンジニア", Column: "職務経歴", Want: high("エンジニア")},
		{Name: "none", Text: "特になし", Column: "職歴", Want: low("特になし")},
		{Name: "flag", Text: "あり", Column: "職歴", Want: low("あり")},

		// Hard negatives.
		{Name: "company name", Text: "株式会社サンプル", Column: "company_name"},
		{Name: "criminal record", Text: "前科あり", Column: "犯罪経歴"},
		{Name: "wrong column", Text: "株式会社サンプル 営業部", Column: "備考"},
		{Name: "job title", Text: "部長", Column: "job_title"},
		{Name: "null", Text: "null", Column: "職歴"},
	})
}

const bcryptHash = "$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234"

func TestPassword(t *testing.T) {
	detectortest.Run(t, Password(), []detectortest.Case{
		{Text: "synthetic-pass-42", Column: "password", Want: high("synthetic-pass-42")},
		{Text: "P@ssw0rd", Column: "パスワード", Want: high("P@ssw0rd")},
		{Text: bcryptHash, Column: "password_hash", Want: high(bcryptHash)},
		{Text: "5f4dcc3b5aa765d61d8327deb882cf99", Column: "pwd", Want: high("5f4dcc3b5aa765d61d8327deb882cf99")},
		{Text: "1234", Column: "暗証番号", Want: high("1234")},
		{Text: "0000", Column: "pin_code", Want: high("0000")},
		{Text: "abc", Column: "users[].password", Want: high("abc")},
		{Name: "none", Text: "なし", Column: "パスワード", Want: low("なし")},

		// Hard negatives.
		{Name: "passport", Text: "TR1234567", Column: "passport"},
		{Name: "change date", Text: "2024-01-05", Column: "password_changed_at"},
		{Name: "policy", Text: "8文字以上", Column: "password_policy"},
		{Name: "wrong column", Text: "P@ssw0rd", Column: "備考"},
		{Name: "no column", Text: "password: P@ssw0rd"},
		{Name: "null", Text: "NULL", Column: "password"},
		{Name: "empty", Text: "", Column: "password"},
	})
}

func TestPasswordReasons(t *testing.T) {
	const (
		hash  = "password column holds a hash"
		plain = "password column holds a value that is not a recognised hash (possibly plaintext)"
	)
	d := Password()
	for _, tc := range []struct{ value, want string }{
		{bcryptHash, hash + " (bcrypt)"},
		{"$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo", hash + " (argon2)"},
		{"$6$rounds=5000$salt$hashhashhash.", hash + " (sha-crypt)"},
		{"pbkdf2_sha256$260000$salt$hash", hash + " (pbkdf2)"},
		{"{SSHA}c2FsdGVkaGFzaA==", hash + " (ldap)"},
		{strings.Repeat("ab12", 16), hash + " (sha256 hex)"},
		{strings.Repeat("AB12", 10), hash + " (sha1 hex)"},
		{"5f4dcc3b5aa765d61d8327deb882cf99", hash + " (md5 hex)"},
		{strings.Repeat("0f", 64), hash + " (sha512 hex)"},
		{"$y$j9T$c2FsdA$aGFzaA", hash + " (yescrypt)"},
		{"$scrypt$ln=16,r=8,p=1$c2FsdA$aGFzaA", hash + " (scrypt)"},
		{"$1$salt$hashhashhash", hash + " (md5-crypt)"},
		{"synthetic-pass-42", plain},
		{"$2b$12$tooshort", plain},
		{"$2c$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234", plain},
		{strings.Repeat("zz12", 16), plain},
		{"5f4dcc3b5aa765d61d8327deb882cf9", plain},
		{strings.Repeat("ab12", 12), plain},
	} {
		var tx detectors.Text
		tx.SetText(tc.value, "password")
		cs := d.Find(&tx)
		if len(cs) != 1 {
			t.Errorf("%q: %d candidates", tc.value, len(cs))
			continue
		}
		verdict := d.Judge(cs[0], &tx)
		if verdict.Confidence != detectors.High || !slices.Contains(verdict.Reasons, tc.want) {
			t.Errorf("%q: %s %q, want high %q", tc.value, verdict.Confidence, verdict.Reasons, tc.want)
		}
		for _, r := range verdict.Reasons {
			if strings.Contains(r, tc.value) {
				t.Errorf("%q: a reason holds the value: %q", tc.value, r)
			}
		}
	}
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, Password(), map[string]string{
		"P@ssw0rd": "********", "a": "********", bcryptHash: "********", "パスワード123": "********",
	})
	detectortest.AssertMask(t, Gender(), map[string]string{"男性": "**", "F": "*"})
	detectortest.AssertMask(t, UserID(), map[string]string{"taro_yamada01": "****_****da01"})
	detectortest.AssertMask(t, Education(), map[string]string{"東京大学 法学部": "**** ***"})
	detectortest.AssertMask(t, WorkHistory(), map[string]string{"株式会社サンプル 営業 5年": "******** ** **"})
}

func TestUserID(t *testing.T) {
	detectortest.Run(t, UserID(), []detectortest.Case{
		{Text: "taro_yamada01", Column: "username", Want: medium("taro_yamada01")},
		{Text: "taro", Column: "user_name", Want: medium("taro")},
		{Text: "yamada", Column: "userName", Want: medium("yamada")},
		{Text: "U-000123", Column: "ユーザーID", Want: medium("U-000123")},
		{Text: "12345", Column: "会員番号", Want: medium("12345")},
		{Text: "login01", Column: "login_id", Want: medium("login01")},
		{Text: "sample_user", Column: "[].user.username", Want: medium("sample_user")},
		{Text: "acct-77", Column: "アカウントID", Want: medium("acct-77")},

		// Hard negatives.
		{Name: "company name", Text: "株式会社サンプル", Column: "company_name"},
		{Name: "user agent", Text: "Mozilla/5.0", Column: "user_agent"},
		{Name: "user type", Text: "admin", Column: "user_type"},
		{Name: "person name", Text: "山田太郎", Column: "氏名"},
		{Name: "kana user name is a name", Text: "ヤマダ", Column: "user_name_kana"},
		{Name: "customer id is a surrogate key", Text: "10023", Column: "customer_id"},
		{Name: "too long", Text: strings.Repeat("x", maxUserID+1), Column: "username"},
		{Name: "none", Text: "なし", Column: "ユーザーID"},
		{Name: "null", Text: "NULL", Column: "user_id"},
		{Name: "wrong column", Text: "taro_yamada01", Column: "備考"},
	})
}

func TestUserIDInText(t *testing.T) {
	detectortest.Run(t, UserID(), []detectortest.Case{
		{Name: "after 会員番号", Text: "当店の会員番号 00482715 でポイントを付与しました。", Want: medium("00482715")},
		{Name: "colon", Text: "会員ID：A-10293", Want: medium("A-10293")},
		{Name: "は", Text: "会員番号は 77120 です", Want: medium("77120")},
		{Name: "English", Text: "Your member ID: M0012345.", Want: medium("M0012345")},
		{Name: "in a notes cell", Text: "旧会員番号 88123 から移行", Column: "備考", Want: medium("88123")},
		{Name: "full-width", Text: "ログインＩＤ　ｔａｒｏ０１", Want: medium("ｔａｒｏ０１")},

		// Hard negatives.
		{Name: "no value", Text: "会員番号を入力してください。"},
		{Name: "no digit", Text: "ユーザーID: admin"},
		{Name: "too short", Text: "会員番号 12 番"},
		{Name: "glued word", Text: "superuser id 12345"},
		{Name: "other label", Text: "注文番号 00482715 を発送しました"},
		{Name: "a date after the label", Text: "会員番号 2024年1月5日に変更"},
	})
}

func TestNationality(t *testing.T) {
	detectortest.Run(t, Nationality(), []detectortest.Case{
		{Text: "日本", Column: "国籍", Want: medium("日本")},
		{Text: "JP", Column: "nationality", Want: medium("JP")},
		{Text: "アメリカ合衆国", Column: "国籍・地域", Want: medium("アメリカ合衆国")},
		{Text: "Japanese", Column: "customer.nationality", Want: medium("Japanese")},
		{Text: "NA", Column: "nationality_code", Want: medium("NA")}, // Namibia, not a null
		{Name: "none", Text: "なし", Column: "国籍", Want: low("なし")},

		// Hard negatives.
		{Name: "country", Text: "日本", Column: "国"},
		{Name: "country name", Text: "Japan", Column: "country_name"},
		{Name: "wrong column", Text: "日本", Column: "備考"},
		{Name: "long text", Text: strings.Repeat("国籍に関する補足説明", 7), Column: "国籍"},
		{Name: "null", Text: "N/A", Column: "国籍"},
	})
}

// TestColumnWordsOpenEveryClassifiedColumn checks the gate against the
// classifier: every column that columns.Classify puts in a detector's class
// must open the detector's gate, or its values would never be seen.
func TestColumnWordsOpenEveryClassifiedColumn(t *testing.T) {
	byClass := map[columns.Class][]string{
		columns.Gender: {"gender", "Gender", "sex", "SEX", "seibetsu", "gender_code", "sex_type", "gender_id",
			"customer.gender", "gender.value", "性別", "性別区分", "性別コード", "男女", "男女区分", "ｾｲﾍﾞﾂ", "せいべつ"},
		columns.Education: {"education", "final_education", "educational_background", "academic_background",
			"gakureki", "school_history", "alma_mater", "education[].school", "final_degree", "学歴", "最終学歴", "出身校",
			"出身大学", "卒業校", "出身校名"},
		columns.WorkHistory: {"work_history", "workHistory", "career", "career_history", "employment_history",
			"job_history", "work_experience", "shokureki", "keireki", "previous_employer", "careers[].company",
			"職歴", "経歴", "職務経歴", "勤務歴", "前職", "略歴", "前職の会社名"},
		columns.Password: {"password", "passwd", "pwd", "pass", "pass_hash", "passwordHash", "hashed_password",
			"login_pass", "passcode", "pin", "pin_code", "password.hash", "PW", "パスワード", "暗証番号",
			"ログインパスワード", "パスコード"},
		columns.UserID: {"username", "user_name", "userName", "user_id", "userId", "uid", "UID", "login", "login_id",
			"login_name", "account_id", "account_name", "member_id", "member_no", "screen_name", "user", "kaiin_no",
			"ユーザーID", "ユーザID", "ユーザー名", "ログインID", "ログイン名", "会員ID", "会員番号", "アカウントID",
			"アカウント名", "ユーザー", "ハンドルネーム", "利用者ID"},
		columns.Nationality: {"nationality", "kokuseki", "citizenship", "nationality_code", "国籍", "国籍・地域"},
	}
	set, err := detectors.NewSet(All())
	if err != nil {
		t.Fatal(err)
	}
	var tx detectors.Text
	for _, d := range All() {
		d := d.(*Detector)
		cols := byClass[d.class]
		if len(cols) == 0 {
			t.Fatalf("no columns for %s", d.typ)
		}
		for _, col := range cols {
			if got := columns.Classify(col); got != d.class {
				t.Errorf("Classify(%q) = %s, want %s", col, got, d.class)
				continue
			}
			var types []string
			tx.SetText("ab", col)
			set.Run(&tx, func(m detectors.Match) { types = append(types, m.Detector.Type()) })
			if !slices.Contains(types, d.typ) {
				t.Errorf("column %q: %s did not run (found %v)", col, d.typ, types)
			}
		}
	}
}

// TestNothingWithoutColumn runs all the detectors over free text, including
// the values they find in columns: without a column, nothing.
func TestNothingWithoutColumn(t *testing.T) {
	set, err := detectors.NewSet(All())
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"男", "女性", "F", "1", "東京大学工学部卒業", "株式会社サンプル 営業部", bcryptHash, "P@ssw0rd",
		"taro_yamada01", "日本", "性別：男 パスワード：P@ssw0rd 国籍：日本 職歴：営業 ユーザーID：taro",
		"gender: female, password: hunter2, username: taro, nationality: JP",
		detectortest.Prose(8 << 10),
	}
	var tx detectors.Text
	for _, s := range texts {
		if got := detectortest.Find(set, &tx, s, ""); len(got) != 0 {
			t.Errorf("%.40q without a column: %v", s, got)
		}
	}
}

func TestTypesAndOrder(t *testing.T) {
	var types []string
	for _, d := range All() {
		types = append(types, d.Type())
		// Only user IDs are found in running text, after a label.
		if got := d.Keywords() != nil; got != (d.Type() == "user_id") {
			t.Errorf("%s has keywords: %v", d.Type(), got)
		}
	}
	want := []string{"gender", "education", "work_history", "password", "user_id", "nationality"}
	if !slices.Equal(types, want) {
		t.Errorf("All() types %v, want %v", types, want)
	}
	for _, d := range All() {
		detectortest.AssertNormalised(t, d.(*Detector).ColumnWords())
	}
}

func TestFindDoesNotAllocateWithoutColumn(t *testing.T) {
	for _, d := range All() {
		detectortest.AssertNoAllocs(t, d, "性別 男 パスワード P@ssw0rd "+detectortest.Prose(4<<10))
	}
}

func TestFindDoesNotAllocateInOtherColumns(t *testing.T) {
	var tx detectors.Text
	for _, d := range All() {
		allocs := testing.AllocsPerRun(100, func() {
			tx.SetText("男", "備考")
			if len(d.Find(&tx)) != 0 {
				t.Fatal("candidate in 備考")
			}
		})
		if allocs != 0 {
			t.Errorf("%s: Find allocated %.1f times per cell of another column", d.Type(), allocs)
		}
	}
}

func FuzzGender(f *testing.F) {
	detectortest.Fuzz(f, Gender(), "性別", "男", "F", "1", "未回答", "", " ", "\xff")
}

func FuzzPassword(f *testing.F) {
	detectortest.Fuzz(f, Password(), "password", bcryptHash, "P@ssw0rd", "なし", "", "\xff")
}

// BenchmarkCell is the per-cell cost in the scanner: all six detectors in a
// Set, on a gender cell, on a password cell and on a cell of a column that
// none of them reads.
func BenchmarkCell(b *testing.B) {
	set, err := detectors.NewSet(All())
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct{ name, value, column string }{
		{"gender", "男", "性別"},
		{"password", bcryptHash, "password_hash"},
		{"user_id", "taro_yamada01", "[].user.username"},
		{"other column", "東京都千代田区", "住所"},
		{"gate but other class", "Mozilla/5.0", "user_agent"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var tx detectors.Text
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.value)))
			for b.Loop() {
				tx.SetText(bc.value, bc.column)
				set.Run(&tx, func(detectors.Match) {})
			}
		})
	}
}
