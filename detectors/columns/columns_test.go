package columns

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// classes maps column names, CSV headers and JSON key paths to their class.
// Unknown entries are hard negatives.
var classes = map[Class][]string{
	PersonName: {
		"name", "Name", "NAME", "full_name", "fullName", "FullName", "fullname", "customer_name", "customerName",
		"contact_name", "patient_name", "holder_name", "account_holder_name", "shipping_name", "legal_name",
		"shimei", "namae", "onamae", "seimei", "sei_mei", "kokyaku_mei", "name_kanji", "kanji_name", "realname",
		"[].customer.name", "customers[].name", "customers[0].name", "user.name", "order.customer.name.value",
		"address.name", "emergency_contact_name", "CUSTOMER_NAME", "client_name", "receiver_name", "tantosha_mei",
		"card_holder_name", "cardholder_name", "bank_account_name", "bank.account_name", "口座.account_name", "account_holder", "card_holder", "cardHolder",
		"氏名", "名前", "お名前", "ご氏名", "姓名", "フルネーム", "顧客名", "担当者名", "契約者名", "申込者名", "患者名",
		"社員名", "会員名", "氏名漢字", "漢字氏名", "漢字名", "氏名（漢字）", "お名前(必須)", "保護者名", "受取人名",
		"世帯主名", "医師名", "お客様名", "宛名", "口座名義", "名義人", "担当者", "担当", "申込者", "会社担当者名", "受取人",
		"緊急連絡先氏名", "顧客/氏名", "顧客.氏名", "本名", "ＮＡＭＥ", "口座名義人", "カード名義",
	},
	FamilyName: {
		"last_name", "lastName", "LastName", "lastname", "family_name", "familyName", "surname", "sei", "myoji",
		"myouji", "lname", "name.last", "customer.name.last", "name_last", "kokyaku_sei",
		"姓", "姓（漢字）", "姓_漢字", "苗字", "名字", "旧姓", "氏",
	},
	GivenName: {
		"first_name", "firstName", "FirstName", "firstname", "given_name", "givenName", "forename", "mei", "fname",
		"middle_name", "name.first", "name_first", "customer.name.first.value",
		"名", "名（漢字）", "名(必須)", "名_漢字",
	},
	NameKana: {
		"user.kana", "member.furigana", "customer.kana",
		"kana", "furigana", "yomi", "yomigana", "name_kana", "nameKana", "NameKana", "last_name_kana",
		"first_name_kana", "sei_kana", "mei_kana", "shimei_kana", "customer_kana", "name.kana", "name_yomi",
		"Name (Kana)", "customer.kana", "katakana_name", "user_name_kana",
		"フリガナ", "ふりがな", "カナ", "ﾌﾘｶﾞﾅ", "氏名カナ", "氏名（カナ）", "氏名(フリガナ)", "顧客名カナ", "顧客カナ",
		"セイ", "メイ", "ｾｲ", "ﾒｲ", "セイ（カナ）", "姓（フリガナ）", "名（カナ）", "お名前（フリガナ）", "よみがな",
		"氏名［カナ］", "カナ氏名", "契約者名カナ", "フリガナ(セイ)", "セイメイ", "名前(読み)", "口座名義カナ",
	},
	NameRomaji: {
		"romaji", "name_romaji", "name_en", "nameEn", "english_name", "name_english", "roman_name", "name.en",
		"名前(ローマ字)", "氏名ローマ字", "氏名（英字）", "ローマ字", "英字氏名", "英名", "姓（ローマ字）",
	},
	Address: {
		"address", "Address", "ADDRESS", "addr", "address1", "address_line1", "address_line_2", "addressLine1",
		"street", "street_address", "city", "prefecture", "pref_name", "home_address", "billing_address",
		"shipping_address", "company_address", "jusho", "juusho", "building", "birthplace", "birth_place",
		"address.city", "customer.address.city", "customers[].address.city", "address.line1", "address.value",
		"shipping.address", "address.kana", "address.number", "address.pref", "address.country", "receiver_address",
		"住所", "現住所", "住所1", "住所２", "所在地", "都道府県", "都道府県名", "市区町村", "番地", "建物名", "マンション名",
		"住所カナ", "住所（カナ）", "勤務先住所", "本籍", "本籍地", "出生地", "送付先住所", "住所(番地)",
	},
	PostalCode: {
		"zip", "zipcode", "zip_code", "zipCode", "ZIP", "postal", "postal_code", "postalCode", "postcode", "post_code",
		"yubin", "yubin_bango", "yuubin_bangou", "[].shipping.postal_code", "address.zip",
		"郵便番号", "〒", "郵便番号(〒)", "郵便", "〒番号", "郵便番号（ハイフンなし）", "住所_郵便番号",
	},
	Phone: {
		"tel", "TEL", "Tel.", "tel_no", "telNo", "telephone", "phone", "phone_number", "phoneNumber", "mobile",
		"mobile_phone", "cell_phone", "cellphone", "fax", "fax_no", "keitai", "denwa", "denwa_bango", "home_tel",
		"homeTel", "contact_number", "[].customer.phone", "phone.number", "phone.home", "contact.tel", "TEL/FAX",
		"電話番号", "電話", "携帯電話", "携帯番号", "携帯", "自宅TEL", "自宅電話番号", "ＴＥＬ", "FAX番号", "緊急連絡先",
		"連絡先", "勤務先電話番号", "電話番号（自宅）", "内線", "customers[].contact.電話番号",
	},
	Email: {
		"email", "Email", "EMAIL", "e_mail", "e-mail", "E-Mail", "mail", "email_address", "emailAddress",
		"mail_address", "mailAddress", "MailAddress", "emailaddress", "contact_email", "[].customer.email",
		"email.value", "email.primary", "mail_to",
		"メールアドレス", "メール", "Eメール", "eメールアドレス", "Ｅメール", "携帯メール", "PCメール", "メアド",
		"メールアドレス（確認）", "連絡先(メール)",
	},
	BirthDate: {
		"birthday", "birth_date", "birthDate", "birthdate", "date_of_birth", "dateOfBirth", "dob", "DOB", "bday",
		"birth", "birth_day", "birth_ymd", "birth_year", "seinengappi", "tanjobi", "tanjoubi", "customer.birthday",
		"生年月日", "誕生日", "生年月日(西暦)", "生年月日(yyyy.mm.dd)", "生年", "出生日", "誕生月", "生年月日_年", "birth_month",
	},
	MyNumber: {
		"my_number", "myNumber", "mynumber", "MyNumber", "my_no", "kojin_bango", "kojinbango", "individual_number",
		"personal_number", "employee.personal_number",
		"個人番号", "マイナンバー", "個人番号（マイナンバー）",
	},
	Gender: {
		"gender", "Gender", "GENDER", "sex", "Sex", "seibetsu", "gender_code", "gender_cd", "sex_type",
		"gender_id", "customer.gender", "gender.value", "profile.sex",
		"性別", "性別区分", "性別コード", "男女", "男女区分", "性別(男/女)",
	},
	Education: {
		"education", "final_education", "educational_background", "academic_background", "gakureki",
		"school_history", "alma_mater", "academic_history", "education.value", "education[].school",
		"education[].school_name",
		"学歴", "最終学歴", "出身校", "出身大学", "学歴（最終）", "卒業校", "出身校名",
	},
	WorkHistory: {
		"work_history", "workHistory", "career", "career_history", "employment_history", "job_history",
		"work_experience", "shokureki", "keireki", "previous_employer", "careers[].company", "careers[].start_date",
		"職歴", "経歴", "職務経歴", "勤務歴", "前職", "略歴", "前職の会社名",
	},
	Password: {
		"password", "Password", "PASSWORD", "passwd", "pwd", "pass", "pass_hash", "password_hash", "passwordHash",
		"hashed_password", "encrypted_password", "user_password", "login_pass", "passcode", "pin", "pin_code",
		"password.hash", "password.value", "user.password", "password_confirmation", "login_password", "pin_number",
		"パスワード", "暗証番号", "ログインパスワード", "パスワード（確認）", "認証パスワード",
	},
	UserID: {
		"username", "user_name", "userName", "UserName", "USERNAME", "user_id", "userId", "userID", "UserID", "uid",
		"login", "login_id", "loginId", "login_name", "account_id", "accountId", "account_name", "member_id",
		"member_no", "screen_name", "user", "kaiin_no", "user.login", "[].user.username",
		"ユーザーID", "ユーザID", "ユーザー ID", "ユーザーＩＤ", "ユーザー名", "ログインID", "ログイン名", "会員ID", "会員 ID",
		"会員番号", "アカウントID", "アカウント名", "ユーザー", "ハンドルネーム", "利用者ID",
	},
	Nationality: {
		"nationality", "Nationality", "kokuseki", "citizenship", "nationality_code", "customer.nationality",
		"国籍", "国籍・地域", "国籍コード",
	},
	Age: {
		"age", "Age", "nenrei", "age_group", "customer.age",
		"年齢", "満年齢", "年代", "年齢(歳)", "年齢層", "age_range",
	},
	Unknown: {
		"client_address", "socketAddr", "contract_address", "sender_address", "reply_addr", "bounce_address", "gender_ratio", "education_budget", "性別比率", "学歴別人数", "password_cost", "", " ", "id", "ID", "no", "No.", "value", "memo", "note", "備考", "comment", "created_at", "status", "amount",
		// Things with names.
		"company_name", "companyName", "CompanyName", "product_name", "productName", "file_name", "fileName",
		"filename", "host_name", "hostname", "bucket_name", "table_name", "shop_name", "store_name", "item_name",
		"brand_name", "school_name", "bank_name", "branch_name", "dept_name", "department_name", "country_name",
		"display_name", "displayName", "nickname", "nick_name", "rename", "company.name", "companies[].name",
		"items[].name", "product.name_kana", "company_name_kana", "company_name_en", "kaisha_mei", "shohin_mei",
		"company.kana", "tag_name",
		"会社名", "商品名", "店舗名", "部署名", "学校名", "件名", "品名", "店名", "駅名", "ファイル名", "銀行名", "支店名",
		"会社名カナ", "会社名（カナ）", "法人名", "業者名", "団体名", "名称", "商品名称", "顧客名称", "名簿", "署名",
		"国名", "表示名", "ニックネーム", "勤務先名", "会社.名前", "製品名(英語)", "カナダ", "カナダ支社",
		// Words inside other words.
		"kanagawa", "meiji", "seikyu", "seikyu_date", "passport", "passport_no", "hotel", "message", "page",
		"image", "zipper?", "telemetry", "mailer_daemon",
		// Addresses that are no postal address.
		"ip_address", "ipAddress", "IPAddress", "ip_addr", "mac_address", "macAddress", "remote_addr", "remoteAddr",
		"server_address", "wallet_address", "IPアドレス", "MACアドレス", "アドレス", "mail_server", "smtp_host",
		"email_domain",
		// About the data, not the data.
		"mail_magazine_flag", "email_verified", "emailVerified", "is_email_verified", "email_opt_in", "tel_type",
		"phone_type", "address_type", "name_type", "password_changed_at", "password_updated_at", "password_salt",
		"password_reset_token", "has_password", "password_policy", "user_agent", "user_type", "user_count",
		"max_age", "min_age", "age_verified", "name_length", "last_login", "last_login_at", "login_count",
		"address_id", "name_id", "email_id", "phone_code", "address_code", "birth_country", "is_male",
		"メール配信フラグ", "メルマガ", "メールマガジン配信", "電話区分", "住所区分", "住所コード", "パスワード有効期限",
		"パスワード変更日", "生年月日公開", "年齢制限", "登録日時", "メール送信日時",
		// Other things.
		"犯罪経歴", "customer_id", "order_id", "employee_id", "mobile_app", "customer", "顧客", "会員", "名刺",
		"漢字", "english", "en", "description.en", "first", "last", "sei_kyu", "name_prefix", "name_suffix",
		"customer.address.id", "careers[].id", "address.ip", "server.ip", "host_email", "gender_flag", "secret", "api_key", "access_token",
		"line_id", "account_number", "account_no", "学校名", "勤務先名", "職業", "年収", "血液型", "性", "国",
	},
}

func TestClassify(t *testing.T) {
	for want, cols := range classes {
		for _, col := range cols {
			if got := Classify(col); got != want {
				t.Errorf("Classify(%q) = %s, want %s", col, got, want)
			}
		}
	}
}

func TestClassString(t *testing.T) {
	for c := Unknown; c < classCount; c++ {
		s := c.String()
		if s == "" || strings.Trim(s, "abcdefghijklmnopqrstuvwxyz_") != "" {
			t.Errorf("Class(%d).String() = %q, not snake_case", c, s)
		}
	}
	for c, want := range map[Class]string{PersonName: "person_name", NameKana: "name_kana", UserID: "user_id",
		WorkHistory: "work_history", MyNumber: "my_number", Class(200): "unknown"} {
		if got := c.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", c, got, want)
		}
	}
}

func TestIsName(t *testing.T) {
	for c := Unknown; c < classCount; c++ {
		want := c == PersonName || c == FamilyName || c == GivenName || c == NameKana || c == NameRomaji
		if c.IsName() != want {
			t.Errorf("%s.IsName() = %v", c, !want)
		}
	}
}

// TestClassifyCachesAndIsBounded checks that repeated names come from the
// cache and that a flood of distinct names cannot grow it past its bound.
func TestClassifyCachesAndIsBounded(t *testing.T) {
	for i := range 3 * maxCached {
		Classify(fmt.Sprintf("hostile_key_%d", i))
	}
	if n := cache.cached(); n > maxCached {
		t.Errorf("cache holds %d names, more than %d", n, maxCached)
	}
	long := strings.Repeat("x", maxCachedName) + "_email"
	if got := Classify(long); got != Email {
		t.Errorf("Classify(long) = %s", got)
	}
	if _, ok := cache.m.Load(long); ok {
		t.Errorf("a name longer than %d bytes was cached", maxCachedName)
	}
	// The cached name must not alias the caller's bytes.
	b := []byte("customer_email")
	col := string(b)
	Classify(col)
	b[0] = 'x'
	if got := Classify("customer_email"); got != Email {
		t.Errorf("Classify after the caller's buffer changed = %s", got)
	}
}

func TestClassifyCachedDoesNotAllocate(t *testing.T) {
	cols := []string{"氏名", "[].customer.email", "company_name", "password"}
	for _, c := range cols {
		Classify(c)
	}
	allocs := testing.AllocsPerRun(100, func() {
		for _, c := range cols {
			Classify(c)
		}
	})
	if allocs != 0 {
		t.Errorf("cached Classify allocated %.1f times per run", allocs)
	}
}

func TestClassifyConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				col := "email"
				if i%3 == 0 {
					col = fmt.Sprintf("col_%d_%d", g, i)
				}
				if got := Classify(col); col == "email" && got != Email {
					t.Errorf("Classify(email) = %s", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// FuzzClassify: no panic on any name, and the cache agrees with a fresh
// classification.
func FuzzClassify(f *testing.F) {
	for _, cols := range classes {
		for _, c := range cols[:min(len(cols), 5)] {
			f.Add(c)
		}
	}
	f.Add("a.b.c.d.e.f.value.value.value")
	f.Add("((((氏名")
	f.Add("\xff\xfe名")
	f.Fuzz(func(t *testing.T, col string) {
		got := Classify(col)
		if want := classify(col); got != want {
			t.Fatalf("Classify(%q) = %s, classify = %s", col, got, want)
		}
		if got >= classCount {
			t.Fatalf("Classify(%q) = %d", col, got)
		}
	})
}

var sink Class

// BenchmarkClassifyCached is the per-cell cost: a column seen before.
func BenchmarkClassifyCached(b *testing.B) {
	cols := []string{"氏名", "[].customer.email", "company_name", "password", "shipping.postal_code", "備考"}
	for _, c := range cols {
		Classify(c)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sink = Classify(cols[i%len(cols)])
		i++
	}
}

// BenchmarkClassifyUncached is the cost of a new column name.
func BenchmarkClassifyUncached(b *testing.B) {
	cols := []string{"氏名（フリガナ）", "[].customer.name.first", "company_name_kana", "mail_magazine_flag", "勤務先電話番号"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sink = classify(cols[i%len(cols)])
		i++
	}
}
