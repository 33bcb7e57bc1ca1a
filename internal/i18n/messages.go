package i18n

// messages are pmscan's command-line messages: each English format string,
// which is its key, and its Japanese. Both take the same arguments; the
// Japanese may reorder them with explicit indexes (%[2]s … %[1]d).
//
// Japanese follows the register of a business tool: です・ます for
// sentences, plain noun phrases for labels. Flag names, placeholders
// (FILE, TARGET, `ZONE`), URLs and format names stay as they are.
var messages = []struct{ en, ja string }{
	// cmd/pmscan/run.go
	{
		en: `pmscan finds personal information in data stores.

Usage:
  pmscan scan [flags] TARGET...   scan files and directories (paths or file:// URLs), S3 (s3://),
                                  PostgreSQL (postgres://) and MySQL/MariaDB (mysql://, mariadb://)
  pmscan report [-scan ID] -format FORMAT -o FILE
                                  render a kept scan: text, jsonl, json (the inventory),
                                  csv or xlsx (the 個人情報管理台帳), html
  pmscan diff [-from ID -to ID] [-format text|json|html]
                                  what changed between two kept scans (default: the latest
                                  two of the same targets)
  pmscan lookup [-name N] [-email E] [-phone P] … TARGET...
                                  find the records that hold one person's data (開示等の請求)
  pmscan lookups                  list the lookups recorded in the state store's audit trail
  pmscan scans                    list the scans kept in the state store
  pmscan scans prune [-keep N] [-older-than D]   delete old scans
  pmscan scans import SPOOL       add a scan kept in a spool file (the store failed) to the store
  pmscan policy init [-o FILE]    write the built-in policy out, for editing
  pmscan policy check FILE        check a policy file
  pmscan run -config FILE [NAME...]   run the config's targets once (a systemd timer, a CronJob)
  pmscan serve -config FILE [-listen ADDR]   run the config's targets on their schedules
  pmscan worker -state URL        run the units of distributed scans (pmscan scan -distributed)
  pmscan config init|check        write an example config, or check one
  pmscan rules test FILE          run the examples of the company's own detectors
  pmscan baseline -o FILE         write a kept scan's findings as suppressions, for -baseline
  pmscan types                    list the detector types
  pmscan version                  (or pmscan -version) the version and VCS revision
  pmscan help COMMAND             the flags of a command

Run 'pmscan help scan' for the scan flags.
`,
		ja: `pmscan はデータストアに含まれる個人情報を検出します。

使い方:
  pmscan scan [flags] TARGET...   ファイルとディレクトリ（パスまたは file:// URL）、S3（s3://）、
                                  PostgreSQL（postgres://）、MySQL/MariaDB（mysql://、mariadb://）
                                  をスキャンします
  pmscan report [-scan ID] -format FORMAT -o FILE
                                  保存済みのスキャンを出力します: text、jsonl、json（インベントリ）、
                                  csv または xlsx（個人情報管理台帳）、html
  pmscan diff [-from ID -to ID] [-format text|json|html]
                                  保存された 2 つのスキャンの間で変わったことを表示します
                                  （既定: 同じ対象の最新の 2 つ）
  pmscan lookup [-name N] [-email E] [-phone P] … TARGET...
                                  一人の本人のデータを含むレコードを探します（開示等の請求）
  pmscan lookups                  状態ストアの監査記録にある検索（lookup）を一覧表示します
  pmscan scans                    状態ストアに保存されたスキャンを一覧表示します
  pmscan scans prune [-keep N] [-older-than D]   古いスキャンを削除します
  pmscan scans import SPOOL       状態ストアの障害で退避ファイルに残したスキャンをストアに取り込みます
  pmscan policy init [-o FILE]    組み込みポリシーを編集用に書き出します
  pmscan policy check FILE        ポリシーファイルを検査します
  pmscan run -config FILE [NAME...]   設定ファイルの対象を一度ずつスキャンします（systemd タイマー、CronJob 用）
  pmscan serve -config FILE [-listen ADDR]   設定ファイルの対象をスケジュールどおりにスキャンし続けます
  pmscan worker -state URL        分散スキャン（pmscan scan -distributed）の単位を実行します
  pmscan config init|check        設定ファイルの例を書き出します、または設定ファイルを検査します
  pmscan rules test FILE          自社の検出ルール（カスタム検出器）の例を実行します
  pmscan baseline -o FILE         保存済みスキャンの検出結果を抑止リストとして書き出します（-baseline 用）
  pmscan types                    検出器の種類を一覧表示します
  pmscan version                  （または pmscan -version）バージョンと VCS リビジョンを表示します
  pmscan help COMMAND             コマンドのフラグを表示します

scan のフラグは 'pmscan help scan' で確認できます。
`,
	},
	{
		en: "pmscan: unknown command %q\n\n%s",
		ja: "pmscan: %q というコマンドはありません\n\n%s",
	},

	// cmd/pmscan/flags.go
	{
		en: "run '%s -h' for usage\n",
		ja: "使い方は '%s -h' で確認できます\n",
	},
	{
		en: "write the report's times in time `ZONE`, e.g. Asia/Tokyo (default: the local zone, from TZ or the system)",
		ja: "レポートの時刻をタイムゾーン `ZONE`（例: Asia/Tokyo）で表します（既定: TZ またはシステムの設定によるローカルのタイムゾーン）",
	},
	{
		en: "-tz: unknown time zone %q (want an IANA name such as Asia/Tokyo or UTC)",
		ja: "-tz: %q は不明なタイムゾーンです（Asia/Tokyo や UTC のような IANA の名前を指定してください）",
	},

	// cmd/pmscan/state.go
	{
		en: "the state store: a file (SQLite) or a postgres:// URL (default: %s)",
		ja: "状態ストア: ファイル（SQLite）または postgres:// URL（既定: %s）",
	},

	// cmd/pmscan/policy.go
	{
		en: `Usage:
  pmscan policy init [-o FILE]   write the built-in policy (YAML) to FILE or standard output
  pmscan policy check FILE       parse and check FILE; print what it declares
`,
		ja: `使い方:
  pmscan policy init [-o FILE]   組み込みポリシー（YAML）を FILE または標準出力に書き出します
  pmscan policy check FILE       FILE を読み込んで検査し、定義されている内容を表示します
`,
	},
	{
		en: "write to `FILE` (not overwritten if it exists) instead of standard output",
		ja: "標準出力ではなく `FILE` に書き出します（既存のファイルは上書きしません）",
	},
	{
		en: "pmscan policy init: %v\n",
		ja: "pmscan policy init: ポリシーを書き出せませんでした: %v\n",
	},
	{
		en: "pmscan policy check: %v\n",
		ja: "pmscan policy check: ポリシーを読み込めませんでした: %v\n",
	},
	{
		en: "%s: %d items, %d stores\n",
		ja: "%s: 項目 %d 件、保存場所 %d 件\n",
	},
	{
		en: "held",
		ja: "保有",
	},
	{
		en: "not held",
		ja: "非保有",
	},
	{
		en: "pmscan policy: unknown command %q\n\n%s",
		ja: "pmscan policy: %q というコマンドはありません\n\n%s",
	},

	// cmd/pmscan/report.go
	{
		en: `Usage: pmscan report [flags]

Renders a scan kept in the state store: the latest one, or -scan ID, in
any of pmscan's output formats (on a terminal without -o: text) (json: the whole inventory, schema in
reports/ledger/SCHEMA.md; csv and xlsx: the 個人情報管理台帳; html: one
self-contained page; text: the summary 'pmscan scan' prints, after what
is new since the scan before it of the same targets; jsonl: the kept
findings).

Flags:
`,
		ja: `使い方: pmscan report [flags]

状態ストアに保存されたスキャン（最新のもの、または -scan ID で指定したもの）を
pmscan の出力形式のいずれかで出力します（-o を指定せず端末に出力する場合は text）。
json: インベントリ全体（スキーマは reports/ledger/SCHEMA.md）、csv と xlsx: 個人情報管理台帳、
html: それだけで完結する 1 ページ、text: 'pmscan scan' が表示する要約（同じ対象の前回のスキャン以降に
新たに見つかったものを先頭に表示します）、jsonl: 保存された検出結果。

フラグ:
`,
	},
	{
		en: "render scan `ID` (default: the latest finished scan; 'pmscan scans' lists them)",
		ja: "スキャン `ID` を出力します（既定: 最後に完了したスキャン。一覧は 'pmscan scans' で確認できます）",
	},
	{
		en: "output `FORMAT`: %s (default: html to a file or a pipe, text to a terminal)",
		ja: "出力形式 `FORMAT`: %s（既定: ファイルやパイプへは html、端末へは text）",
	},
	{
		en: "write to `FILE` (created readable by its owner only); required for xlsx, and for html on a terminal",
		ja: "`FILE` に書き出します（所有者だけが読めるファイルとして作成します）。xlsx と、端末での html には必須です",
	},
	{
		en: "pmscan report: unexpected argument %q\n",
		ja: "pmscan report: 不要な引数があります: %q\n",
	},
	{
		en: "pmscan report: %v\n",
		ja: "pmscan report: %v\n",
	},
	{
		en: "scan %s did not finish: it has no inventory",
		ja: "スキャン %s は完了していないため、インベントリがありません",
	},
	{
		en: "pmscan report: warning: scan %s did not finish (the process ended without recording its end): this report is built from the findings it kept (at most -keep-findings per place, column and type), so its counts are lower bounds\n",
		ja: "pmscan report: 警告: スキャン %s は完了していません（プロセスが終了を記録せずに終わりました）。このレポートは保存された検出結果（場所・列・種類ごとに最大 -keep-findings 件）から作成したため、件数は下限値です\n",
	},
	{
		en: "pmscan report: warning: scan %s is still running: this report is built from the findings it has kept so far (at most -keep-findings per place, column and type), so its counts are lower bounds\n",
		ja: "pmscan report: 警告: スキャン %s はまだ実行中です。このレポートはこれまでに保存された検出結果（場所・列・種類ごとに最大 -keep-findings 件）から作成したため、件数は下限値です\n",
	},
	{
		en: "pmscan report: warning: policy %s: %v; the report uses the built-in policy\n",
		ja: "pmscan report: 警告: ポリシー %s: %v。レポートには組み込みポリシーを使います\n",
	},
	{
		en: "-format: unknown format %q (want one of %s)",
		ja: "-format: %q は不明な出力形式です（%s のいずれかを指定してください）",
	},
	{
		en: "-format %s needs -o FILE",
		ja: "-format %s には -o FILE の指定が必要です",
	},
	{
		en: "pmscan report: warning: comparing with the previous scan: %v\n",
		ja: "pmscan report: 警告: 前回のスキャンと比較できませんでした: %v\n",
	},

	// cmd/pmscan/diff.go
	{
		en: `Usage: pmscan diff [flags]

Says what changed between two scans kept in the state store: the items,
places and columns of personal information that appeared or disappeared,
the holdings whose findings or distinct values grew or shrank, the
conformance flags that are new or resolved, and the objects that became
unreadable or were read again. By default it compares the latest finished
scan with the latest finished scan before it of the same targets; with
-target NAME, the latest two that include NAME. 'pmscan scans' lists the
scans. The JSON schema is in reports/diff/SCHEMA.md; the HTML is one
self-contained page.

Flags:
`,
		ja: `使い方: pmscan diff [flags]

状態ストアに保存された 2 つのスキャンの間で変わったことを表示します: 新たに現れた、
または消えた個人情報の項目・保管場所・列、検出数または異なる値の数が増えた・減った
保有、新たな指摘と解消した指摘、新たに読み取れなくなったオブジェクトと再び読み取れた
オブジェクトです。既定では、最後に完了したスキャンと、それより前に完了した同じ対象の
最新のスキャンを比較します。-target NAME を指定すると、NAME を含む最新の 2 つを比較
します。スキャンの一覧は 'pmscan scans' で確認できます。JSON のスキーマは
reports/diff/SCHEMA.md にあります。html はそれだけで完結する 1 ページです。

フラグ:
`,
	},
	{
		en: "compare from scan `ID` (default: the latest finished scan before -to of the same targets, or that includes -target)",
		ja: "比較元のスキャン `ID`（既定: -to より前に完了した、同じ対象の（または -target を含む）最新のスキャン）",
	},
	{
		en: "compare with scan `ID` (default: the latest finished scan, or the latest that includes -target)",
		ja: "比較先のスキャン `ID`（既定: 最後に完了したスキャン、または -target を含む最新のスキャン）",
	},
	{
		en: "compare scans that include the target `NAME`, as 'pmscan scans' lists it",
		ja: "対象 `NAME`（'pmscan scans' に表示されるとおり）を含むスキャンを比較します",
	},
	{
		en: "write to `FILE` (created readable by its owner only); required for html on a terminal",
		ja: "`FILE` に書き出します（所有者だけが読めるファイルとして作成します）。端末での html には必須です",
	},
	{
		en: "-%s %s: want a scan ID, 1 or more",
		ja: "-%s %s: 1 以上のスキャン ID を指定してください",
	},
	{
		en: "pmscan diff: %v; -from ID and -to ID compare any two scans ('pmscan scans' lists them)\n",
		ja: "pmscan diff: %v。任意の 2 つのスキャンは -from ID と -to ID で比較できます（一覧は 'pmscan scans' で確認できます）\n",
	},

	// cmd/pmscan/scan.go
	{
		en: "output `FORMAT`: %s",
		ja: "出力形式 `FORMAT`: %s",
	},
	{
		en: "write the report to `FILE` (created readable by its owner only) instead of standard output",
		ja: "レポートを標準出力ではなく `FILE` に書き出します（所有者だけが読めるファイルとして作成します）",
	},
	{
		en: "databases: also write each table column's verdict (values read, values matched per type) to `FILE` as JSON lines",
		ja: "データベース: テーブルの列ごとの判定（読み取った値の数、種類ごとに一致した値の数）も JSON Lines で `FILE` に書き出します",
	},
	{
		en: "include raw matched values in the output (they are masked otherwise)",
		ja: "一致した値をそのまま出力に含めます（指定しなければマスクします）",
	},
	{
		en: "detector workers",
		ja: "検出処理のワーカー数",
	},
	{
		en: "report findings at or above `LEVEL`: low, medium or high",
		ja: "確度が `LEVEL` 以上の検出結果を報告します: low、medium、high のいずれか",
	},
	{
		en: "comma-separated detector `TYPES` to run (default all; see 'pmscan types')",
		ja: "実行する検出器の種類 `TYPES`（カンマ区切り。既定はすべて。'pmscan types' を参照）",
	},
	{
		en: "comma-separated detector `TYPES` not to run",
		ja: "実行しない検出器の種類 `TYPES`（カンマ区切り）",
	},
	{
		en: "exit with status 1 when anything is found (for CI)",
		ja: "何か検出したときに終了ステータス 1 で終了します（CI 向け）",
	},
	{
		en: "with -format jsonl: do not print skipped and unreadable items on standard error",
		ja: "-format jsonl のとき: スキップした項目と読み取れなかった項目を標準エラー出力に表示しません",
	},
	{
		en: "show a status line on standard error while scanning: `auto` (when it is a terminal), always or never",
		ja: "スキャン中、標準エラー出力に進行状況を 1 行で表示します: `auto`（端末のとき）、always、never のいずれか",
	},
	{
		en: "keep the scan in this state store: a file (SQLite) or a postgres:// URL, or none to keep nothing (an ad-hoc scan; default: %s)",
		ja: "スキャンを保存する状態ストア: ファイル（SQLite）または postgres:// URL。none で何も保存しません（その場限りのスキャン。既定: %s）",
	},
	{
		en: "retry a state store that fails mid-scan for up to `DURATION`, the scan waiting, before the rest of the scan goes to a spool file (0: at once)",
		ja: "途中で失敗した状態ストアを、スキャンを待たせて最長 `DURATION` の間再試行します。それでも失敗するときは、スキャンの残りをスプールファイルに保存します（0: すぐにスプールへ）",
	},
	{
		en: "-state-retry must not be negative",
		ja: "-state-retry に負の値は指定できません",
	},
	{
		en: "keep the first `N` findings of each place, column and type in the state store, or all (the inventory counts every finding either way)",
		ja: "場所・列・種類ごとに最初の `N` 件の検出結果を状態ストアに保存します。all ですべて保存します（どちらの場合もインベントリはすべての検出結果を数えます）",
	},
	{
		en: "map findings onto the items of this policy `FILE` (YAML; default: the built-in policy, see 'pmscan policy init')",
		ja: "検出結果をポリシーファイル `FILE`（YAML）の項目に対応付けます（既定: 組み込みポリシー。'pmscan policy init' を参照）",
	},
	{
		en: `Usage: pmscan scan [flags] TARGET...

TARGET is a file or directory path, a file:// URL, an S3 URL
(s3://bucket/, s3://bucket/prefix/, s3://bucket/key), a PostgreSQL URL
(postgres://user@host:5432/db?sslmode=require) or a MySQL/MariaDB URL
(mysql://user@host:3306/db, mariadb://...). Passwords in URLs never reach
the report; PGPASSWORD, ~/.pgpass and MYSQL_PWD are read as the usual
clients do, and S3 credentials come from the AWS default chain
(environment, -profile, SSO, instance and container roles).

Flags:
`,
		ja: `使い方: pmscan scan [flags] TARGET...

TARGET には、ファイルまたはディレクトリのパス、file:// URL、S3 の URL
（s3://bucket/、s3://bucket/prefix/、s3://bucket/key）、PostgreSQL の URL
（postgres://user@host:5432/db?sslmode=require）、MySQL/MariaDB の URL
（mysql://user@host:3306/db、mariadb://...）を指定します。URL に含まれる
パスワードがレポートに載ることはありません。PGPASSWORD、~/.pgpass、MYSQL_PWD は
通常のクライアントと同じように読み込みます。S3 の認証情報は AWS の既定の
認証情報チェーン（環境変数、-profile、SSO、インスタンスロール、コンテナロール）
から取得します。

フラグ:
`,
	},
	{
		en: "pmscan scan: %v\n",
		ja: "pmscan scan: %v\n",
	},
	{
		en: "pmscan scan: writing the report: %v\n",
		ja: "pmscan scan: レポートを書き出せませんでした: %v\n",
	},
	{
		en: "pmscan: kept as scan %s; 'pmscan report -scan %s -format html -o report.html' renders the ledger\n",
		ja: "pmscan: スキャン %s として保存しました。台帳は 'pmscan report -scan %s -format html -o report.html' で出力できます\n",
	},
	{
		en: "pmscan: %v; retrying for up to %s while the scan waits\n",
		ja: "pmscan: %v。スキャンを待たせて最長 %s の間再試行します\n",
	},
	{
		en: "pmscan: the state store %s is back after %s; nothing was lost\n",
		ja: "pmscan: 状態ストア %s は %s 後に復旧しました。失われたものはありません\n",
	},
	{
		en: "pmscan: the state store %s still fails after %s: the scan goes on, keeping the rest of its findings and problems in the spool %s\n",
		ja: "pmscan: 状態ストア %s は %s 経っても復旧しません。スキャンは続行し、以降の検出結果と問題はスプール %s に保存します\n",
	},
	{
		en: "pmscan: the spool failed too: %v; findings and problems from now on are kept nowhere, but the report counts them\n",
		ja: "pmscan: スプールも失敗しました: %v。以降の検出結果と問題はどこにも保存されませんが、レポートの件数には含まれます\n",
	},
	{
		en: "pmscan: the state store %s is back: the %s findings and %s problems kept in the spool meanwhile were moved into it\n",
		ja: "pmscan: 状態ストア %s が復旧しました。その間スプールに保存した検出結果 %s 件と問題 %s 件をストアに移しました\n",
	},
	{
		en: "pmscan: the temporary store of this ad-hoc scan failed at %s: %v; the report counts every finding, but lists only those it could keep\n",
		ja: "pmscan: このその場限りのスキャンの一時ストアが %s に失敗しました: %v。レポートはすべての検出結果を数えていますが、一覧に載るのは保存できたものだけです\n",
	},
	{
		en: "pmscan: the state store failed at %s: %v\n",
		ja: "pmscan: 状態ストアが %s に失敗しました: %v\n",
	},
	{
		en: "pmscan: the %s findings and %s problems from then on, and the scan's end, are not in it: they are in the spool %s, which is kept\n",
		ja: "pmscan: それ以降の検出結果 %s 件と問題 %s 件、およびスキャンの終了は状態ストアにありません。これらはスプール %s にあり、スプールは残してあります\n",
	},
	{
		en: "pmscan: once the store is back, 'pmscan scans import -state %s %s' moves them into it as scan %s; until then 'pmscan report -state %s -scan %s' renders the scan from the spool\n",
		ja: "pmscan: ストアが復旧したら 'pmscan scans import -state %s %s' でスキャン %s としてストアに移せます。それまでは 'pmscan report -state %s -scan %s' でスプールからスキャンを出力できます\n",
	},
	{
		en: "pmscan: the %s findings and %s problems from then on, and the scan's end, are not in it; the spool %s holds some of them, then failed too (%v): %s findings and %s problems are kept nowhere, but the report counts them\n",
		ja: "pmscan: それ以降の検出結果 %s 件と問題 %s 件、およびスキャンの終了は状態ストアにありません。スプール %s はその一部を保存した後に失敗しました（%v）。検出結果 %s 件と問題 %s 件はどこにも保存されていませんが、レポートの件数には含まれます\n",
	},
	{
		en: "pmscan: the %s findings and %s problems from then on, and the scan's end, are kept nowhere (no spool could be written: %v), but the report counts them\n",
		ja: "pmscan: それ以降の検出結果 %s 件と問題 %s 件、およびスキャンの終了はどこにも保存されていません（スプールを書けませんでした: %v）が、レポートの件数には含まれます\n",
	},
	{
		en: "pmscan scan: no TARGET given; run 'pmscan scan -h' for usage\n",
		ja: "pmscan scan: 対象 (TARGET) が指定されていません。使い方は 'pmscan scan -h' で確認できます\n",
	},
	{
		en: "-concurrency must be between 1 and %s",
		ja: "-concurrency には 1 から %s までの値を指定してください",
	},
	{
		en: "%s: unknown detector type %q (see 'pmscan types')",
		ja: "%s: %q は不明な検出器の種類です（'pmscan types' を参照してください）",
	},
	{
		en: "no detector types selected",
		ja: "検出器の種類が 1 つも選ばれていません",
	},
	{
		en: "-keep-findings %q: want a number of findings, or all",
		ja: "-keep-findings %q: 検出結果の件数か all を指定してください",
	},

	// cmd/pmscan/scans.go
	{
		en: `Usage:
  pmscan scans [-n N] [-state S]
        list the scans kept in the state store, newest first
  pmscan scans prune [-keep N] [-older-than D] [-dry-run] [-vacuum] [-state S]
        delete old scans and everything stored with them
  pmscan scans import [-state S] SPOOL...
        move a spool, where a scan kept what its failing state store could not,
        into the store

STATUS says how a scan ended:
  complete          every target was read to the end
  unreadable items  every target was read, but some of its files, objects or rows
                    could not be (pmscan scan exited 4)
  failed            a target could not be opened, or its reading failed
  interrupted       stopped (Ctrl-C) before every target was read
  unfinished        still running: the scan has not recorded its end, and its
                    heartbeat is recent
  abandoned         the scan's process ended (killed, power lost) without recording
                    its end: no heartbeat for 2 minutes; 'pmscan report -scan ID'
                    renders what it kept

prune deletes every scan that is not among the newest N finished scans (-keep),
and every scan that started more than D ago (-older-than: 36h, 90d, 12w); with
both, a scan stays only if neither deletes it. An unfinished scan is never
deleted: another pmscan is still writing it. Abandoned scans are deleted.
`,
		ja: `使い方:
  pmscan scans [-n N] [-state S]
        状態ストアに保存されたスキャンを新しい順に一覧表示します
  pmscan scans prune [-keep N] [-older-than D] [-dry-run] [-vacuum] [-state S]
        古いスキャンを、一緒に保存されたすべてのデータとともに削除します
  pmscan scans import [-state S] SPOOL...
        状態ストアが失敗していた間にスキャンが保存したスプールを、ストアに移します

「状態」の列は、スキャンがどのように終わったかを表します:
  完了                  すべての対象を最後まで読み取りました
  読み取れない項目あり  すべての対象を読み取りましたが、一部のファイル、オブジェクト、行を
                        読み取れませんでした（pmscan scan の終了ステータスは 4）
  失敗                  対象を開けなかったか、対象の読み取りに失敗しました
  中断                  すべての対象を読み取る前に停止しました（Ctrl-C）
  未完了                実行中です: スキャンの終了はまだ記録されておらず、ハートビートが
                        最近のものです
  中断（プロセス終了）  スキャンのプロセスが終了の記録なしに終わりました（強制終了、電源断）:
                        2 分間ハートビートがありません。保存された分は
                        'pmscan report -scan ID' で出力できます

prune は、終了したスキャンのうち新しい N 件（-keep）に入らないスキャンと、開始から
D より長く経過したスキャン（-older-than: 36h、90d、12w）をすべて削除します。両方を
指定した場合は、どちらによっても削除されないスキャンだけが残ります。未完了の
スキャンは削除しません。別の pmscan がまだ書き込んでいるためです。中断（プロセス
終了）のスキャンは削除されます。
`,
	},
	{
		en: "\nFlags of %s:\n",
		ja: "\n%s のフラグ:\n",
	},
	{
		en: "%s: %v\n",
		ja: "%s: %v\n",
	},
	{
		en: "prune must come before the flags",
		ja: "prune はフラグより前に指定してください",
	},
	{
		en: "unexpected argument %q",
		ja: "不要な引数があります: %q",
	},
	{
		en: "list at most `N` scans",
		ja: "一覧表示するスキャンの最大件数 `N`",
	},
	{
		en: "pmscan scans: %v\n",
		ja: "pmscan scans: %v\n",
	},
	{
		en: "ID\tSTARTED\tTOOK\tSTATUS\tTARGETS",
		ja: "ID\t開始日時\t所要時間\t状態\t対象",
	},
	{
		en: "complete",
		ja: "完了",
	},
	{
		en: "unreadable items",
		ja: "読み取れない項目あり",
	},
	{
		en: "failed",
		ja: "失敗",
	},
	{
		en: "interrupted",
		ja: "中断",
	},
	{
		en: "unfinished",
		ja: "未完了",
	},
	{
		en: "abandoned",
		ja: "中断（プロセス終了）",
	},
	{
		en: "keep the newest `N` finished scans and delete the others",
		ja: "終了したスキャンのうち新しい `N` 件を残し、それ以外を削除します",
	},
	{
		en: "delete the scans that started more than `D` ago: a duration such as 36h, or days or weeks such as 90d, 12w",
		ja: "開始から `D` より長く経過したスキャンを削除します: 36h のような時間、または 90d、12w のような日数・週数",
	},
	{
		en: "list the scans that would be deleted, and delete nothing",
		ja: "削除されるスキャンを一覧表示するだけで、何も削除しません",
	},
	{
		en: "then VACUUM the store: on SQLite this shrinks the file, but rewrites all of it and\nmakes other pmscan processes wait meanwhile",
		ja: "削除後にストアを VACUUM します: SQLite ではファイルが小さくなりますが、ファイル全体を書き直すため、\nその間ほかの pmscan プロセスは待たされます",
	},
	{
		en: "invalid value %q for flag -older-than: %v",
		ja: "-older-than の値 %q が正しくありません: %v",
	},
	{
		en: "-keep must be at least 1",
		ja: "-keep には 1 以上を指定してください",
	},
	{
		en: "give -keep N, -older-than D or both",
		ja: "-keep N と -older-than D のどちらか、または両方を指定してください",
	},
	{
		en: "pmscan scans prune: %v\n",
		ja: "pmscan scans prune: %v\n",
	},
	{
		en: "deleted",
		ja: "削除済み",
	},
	{
		en: "would delete",
		ja: "削除対象",
	},
	{
		en: "kept, in use",
		ja: "使用中のため保持",
	},
	{
		en: "kept scan %s: scan %d is still running and may carry objects over from it; prune again after it ends\n",
		ja: "スキャン %s は保持しました: 実行中のスキャン %d がそこから変更のないオブジェクトを引き継ぐ可能性があります。終了後にもう一度 prune してください\n",
	},
	{
		en: "would prune 1 scan, keep %d\n",
		ja: "削除対象のスキャンは 1 件、残るスキャンは %d 件です（-dry-run のため何も削除していません）\n",
	},
	{
		en: "would prune %d scans, keep %d\n",
		ja: "削除対象のスキャンは %d 件、残るスキャンは %d 件です（-dry-run のため何も削除していません）\n",
	},
	{
		en: "pruned 1 scan, kept %d\n",
		ja: "スキャンを 1 件削除しました。残りは %d 件です\n",
	},
	{
		en: "pruned %d scans, kept %d\n",
		ja: "スキャンを %d 件削除しました。残りは %d 件です\n",
	},
	{
		en: "no SPOOL given",
		ja: "スプール (SPOOL) が指定されていません",
	},
	{
		en: "%s holds no scan",
		ja: "%s にはスキャンがありません",
	},
	{
		en: "pmscan scans import: %v\n",
		ja: "pmscan scans import: %v\n",
	},
	{
		en: "pmscan scans import: scan %s imported from %s; the spool may be deleted\n",
		ja: "pmscan scans import: スキャン %s を %s から取り込みました。スプールは削除してかまいません\n",
	},
	{
		en: "want a duration such as 36h, or days or weeks such as 90d, 12w",
		ja: "36h のような時間、または 90d、12w のような日数・週数を指定してください",
	},
	{
		en: "must be more than 0",
		ja: "0 より大きい値を指定してください",
	},

	{en: "pmscan: skipped: %s: %v\n", ja: "pmscan: スキップ: %s: %v\n"},
	{en: "pmscan: error: %s: %v\n", ja: "pmscan: 読み取り失敗: %s: %v\n"},

	// cmd/pmscan/targets.go
	{
		en: "%s: %s: %v\n",
		ja: "%s: %s を開けませんでした: %v\n",
	},

	// cmd/pmscan/lookup.go
	{en: "the person's name in kanji, e.g. \"山田 花子\" (a space between surname and given name lets a family member be told apart)",
		ja: "本人の氏名（漢字）。例: \"山田 花子\"（姓と名の間に空白があると家族を区別できます）"},
	{en: "the name's reading in katakana or hiragana", ja: "氏名の読み（カタカナまたはひらがな）"},
	{en: "an e-mail address (repeatable)", ja: "メールアドレス（複数指定可）"},
	{en: "a phone number in any format (repeatable)", ja: "電話番号（書式は問いません。複数指定可）"},
	{en: "the birth date: 1990-02-03, 1990年2月3日 or 平成2年2月3日", ja: "生年月日: 1990-02-03、1990年2月3日、平成2年2月3日 のいずれかの形式"},
	{en: "the address, with or without the prefecture", ja: "住所（都道府県は省略可）"},
	{en: "a member or customer ID (repeatable)", ja: "会員番号または顧客番号（複数指定可）"},
	{en: "the My Number (12 digits)", ja: "個人番号（12 桁）"},
	{en: "output `FORMAT`: json, csv, html or xlsx (the last two in Japanese, for the privacy office; xlsx needs -o)",
		ja: "出力形式 `FORMAT`: json、csv、html、xlsx（html と xlsx は個人情報担当者向けの日本語。xlsx には -o が必要です）"},
	{en: "write the result to `FILE` (created readable by its owner only) instead of standard output",
		ja: "結果を標準出力ではなく `FILE` に書き出します（所有者だけが読めるファイルとして作成します）"},
	{en: "include the matched values in the output (they are masked otherwise)", ja: "一致した値をそのまま出力します（指定しない場合はマスクします）"},
	{
		en: `Usage: pmscan lookup [flags] [TARGET...]

Finds the records that hold one person's data, for a disclosure request
(開示等の請求): give what the person gave (any of -name, -kana, -email,
-phone, -birth-date, -address, -member-id, -my-number). Without TARGETs
it answers from the lookup index that every scan keeps in the state
store (what the latest scan of each target found; the scans' lookup key
is needed); with TARGETs it searches those stores live, as pmscan scan
reads them. A record (a row, a CSV or JSON Lines line, a JSON array
element, a line of text, a spreadsheet row) matches when it holds one
strong identifier (e-mail, phone, member ID, My Number) or two weaker
ones (the name, the birth date, the address); the name alone is a
possible match; records of other people that share an identifier are
near misses.

Flags:
`,
		ja: `使い方: pmscan lookup [flags] [TARGET...]

開示等の請求のために、一人の本人のデータを含むレコードを探します。本人から
受け取った情報（-name、-kana、-email、-phone、-birth-date、-address、
-member-id、-my-number のいずれか）を指定してください。TARGET を指定しない
場合は、各スキャンが状態ストアに残す検索用索引から答えます（各ターゲットの
最新のスキャンが見つけたもの。スキャンと同じ検索鍵が必要です）。TARGET を
指定すると、そのストアを pmscan scan と同じように読んでその場で探します。
レコード（表の行、CSV や JSON Lines の行、JSON 配列の要素、テキストの行、
スプレッドシートの行）は、強い識別子（メールアドレス、電話番号、会員番号、
個人番号）を一つ、または弱い識別子（氏名、生年月日、住所）を二つ含むとき
一致とします。氏名だけの一致は「一致の可能性」、識別子を共有する他人の
レコードは「近いが別人」として分けて示します。

フラグ:
`,
	},
	{
		en: "pmscan lookup: no TARGET given, and -state none: give the stores to search, or the state store whose index to search\n",
		ja: "pmscan lookup: TARGET がなく、-state none が指定されています。探すストアか、索引を検索する状態ストアを指定してください\n",
	},
	{
		en: "pmscan lookup: %v: the index can be searched only with the key the scans hashed with; give it with -lookup-key FILE or $PMSCAN_LOOKUP_KEY\n",
		ja: "pmscan lookup: %v: 索引はスキャンがハッシュ化に使った鍵でしか検索できません。-lookup-key FILE か $PMSCAN_LOOKUP_KEY で指定してください\n",
	},
	{
		en: "pmscan lookup: the state store has no complete scan to search: scan the stores first (pmscan scan TARGET...), or give the TARGETs to search them live\n",
		ja: "pmscan lookup: 状態ストアに検索できる完了したスキャンがありません。先にストアをスキャンするか（pmscan scan TARGET...）、TARGET を指定してその場で検索してください\n",
	},
	{
		en: "pmscan lookup: none of the %d latest scans in the state store was indexed with this lookup key: give the key the scans used (-lookup-key FILE or $PMSCAN_LOOKUP_KEY), or scan the stores again\n",
		ja: "pmscan lookup: 状態ストアの最新のスキャン %d 件のどれも、この検索鍵で索引を作っていません。スキャンが使った鍵を指定するか（-lookup-key FILE か $PMSCAN_LOOKUP_KEY）、ストアをスキャンし直してください\n",
	},
	{en: "the key that the lookup index hashes identifiers with: a `FILE` of 64 hex digits (default: $PMSCAN_LOOKUP_KEY, else %s, made on first use)",
		ja: "検索用索引が識別子をハッシュ化する鍵: 16 進 64 桁のファイル `FILE`（既定: $PMSCAN_LOOKUP_KEY、なければ %s。初回に作成します）"},
	{en: "do not keep the lookup index of what the scan finds (pmscan lookup without targets then cannot find it)",
		ja: "スキャンで見つけたものの検索用索引を残しません（TARGET なしの pmscan lookup では見つからなくなります）"},
	{en: "pmscan lookup: %v\n", ja: "pmscan lookup: %v\n"},
	{en: "pmscan lookup: -format: %v\n", ja: "pmscan lookup: -format の値が正しくありません: %v\n"},
	{en: "pmscan lookup: -policy: %v\n", ja: "pmscan lookup: -policy のポリシーを読み込めません: %v\n"},
	{en: "name each identifier's item, purpose of use and retention from this policy `FILE` (YAML; default: the built-in policy)",
		ja: "各識別子の項目・利用目的・保存期間をこのポリシーファイル `FILE`（YAML）から示します（既定: 組み込みポリシー）"},
	{en: "pmscan lookup: writing the result: %v\n", ja: "pmscan lookup: 結果の書き出しに失敗しました: %v\n"},
	{
		en: "pmscan lookup: %d matches, %d possible matches (name only), %d near misses in %d objects\n",
		ja: "pmscan lookup: 一致 %d 件、一致の可能性（氏名のみ）%d 件、近いが別人 %d 件（%d オブジェクト）\n",
	},

	{en: "record the lookup in the audit trail of this state store: a file (SQLite) or a postgres:// URL, or none (default: %s)",
		ja: "検索をこの状態ストアの監査記録に残します: ファイル（SQLite）、postgres:// URL、または none（既定: %s）"},
	{en: "the lookup key, which the index is searched with and the audit trail hashes what was given with: a `FILE` of 64 hex digits (default: $PMSCAN_LOOKUP_KEY, else %s)",
		ja: "検索鍵。索引の検索と、監査記録が検索条件をハッシュ化するのに使います: 16 進 64 桁のファイル `FILE`（既定: $PMSCAN_LOOKUP_KEY、なければ %s）"},
	{en: "pmscan lookup: recorded as lookup %s in the audit trail ('pmscan lookups' lists them)\n",
		ja: "pmscan lookup: 監査記録に検索 %s として記録しました（'pmscan lookups' で一覧表示できます）\n"},

	// cmd/pmscan/lookups.go
	{
		en: `Usage: pmscan lookups [-state STORE] [-n N] [-format text|json]

Lists the disclosure lookups recorded in the state store's audit trail,
newest first: when, how each ended, which kinds of identifier were given
(never the values: only their keyed hashes are kept, with -format json),
the stores searched and what was found.

Flags:
`,
		ja: `使い方: pmscan lookups [-state STORE] [-n N] [-format text|json]

状態ストアの監査記録にある開示等の請求のための検索を、新しい順に一覧表示します。
日時、終了状態、指定された識別子の種類（値は記録せず、鍵付きハッシュだけを
保存します。-format json で表示）、検索したストア、検出結果を示します。

フラグ:
`,
	},
	{en: "list at most `N` lookups", ja: "最大 `N` 件の検索を一覧表示します"},
	{en: "output `FORMAT`: text or json", ja: "出力形式 `FORMAT`: text または json"},
	{en: "pmscan lookups: %v\n", ja: "pmscan lookups: エラー: %v\n"},
	{en: "-format %q: want text or json", ja: "-format %q: text または json を指定してください"},
	{en: "ID\tSTARTED\tSTATUS\tGIVEN\tMATCHES\tPOSSIBLE\tNEAR MISSES\tNOT SEARCHED\tTARGETS",
		ja: "ID\t開始\t状態\t指定された識別子\t一致\t一致の可能性\t近いが別人\t未検索\t対象"},

	// cmd/pmscan/progress.go
	{
		en: "-progress: unknown mode %q (want auto, always or never)",
		ja: "-progress: %q は不明なモードです（auto、always、never のいずれかを指定してください）",
	},

	{en: " (default %s)", ja: "（既定値: %s）"},
	{en: "flag provided but not defined: -%s", ja: "-%s というフラグはありません"},
	{en: "flag needs an argument: -%s", ja: "-%s には値が必要です"},
	{en: "invalid value %s for flag -%s: %s", ja: "-%[2]s の値 %[1]s が正しくありません: %[3]s"},
	{en: "invalid boolean value %s for -%s: %s", ja: "-%[2]s の値 %[1]s が正しくありません（true か false）: %[3]s"},
	{en: "bad flag syntax: %s", ja: "フラグの書き方が正しくありません: %s"},

	// connectors/*/flags.go: the connectors' flags, checked.
	{
		en: "-s3-max-size %q: want a positive size such as 500MB or 1GiB",
		ja: "-s3-max-size %q: 500MB や 1GiB のような正のサイズを指定してください",
	},
	{en: "-s3-sample-size %q: want a size such as 64MiB, or 0", ja: "-s3-sample-size %q: 64MiB のようなサイズか 0 を指定してください"},
	{en: "-s3-conns must be at least 1", ja: "-s3-conns には 1 以上を指定してください"},
	{en: "-sample must not be negative", ja: "-sample に負の値は指定できません"},
	{en: "-db-conns must be at least 1", ja: "-db-conns には 1 以上を指定してください"},
	{en: "-db-page-rows must be at least 1", ja: "-db-page-rows には 1 以上を指定してください"},
	{en: "-object-timeout must not be negative", ja: "-object-timeout に負の値は指定できません"},
	{en: "-db-timeout must be positive", ja: "-db-timeout には正の時間を指定してください"},
	{en: "-exclude-paths: %v", ja: "-exclude-paths の指定が正しくありません: %v"},
	{
		en: "glob %q: paths are matched relative to the target, so a glob cannot start with /",
		ja: "グロブ %q: パスは対象からの相対パスで照合するため、/ で始めることはできません",
	},
	// Incremental scans and resume.
	{
		en: "-resume: the latest scan, %s, ended complete: there is nothing to resume",
		ja: "-resume: 最新のスキャン %s は完了しています。再開するものはありません",
	},
	{en: "pmscan scan: resuming scan %s (%s)\n", ja: "pmscan scan: スキャン %s を再開します（%s）\n"},
	{en: "-resume: the state store has no scan to resume", ja: "-resume: 状態ストアに再開できるスキャンがありません"},
	{
		en: "read every object, even those unchanged since the last scan of the same target (by default a scan carries them over from the state store)",
		ja: "同じ対象の前回のスキャンから変わっていないものも含め、すべてのオブジェクトを読む（既定では変わっていないものは状態ストアから引き継ぐ）",
	},
	{
		en: "read an unchanged object again once it was last read longer ago than `AGE` (e.g. 36h, 7d, 2w; 0: never)",
		ja: "最後に読んでから `AGE` より長く経ったオブジェクトは、変わっていなくても読み直す（例: 36h、7d、2w。0 は読み直さない）",
	},
	{
		en: "resume the latest scan that was interrupted, killed or failed: its targets, with what it finished carried over (give the same flags as it had)",
		ja: "中断・強制終了・失敗した最新のスキャンを再開する: その対象を、読み終えたものは引き継いで読む（同じフラグを指定してください）",
	},
	{en: "pmscan scan: policy: %v\n", ja: "pmscan scan: ポリシー: %v\n"},
	{
		en: "pmscan scan: -resume: scan %s ran with other flags, another policy or another pmscan build, so nothing it read can be carried over; run it as it ran: %s\n",
		ja: "pmscan scan: -resume: スキャン %s は別のフラグ、別のポリシー、または別の pmscan で実行されたため、読んだものを引き継げません。同じ条件で実行してください: %s\n",
	},
	{en: "-full and -resume: choose one", ja: "-full と -resume はどちらか一方だけを指定してください"},
	{
		en: "pmscan: %d objects were carried over unchanged from earlier scans: this stream holds the findings of the objects read; their totals are in the inventory, and -full streams every finding\n",
		ja: "pmscan: 変わっていない %d 個のオブジェクトを以前のスキャンから引き継ぎました。この出力には読んだオブジェクトの検出結果だけが含まれます。件数はインベントリにあり、-full ですべての検出結果を出力します\n",
	},

	// cmd/pmscan/configcmd.go
	{
		en: `Usage:
  pmscan config init [-o FILE]   write a commented example config to FILE or standard output
  pmscan config check FILE       check FILE: its keys, each target's options and schedule;
                                 print the targets and when each runs next
`,
		ja: `使い方:
  pmscan config init [-o FILE]   説明付きの設定ファイルの例を FILE または標準出力に書き出します
  pmscan config check FILE       FILE のキー、各対象のオプションとスケジュールを検査し、
                                 対象と次回の実行時刻を表示します
`,
	},
	{en: "pmscan config init: %v\n", ja: "pmscan config init: %v\n"},
	{en: "pmscan config: unknown command %q\n\n%s", ja: "pmscan config: %q というコマンドはありません\n\n%s"},
	{en: "pmscan config check: %v\n", ja: "pmscan config check: 設定ファイルに誤りがあります: %v\n"},
	{en: "%s: %d targets\n", ja: "%s: 対象 %d 件\n"},
	{en: "not scheduled: pmscan run only", ja: "スケジュールなし: pmscan run でのみ実行"},
	{en: "next run %s", ja: "次回 %s"},
	{en: "  note: %s %s is not on this machine: not checked\n", ja: "  注意: %s %s はこのマシンにないため検査していません\n"},
	{en: "  note: target %s: password_file %s is not on this machine\n", ja: "  注意: 対象 %s: password_file %s はこのマシンにありません\n"},

	// cmd/pmscan/runconfig.go, serve.go, scheduled_notify.go
	{en: "the config `FILE` ('pmscan config init' writes an example)", ja: "設定ファイル `FILE`（例は 'pmscan config init' で書き出せます）"},
	{
		en: `Usage: pmscan run -config FILE [flags] [TARGET-NAME...]

Runs the config's targets (default: all of them) once each, one after the
other, incrementally, as pmscan serve runs them on their schedules: for a
systemd timer or a Kubernetes CronJob. Each scan is kept in the config's
state store; the webhook is told what is new. The exit code is the worst
of the scans' (pmscan scan's codes: 130, then 3, 5, 4, 1, 0). Logs go to
standard error, one record per line.

Flags:
`,
		ja: `使い方: pmscan run -config FILE [flags] [TARGET-NAME...]

設定ファイルの対象（既定: すべて）を一つずつ順に、差分スキャンで一度ずつ
スキャンします。pmscan serve がスケジュールどおりに行うスキャンと同じです
（systemd タイマーや Kubernetes の CronJob 用）。各スキャンは設定ファイルの
状態ストアに保存され、新しく見つかったものは Webhook に通知されます。
終了コードは各スキャンのうち最も重いものです（pmscan scan と同じコード:
130、3、5、4、1、0 の順）。ログは標準エラー出力に 1 行 1 レコードで書きます。

フラグ:
`,
	},
	{en: "-config FILE is required", ja: "-config FILE を指定してください"},
	{en: "no target %q in %s", ja: "%[2]s に対象 %[1]q はありません"},
	{en: "write logs as `FORMAT`: text (key=value) or json, one record per line", ja: "ログを `FORMAT` で書きます: text（key=value）または json。1 行 1 レコード"},
	{en: "-log-format %q: want text or json", ja: "-log-format %q: text または json を指定してください"},
	{en: "serve /healthz, /readyz, /metrics and /api/v1/scans on `ADDRESS`, e.g. 127.0.0.1:9464 (default: none)", ja: "/healthz、/readyz、/metrics、/api/v1/scans を `ADDRESS`（例: 127.0.0.1:9464）で提供します（既定: なし）"},
	{
		en: `Usage: pmscan serve -config FILE [flags]

Runs the config's targets on their schedules until stopped: one scan of a
target at a time (pmscan instances sharing a PostgreSQL state store take a
lock in it, so that only one scans a target at once); a run missed while
pmscan was not running runs once when it starts, and a scan stopped by
SIGTERM or Ctrl-C is resumed. SIGTERM checkpoints the running scans and
exits. With -listen: /healthz, /readyz, /metrics (Prometheus) and
/api/v1/scans (the targets and the recent scans, as JSON), none with
personal data.

Flags:
`,
		ja: `使い方: pmscan serve -config FILE [flags]

停止されるまで、設定ファイルの対象をそれぞれのスケジュールどおりにスキャン
します。一つの対象のスキャンは同時に一つだけです（PostgreSQL の状態ストアを
共有する複数の pmscan は、ストア内のロックで同じ対象を同時にスキャンしません）。
pmscan が動いていない間に逃した実行は、起動時に一度だけ行います。SIGTERM や
Ctrl-C で止まったスキャンは再開します。SIGTERM を受けると実行中のスキャンの
チェックポイントを保存して終了します。-listen を指定すると /healthz、/readyz、
/metrics（Prometheus）、/api/v1/scans（対象と最近のスキャンの JSON）を提供します。
どれにも個人データは含まれません。

フラグ:
`,
	},
	{en: "notify: url_env: the environment variable %s is not set", ja: "notify: url_env: 環境変数 %s が設定されていません"},
	{en: "notify: the environment variable %s (the webhook's signing secret) is not set", ja: "notify: 環境変数 %s（Webhook の署名用の秘密鍵）が設定されていません"},

	// cmd/pmscan/rules.go
	{
		en: `Usage:
  pmscan rules test FILE   run the examples of every rule in FILE (a rules file or a policy)
                           and say how each went
`,
		ja: `使い方:
  pmscan rules test FILE   FILE（ルールファイルまたはポリシー）の各ルールの例を実行し、
                           結果を表示します
`,
	},
	{en: "pmscan rules test: %v\n", ja: "pmscan rules test: %v\n"},
	{en: "FAIL %s: %v\n", ja: "失敗 %s: %v\n"},
	{en: "%s: %d rules, %d examples passed, %d failed\n", ja: "%s: ルール %d 件、例 %d 件が成功、%d 件が失敗\n"},
	{en: "also run the company's own detectors of this rules `FILE` (YAML, repeatable; see 'pmscan rules test')", ja: "ルールファイル `FILE`（YAML、複数指定可）の自社の検出ルールも実行します（'pmscan rules test' を参照）"},
	{en: "hold back the hits this allow-list `FILE` allows (YAML, repeatable): counted by entry in the report, not reported as findings", ja: "許可リスト `FILE`（YAML、複数指定可）に一致する検出を除外します。検出結果には含めず、レポートにエントリ別の件数を示します"},

	// cmd/pmscan/baseline.go
	{
		en: `Usage: pmscan baseline [-scan ID] [-state S] -o FILE [-reason TEXT] [-by WHO] [-expires DATE]

Writes the findings of a kept scan (default: the latest) as suppressions,
by fingerprint: its type, place, column and the keyed hash of its value,
never the value and no line number, so that a line that moves keeps its
suppression. Give FILE to later scans with -baseline FILE (scheduled scans:
allow: in the config) and they report only what is new. The file is meant
for version control: review it, edit reasons and expiry dates. A scan keeps
the first -keep-findings findings of each place, column and type (100 by
default); findings past them are not in the baseline: run the scan with
-keep-findings all before making one.

Flags:
`,
		ja: `使い方: pmscan baseline [-scan ID] [-state S] -o FILE [-reason TEXT] [-by WHO] [-expires DATE]

保存済みのスキャン（既定: 最新）の検出結果を、フィンガープリントによる抑止
として書き出します。フィンガープリントは種別・保管場所・列と値の鍵付き
ハッシュからなり、値も行番号も含みません。行が移動しても抑止は有効です。
以後のスキャンに -baseline FILE（定期スキャンでは設定ファイルの allow:）を
指定すると、新しい検出だけを報告します。ファイルはバージョン管理での運用を
想定しています。内容を確認し、理由や有効期限を編集してください。スキャンが
保存するのは保管場所・列・種別ごとに最初の -keep-findings 件（既定 100 件）
までで、それを超えた検出結果はベースラインに入りません。作成前に
-keep-findings all でスキャンしてください。

フラグ:
`,
	},
	{en: "the scan `ID` to take the findings of (default: the latest)", ja: "検出結果を取り出すスキャンの `ID`（既定: 最新）"},
	{en: "write to `FILE` (not overwritten if it exists)", ja: "`FILE` に書き出します（既にあれば上書きしません）"},
	{en: "the reason every suppression gives (default: baseline of scan ID)", ja: "各抑止に記す理由（既定: baseline of scan ID）"},
	{en: "who suppresses them (default: the user running pmscan)", ja: "抑止する人（既定: pmscan を実行したユーザー）"},
	{en: "the `DATE` (YYYY-MM-DD) after which the suppressions no longer apply (default: never)", ja: "抑止の有効期限 `DATE`（YYYY-MM-DD、この日の翌日から無効。既定: 期限なし）"},
	{en: "-o FILE is required", ja: "-o FILE を指定してください"},
	{en: "-expires %q: want a date, YYYY-MM-DD", ja: "-expires %q: 日付を YYYY-MM-DD で指定してください"},
	{en: "pmscan baseline: %v\n", ja: "pmscan baseline: %v\n"},
	{en: "pmscan baseline: %s: %d suppressions from scan %s\n", ja: "pmscan baseline: %s: スキャン %[3]s から抑止 %[2]d 件\n"},
	{
		en: "pmscan baseline: scan %s kept %d of its %d findings (-keep-findings): the others are not in the baseline; scan with -keep-findings all to make a complete one\n",
		ja: "pmscan baseline: スキャン %[1]s が保存した検出結果は %[3]d 件中 %[2]d 件です（-keep-findings）。残りはベースラインに入りません。完全なベースラインには -keep-findings all でスキャンしてください\n",
	},
	{en: "hold back the findings this baseline `FILE` suppresses ('pmscan baseline' writes it; the same as -allow)", ja: "ベースライン `FILE`（'pmscan baseline' が書き出すもの。-allow と同じ）で抑止する検出結果を除外します"},

	// cmd/pmscan/distributed.go, worker.go
	{en: "%s: its connector cannot be planned", ja: "%s: この接続先は分割の計画ができません"},
	{en: "planning %s: %w", ja: "%s の分割の計画: %w"},
	{en: "unit %d failed after %d attempts: %s", ja: "単位 %d は %d 回試みて失敗しました: %s"},
	{en: "-distributed needs a PostgreSQL state store (-state postgres://…): the queue lives there", ja: "-distributed には PostgreSQL の状態ストア（-state postgres://…）が必要です。キューはそこに置かれます"},
	{
		en: "-distributed: %s holds a password: give workers credentials as a single scan takes them (environment, credential files), never in the target",
		ja: "-distributed: %s にパスワードが含まれています。ワーカーには単独のスキャンと同じ方法（環境変数、認証情報ファイル）で認証情報を渡し、対象に含めないでください",
	},
	{en: "pmscan scan: scan %s: %d units queued; start workers with: pmscan worker -state URL\n", ja: "pmscan scan: スキャン %s: %d 個の単位をキューに入れました。ワーカーを pmscan worker -state URL で起動してください\n"},
	{en: "pmscan scan: units done %d of %d, failed %d, objects %d\n", ja: "pmscan scan: 完了した単位 %d / %d、失敗 %d、オブジェクト %d\n"},
	{en: "pmscan scan: stopping: the units not done are cancelled\n", ja: "pmscan scan: 停止します。完了していない単位は取り消されます\n"},
	{en: "split the scan into units for workers on other machines (pmscan worker) and wait for them; needs a PostgreSQL -state", ja: "スキャンを単位に分け、他のマシンのワーカー（pmscan worker）に任せて完了を待ちます。PostgreSQL の -state が必要です"},
	{en: "with -distributed: at most `N` objects per unit", ja: "-distributed で: 1 単位あたり最大 `N` オブジェクト"},
	{en: "with -distributed: at most `MB` megabytes per unit (a larger object is a unit of its own)", ja: "-distributed で: 1 単位あたり最大 `MB` メガバイト（それより大きいオブジェクトは単独で 1 単位）"},
	{
		en: `Usage: pmscan worker -state postgres://… [-concurrency N]

Runs the units of distributed scans (pmscan scan -distributed) from the
queue in the PostgreSQL state store until stopped. Credentials for the
targets come as for pmscan scan: PGPASSWORD, ~/.pgpass, MYSQL_PWD, the
AWS default chain; never through the queue. SIGTERM or Ctrl-C: no new
unit is taken, and the running ones get -stop-grace to end before they
are given back to the queue.

Flags:
`,
		ja: `使い方: pmscan worker -state postgres://… [-concurrency N]

分散スキャン（pmscan scan -distributed）の単位を、PostgreSQL の状態ストアにある
キューから停止されるまで実行します。対象の認証情報は pmscan scan と同じく
PGPASSWORD、~/.pgpass、MYSQL_PWD、AWS の既定の認証チェーンから取り、キューを
通しては渡しません。SIGTERM または Ctrl-C で新しい単位を取らなくなり、実行中の
単位には -stop-grace の間に終わる時間を与え、終わらなければキューに戻します。

フラグ:
`,
	},
	{en: "the PostgreSQL state store of the distributed scans: a postgres:// `URL`", ja: "分散スキャンの PostgreSQL 状態ストア: postgres:// の `URL`"},
	{en: "units run at once", ja: "同時に実行する単位の数"},
	{en: "serve /healthz and /metrics (the queue's depth, for an autoscaler) on `ADDRESS`, e.g. :9465 (default: none)", ja: "`ADDRESS`（例: :9465）で /healthz と /metrics（オートスケーラー用のキューの深さ）を提供します（既定: なし）"},
	{en: "cancel a unit that runs longer than `DURATION` plus a second per megabyte it holds, and try it again; a unit whose worker died is run again soon after that", ja: "`DURATION` に単位の 1 メガバイトあたり 1 秒を加えた時間より長く実行中の単位を取り消してやり直します。ワーカーが停止した単位もその少し後に再実行されます"},
	{en: "on SIGTERM, how long the running units get to end before they are given back (`DURATION`)", ja: "SIGTERM のとき、実行中の単位がキューに戻されるまでに終わるための時間（`DURATION`）"},
	{en: "pmscan worker: %v\n", ja: "pmscan worker: %v\n"},
	{en: "unit %d of scan %d: no target %d", ja: "スキャン %[2]d の単位 %[1]d: 対象 %[3]d がありません"},
	{en: "unit %d of scan %d: no objects", ja: "スキャン %[2]d の単位 %[1]d: オブジェクトがありません"},
	{en: "unit %d of scan %d: its scan ended with exit status %d", ja: "スキャン %[2]d の単位 %[1]d: そのスキャンは終了ステータス %[3]d で終わりました"},
}

// external are texts written outside cmd/pmscan that it shows: the flag
// help the connectors register (connectors/*/flags.go) and the output
// formats' descriptions (reports/reports.go). Printer.Translate looks them
// up; they take no arguments.
var external = []struct{ en, ja string }{
	{
		en: "databases: at most `N` connections to each server; tables are read in parallel up to it",
		ja: "データベース: サーバーごとの接続数の上限 `N`。その数までテーブルを並行して読みます",
	},
	{
		en: "databases: read tables with a key in pages of `N` rows, in key order; a scan stopped inside such a table resumes from its last checkpoint, taken every 64 pages or 10 seconds",
		ja: "データベース: キーのあるテーブルをキー順に `N` 行ずつのページで読みます。そのようなテーブルの途中で止まったスキャンは、64 ページまたは 10 秒ごとに取る最後のチェックポイントから再開します",
	},
	{en: "databases: statement timeout for each query", ja: "データベース: クエリごとのステートメントタイムアウト"},
	{en: "databases: scan views as well as tables and materialized views", ja: "データベース: テーブルとマテリアライズドビューに加えてビューもスキャンします"},
	{
		en: "databases: do not scan relations matching these comma-separated `GLOBS`",
		ja: "データベース: カンマ区切りの `GLOBS` に一致するテーブル・ビューをスキャンしません",
	},
	{
		en: "databases: read about `N` rows per table (TABLESAMPLE or key-range probes) instead of every row",
		ja: "データベース: すべての行ではなく、テーブルごとに約 `N` 行を読みます（TABLESAMPLE またはキー範囲の抽出）",
	},
	{
		en: "databases: seed for -sample, so that a scan can be repeated on the same rows",
		ja: "データベース: -sample の乱数の種。同じ行でスキャンを繰り返せます",
	},
	{
		en: "databases: scan only relations matching these comma-separated `GLOBS` on schema.table (a glob without a dot matches the table name)",
		ja: "データベース: schema.table がカンマ区切りの `GLOBS` に一致するテーブル・ビューだけをスキャンします（ドットのないグロブはテーブル名に一致します）",
	},
	{en: "files: the same as -exclude-paths", ja: "ファイル: -exclude-paths と同じです"},
	{
		en: "files: do not scan paths matching these comma-separated `GLOBS`, relative to the target directory (* and ? within a segment, ** across; a glob without / matches a file or directory name at any depth, such as .git or *.bak; a trailing / matches directories only); a matching directory is not entered",
		ja: "ファイル: 対象ディレクトリからの相対パスがカンマ区切りの `GLOBS` に一致するものをスキャンしません（* と ? はパスの区切りの内側、** は区切りをまたいで一致します。/ を含まないグロブは .git や *.bak のように、どの深さのファイル名・ディレクトリ名にも一致します。末尾の / はディレクトリだけに一致します）。一致したディレクトリには入りません",
	},
	{
		en: "files: follow symbolic links that lead out of the target directory (links within it are always followed; /proc, /sys, /dev and other pseudo-filesystems are never entered)",
		ja: "ファイル: 対象ディレクトリの外を指すシンボリックリンクもたどります（対象の中を指すリンクは常にたどります。/proc、/sys、/dev などの疑似ファイルシステムには入りません）",
	},
	{
		en: "files: do not enter directories on another file system than the target's, like find -xdev",
		ja: "ファイル: 対象と別のファイルシステムにあるディレクトリには入りません（find -xdev と同じです）",
	},
	{en: "S3: do not scan keys matching these comma-separated `GLOBS`", ja: "S3: カンマ区切りの `GLOBS` に一致するキーをスキャンしません"},
	{
		en: "S3: scan only keys matching these comma-separated `GLOBS` (* and ? within a segment, ** across; a glob without / matches the last segment)",
		ja: "S3: カンマ区切りの `GLOBS` に一致するキーだけをスキャンします（* と ? は区切りの内側、** は区切りをまたいで一致します。/ を含まないグロブは最後の要素に一致します）",
	},
	{en: "S3: AWS shared config `PROFILE` (default: AWS_PROFILE, else default)", ja: "S3: AWS の共有設定のプロファイル `PROFILE`（既定: AWS_PROFILE、なければ default）"},
	{en: "S3: AWS `REGION` (default: AWS_REGION or the profile's, else us-east-1)", ja: "S3: AWS のリージョン `REGION`（既定: AWS_REGION かプロファイルの設定、なければ us-east-1）"},
	{en: "S3: objects read at once", ja: "S3: 同時に読むオブジェクトの数"},
	{
		en: "S3: `URL` of an S3-compatible store (MinIO, Ceph, versitygw, Wasabi…); buckets are then addressed path-style",
		ja: "S3: S3 互換ストレージ（MinIO、Ceph、versitygw、Wasabi など）の `URL`。バケットはパス形式で指定されます",
	},
	{en: "S3: read objects up to `SIZE` in full (e.g. 100MB, 1GiB)", ja: "S3: `SIZE` までのオブジェクトは全体を読みます（例: 100MB、1GiB）"},
	{
		en: "S3: read only the first `SIZE` of larger objects, with a ranged GET (findings say so); they are recorded as read in part. 0 reads none of them: they are recorded as not read (binary content as skipped)",
		ja: "S3: それより大きいオブジェクトは範囲指定の GET で先頭の `SIZE` だけを読み（検出結果にその旨が付きます）、一部だけ読んだものとして記録します。0 なら読まずに、読めなかったものとして記録します（バイナリはスキップとして記録します）",
	},
	{
		en: "files and S3: stop reading an object whose reading takes longer than `DURATION` (time waiting for the store or for the detectors not counted); it is recorded as unread (timeout) after what was read, and the scan goes on; 0 for no limit",
		ja: "ファイルと S3: 1 つのオブジェクトの読み取りに `DURATION` より長くかかったら読むのをやめます（ストレージや検出器を待つ時間は数えません）。それまでに読んだ分は残し、読めなかったもの（タイムアウト）として記録してスキャンを続けます。0 なら上限なし",
	},
	{
		en: "a summary for people: conformance, items, findings by type and place, what was not scanned",
		ja: "人が読む要約: 方針適合性、項目、種類別・場所別の検出、スキャンしなかったもの",
	},
	{
		en: "one finding per line (while scanning: every finding, streamed; from a kept scan: the kept findings)",
		ja: "1 行に 1 件の検出結果（スキャン中はすべてを逐次出力、保存済みスキャンからは保存した検出結果）",
	},
	{en: "the whole inventory (schema: reports/ledger/SCHEMA.md)", ja: "インベントリ全体（スキーマ: reports/ledger/SCHEMA.md）"},
	{en: "the 個人情報管理台帳, one row per item and place", ja: "個人情報管理台帳。項目と保管場所ごとに 1 行"},
	{
		en: "the 個人情報管理台帳 workbook: summary, ledger, places, items not read, findings; prints on A4 landscape",
		ja: "個人情報管理台帳のブック: 概要、台帳、保管場所別、読み取れなかった項目、検出結果。A4 横で印刷できます",
	},
	{en: "one self-contained page: the inventory and the ledger", ja: "単体で開ける 1 ページ: インベントリと台帳"},
}
