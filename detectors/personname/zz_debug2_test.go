package personname

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"github.com/ikawaha/kagome-dict/ipa"
)

func TestZZShape(t *testing.T) {
	d := ipa.DictShrink()
	for _, w := range strings.Fields(os.Getenv("ZW")) {
		fmt.Print(w, " ")
		for _, id := range d.Index.Search(w) {
			pos := d.POSTable.POSs[id]
			var names []string
			for _, x := range pos { names = append(names, d.POSTable.NameList[x]) }
			fmt.Print(names, " ")
		}
		fmt.Println(lex().given[w], lex().surnames[w])
	}
}
