package detectors

import "strings"

// ValueStartsAt reports whether a value may start at group i of sp: the group
// starts the span or follows a space, and the span is not glued to a word
// before it or signed with '+' (an international phone number).
func (t *Text) ValueStartsAt(sp Span, gs []Group, i int) bool {
	if i > 0 {
		return gs[i].Sep == " "
	}
	return !sp.Plus && !t.GluedBefore(sp.Start)
}

// ValueEndsAt reports whether a value may end at group j of sp: the group
// ends the span or a space follows, and the span is not glued to what
// comes after it.
func (t *Text) ValueEndsAt(sp Span, gs []Group, j int) bool {
	if j < len(gs)-1 {
		return gs[j+1].Sep == " "
	}
	return !t.GluedAfter(sp.End)
}

// GluedBefore reports whether Norm[i:] continues a longer token: a letter,
// digit or '_' before it, an e-mail '@', or "ABC-" as in ORD-123....
func (t *Text) GluedBefore(i int) bool {
	c := t.Before(i)
	return IsWordByte(c) || c == '@' || c == '-' && IsWordByte(t.Before(i-1))
}

// GluedAfter reports whether Norm[:i] continues into a longer token: a word
// byte, '@', "-A" or ".jpg", or an amount in yen.
func (t *Text) GluedAfter(i int) bool {
	c := t.After(i)
	return IsWordByte(c) || c == '@' ||
		(c == '-' || c == '.') && IsWordByte(t.After(i+1)) ||
		strings.HasPrefix(t.Norm[i:], "円")
}
