package ja

import (
	"strings"

	"github.com/pmscan/pmscan/connectors"
)

// Readers writes who can read a place, as the ledger's アクセス権を有する者
// column shows it: each principal with how it reads (誰でも（mode 0644）、
// グループ staff（所有グループ）、ユーザー alice（所有者）), then what limits
// it, then what could not be determined. "未取得" when the store was not
// asked.
func Readers(a *connectors.Access) string {
	if a == nil {
		return "未取得"
	}
	var parts []string
	for _, p := range a.Readers {
		s := Principal(p)
		if p.Via != "" {
			s += "（" + via(p) + "）"
		}
		parts = append(parts, s)
	}
	s := strings.Join(parts, "、")
	if a.WorldWritable {
		s += "。誰でも書き換え可能"
	}
	for _, n := range a.Notes {
		s += "。" + n
	}
	if a.Unknown != "" {
		s += "。不明な点：" + a.Unknown
	}
	return strings.TrimPrefix(s, "。")
}

// Principal names a principal in Japanese: 誰でも, ロール app, ユーザー alice.
func Principal(p connectors.Principal) string {
	switch p.Kind {
	case connectors.KindEveryone:
		if p.Name != "" && p.Name != "PUBLIC" {
			return "誰でも " + p.Name // an anonymous database account
		}
		return "誰でも"
	case connectors.KindAuthenticated:
		return "AWS認証済みの全員"
	case connectors.KindAccount:
		return "AWSアカウント " + p.Name
	case connectors.KindRole:
		return "ロール " + p.Name
	case connectors.KindGroup:
		return "グループ " + p.Name
	case connectors.KindUser:
		return "ユーザー " + p.Name
	}
	return p.Kind + " " + p.Name
}

// via writes how a principal reads, the common ways in Japanese.
func via(p connectors.Principal) string {
	ways := p.Ways()
	for i, w := range ways {
		switch {
		case w == "owner":
			ways[i] = "所有者"
		case w == "group":
			ways[i] = "所有グループ"
		case w == "superuser":
			ways[i] = "管理者権限"
		case strings.HasPrefix(w, "member of "):
			ways[i] = strings.TrimPrefix(w, "member of ") + " のメンバー"
		}
	}
	return strings.Join(ways, "、")
}
