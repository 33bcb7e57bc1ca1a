package mysql

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/sqldb"
	"github.com/pmscan/pmscan/internal/testkit/dbtest"
)

// versionDatabase is the database of the version tests.
const versionDatabase = "pmscan_myversion"

// versionTarget makes versionDatabase afresh and returns the admin's URL
// of it.
func versionTarget(t *testing.T) string {
	t.Helper()
	admin := dbtest.MySQL(t, ParseURL)
	dbtest.ExecMySQL(t, admin,
		"DROP DATABASE IF EXISTS "+versionDatabase,
		"CREATE DATABASE "+versionDatabase+" DEFAULT CHARACTER SET utf8mb4")
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS " + versionDatabase) })
	u, err := url.Parse(dbtest.MySQLURL())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + versionDatabase
	return u.String()
}

// settledWait bounds the wait for a version taken in the second of a
// change (update_time is to the second) to be one taken after it.
const settledWait = 5 * time.Second

// versionOf is the version of table once it is not doubted for being
// taken in the second of a change.
func versionOf(t *testing.T, target, table string) *connectors.Version {
	t.Helper()
	deadline := time.Now().Add(settledWait)
	for {
		v := dbtest.Versions(t, open(t, target, sqldb.Options{}))[table]
		if v == nil {
			t.Fatalf("%s: no version", table)
		}
		if !strings.Contains(v.Doubt, "the second the version was taken in") || time.Now().After(deadline) {
			return v
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func fact(v *connectors.Version, name string) (string, bool) {
	for _, f := range v.Facts {
		if f.Name == name {
			return f.Value, true
		}
	}
	return "", false
}

// TestVersion: a table's version stays as it is while nothing writes to
// it, reads included, and moves with every change, in the fact that
// records it; where the server keeps no update time (a MEMORY table, an
// InnoDB table rebuilt), the checksum moves with a change of one row.
func TestVersion(t *testing.T) {
	target := versionTarget(t)
	admin := dbtest.MySQL(t, ParseURL)
	tests := []struct {
		name   string
		engine string
		change string
		moved  []string // facts that must change; none: the version must not
	}{
		{"unchanged", "InnoDB", "", nil},
		{"read", "InnoDB", "SELECT COUNT(*), MAX(name) FROM %s", nil},
		{"insert", "InnoDB", "INSERT INTO %s VALUES (4, 'Shiro', NOW(), NOW())", []string{"update_time", "table_rows"}},
		{"update", "InnoDB", "UPDATE %s SET name = 'Jiro2' WHERE id = 2", []string{"update_time"}},
		{"update of the record time", "InnoDB", "UPDATE %s SET updated_at = updated_at + INTERVAL 1 DAY WHERE id = 3", []string{"update_time", "newest_record"}},
		{"delete", "InnoDB", "DELETE FROM %s WHERE id = 1", []string{"update_time", "table_rows"}},
		// InnoDB's TRUNCATE leaves update_time as it was.
		{"truncate", "InnoDB", "TRUNCATE %s", []string{"table_rows"}},
		{"rebuilt", "InnoDB", "ALTER TABLE %s FORCE", []string{"update_time"}},
		{"memory unchanged", "MEMORY", "", nil},
		{"memory update", "MEMORY", "UPDATE %s SET name = 'Jiro2' WHERE id = 2", []string{"checksum"}},
		// A transactional Aria table's update_time moves at a checkpoint.
		{"aria update", "Aria", "UPDATE %s SET name = 'Jiro2' WHERE id = 2", []string{"checksum"}},
		{"myisam update", "MyISAM", "UPDATE %s SET name = 'Jiro2' WHERE id = 2", []string{"update_time"}},
	}
	for _, tc := range tests {
		table := versionDatabase + ".t_" + strings.ReplaceAll(tc.name, " ", "_")
		dbtest.ExecMySQL(t, admin,
			"CREATE TABLE "+table+" (id INT PRIMARY KEY, name VARCHAR(40), created_at DATETIME, updated_at DATETIME, KEY (updated_at)) ENGINE="+tc.engine,
			"INSERT INTO "+table+" VALUES (1, 'Taro', NOW(), '2024-01-01'), (2, 'Jiro', NOW(), '2024-02-01'), (3, 'Saburo', NOW(), '2024-03-01')")
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			table := "t_" + strings.ReplaceAll(tc.name, " ", "_")
			before := versionOf(t, target, table)
			if before.Doubt != "" {
				t.Fatalf("before: doubt %q", before.Doubt)
			}
			if tc.change != "" {
				dbtest.ExecMySQL(t, admin, fmt.Sprintf(tc.change, versionDatabase+"."+table))
			}
			after := versionOf(t, target, table)
			if after.Doubt != "" {
				t.Errorf("after: doubt %q", after.Doubt)
			}
			if len(tc.moved) == 0 {
				if !before.Equal(after) {
					t.Errorf("the version moved: %s", before.Changes(after))
				}
				return
			}
			for _, name := range tc.moved {
				b, _ := fact(before, name)
				a, ok := fact(after, name)
				if !ok || a == b {
					t.Errorf("%s did not move (%q → %q): %s", name, b, a, before.Changes(after))
				}
			}
		})
	}
}

// TestVersionFacts: the facts are in their order, a checksum where the
// update time is null (computed in the scan's read-only session);
// newest_record is the newest change time where an index leads with it,
// and absent where its MAX() would read every row; a view, and a version
// taken in the second of a change, are doubted.
func TestVersionFacts(t *testing.T) {
	target := versionTarget(t)
	admin := dbtest.MySQL(t, ParseURL)
	db := versionDatabase
	dbtest.ExecMySQL(t, admin,
		"CREATE TABLE "+db+".indexed (id INT PRIMARY KEY, `登録日時` DATETIME, `更新日時` DATETIME, KEY (`登録日時`), KEY (`更新日時`)) ENGINE=InnoDB",
		"INSERT INTO "+db+".indexed VALUES (1, '2020-01-01 00:00:00', '2024-05-01 12:00:00'), (2, '2021-01-01 00:00:00', NULL)",
		"CREATE TABLE "+db+".unindexed (id INT PRIMARY KEY, updated_at DATETIME) ENGINE=InnoDB",
		"INSERT INTO "+db+".unindexed VALUES (1, '2024-05-01')",
		"CREATE TABLE "+db+".memory (id INT PRIMARY KEY, email VARCHAR(80)) ENGINE=MEMORY",
		"INSERT INTO "+db+".memory VALUES (1, 'a@example.com')",
		"CREATE VIEW "+db+".a_view AS SELECT id FROM "+db+".indexed",
	)
	// Just written: the update times are of this second.
	racy := dbtest.Versions(t, open(t, target, sqldb.Options{}))["indexed"]
	if racy == nil || !strings.Contains(racy.Doubt, "the second the version was taken in") {
		t.Errorf("a version in the second of a change: %+v, want it doubted", racy)
	}
	for _, tc := range []struct {
		table  string
		facts  []string
		newest string
		doubt  string
	}{
		{"indexed", []string{"update_time", "table_rows", "newest_record", "columns"}, "2024-05-01 12:00:00", ""},
		{"unindexed", []string{"update_time", "table_rows", "columns"}, "", ""},
		{"memory", []string{"update_time", "table_rows", "checksum", "columns"}, "", ""},
		{"a_view", []string{"columns"}, "", sqldb.ViewDoubt},
	} {
		v := versionOf(t, target, tc.table)
		var names []string
		for _, f := range v.Facts {
			names = append(names, f.Name)
		}
		if strings.Join(names, " ") != strings.Join(tc.facts, " ") {
			t.Errorf("%s: facts %v, want %v", tc.table, names, tc.facts)
		}
		if got, _ := fact(v, "newest_record"); got != tc.newest {
			t.Errorf("%s: newest_record %q, want %q", tc.table, got, tc.newest)
		}
		if v.Doubt != tc.doubt {
			t.Errorf("%s: doubt %q, want %q", tc.table, v.Doubt, tc.doubt)
		}
		if racy != nil && tc.table == "indexed" && v.Equal(racy) {
			t.Errorf("a version taken after the second of the change equals the one taken in it")
		}
	}
}

// TestVersionChecksumRefused: without an update time, a table the user
// may not SELECT has no checksum either: doubted, with the server's
// reason, and its read fails as before.
func TestVersionChecksumRefused(t *testing.T) {
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	target := fixture(t)
	admin := dbtest.MySQL(t, ParseURL)
	dbtest.ExecMySQL(t, admin, "ALTER TABLE "+database+".secret FORCE")
	v := dbtest.Versions(t, open(t, target, sqldb.Options{}))["secret"]
	if v == nil || !strings.Contains(v.Doubt, "CHECKSUM TABLE failed") || !strings.Contains(v.Doubt, "denied") {
		t.Errorf("secret: version %+v, want a doubt with the refused checksum", v)
	}
	if u, _ := fact(v, "update_time"); u != "null" {
		t.Errorf("secret: update_time %q, want null after the rebuild", u)
	}
	res := dbtest.Scan(t, t.Context(), open(t, target, sqldb.Options{}))
	if p := res.ProblemFor("secret"); p == nil || !strings.Contains(p.Err.Error(), "denied") {
		t.Errorf("secret: problem %+v, want its read refused", p)
	}
}
