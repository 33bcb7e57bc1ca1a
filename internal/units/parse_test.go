package units

import "testing"

func TestParseBytes(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{in: "0", want: 0},
		{in: "1024", want: 1024},
		{in: "64MiB", want: 64 << 20},
		{in: "64M", want: 64 << 20},
		{in: "1GiB", want: 1 << 30},
		{in: "1.5 GiB", want: 3 << 29},
		{in: "100MB", want: 100_000_000},
		{in: "2kb", want: 2000},
		{in: "10 XB", wantErr: true},
		{in: "MiB", wantErr: true},
		{in: "-1", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseBytes(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestList(t *testing.T) {
	got := List(" a, ,b ,,c")
	if len(got) != 3 || got[0] != "a" || got[1] != "b" || got[2] != "c" {
		t.Errorf("List = %q", got)
	}
	if List("") != nil {
		t.Errorf("List(\"\") = %q, want nil", List(""))
	}
}
