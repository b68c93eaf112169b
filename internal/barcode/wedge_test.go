package barcode

import (
	"testing"
	"time"
)

// key is one keystroke: a rune and the pause before it.
type key struct {
	r   rune
	gap time.Duration
}

// typed turns text into keystrokes with the same pause before each.
func typed(s string, gap time.Duration) []key {
	var ks []key
	for _, r := range s {
		ks = append(ks, key{r, gap})
	}
	return ks
}

func join(parts ...[]key) []key {
	var ks []key
	for _, p := range parts {
		ks = append(ks, p...)
	}
	return ks
}

func TestWedge(t *testing.T) {
	const ms = time.Millisecond
	tests := []struct {
		name   string
		w      Wedge
		keys   []key
		want   string
		isScan bool
	}{
		{name: "scanner types FMD code and Enter", keys: join(typed("]d20105012345678900", 4*ms), typed("\r", 5*ms)),
			want: "]d20105012345678900", isScan: true},
		{name: "scanner ends with Return (LF)", keys: join(typed("R1234", 8*ms), typed("\n", 8*ms)), want: "R1234", isScan: true},
		{name: "scanner ends with Tab", keys: join(typed("9434765919", 10*ms), typed("\t", 10*ms)), want: "9434765919", isScan: true},
		{name: "scanner sends CR LF suffix", keys: join(typed("R1234", 3*ms), typed("\r\n", 3*ms)), want: "R1234", isScan: true},
		{name: "GS1 separator sent as configured substitute", w: Wedge{GSSubstitute: "~"},
			keys: join(typed("0105012345678900"+"10AB~21X1", 3*ms), typed("\r", 3*ms)), want: "0105012345678900" + "10AB\x1d21X1", isScan: true},
		{name: "GS1 separator sent as ASCII 29 passes through", keys: join(typed("10AB\x1d21X1", 3*ms), typed("\r", 3*ms)),
			want: "10AB\x1d21X1", isScan: true},
		{name: "person types a note and presses Enter", keys: join(typed("refused", 180*ms), typed("\r", 300*ms))},
		{name: "fast typist still slower than a scanner", keys: join(typed("9434765919", 70*ms), typed("\r", 90*ms))},
		{name: "person types then a scan follows: only the scan counts",
			keys: join(typed("abc", 200*ms), typed("R5678", 400*ms)[:1], typed("5678", 5*ms), typed("\r", 5*ms)), want: "R5678", isScan: true},
		{name: "two keys fast is key rollover, not a scan", keys: join(typed("ab", 10*ms), typed("\r", 10*ms))},
		{name: "Enter long after a scan burst is a person's Enter", keys: join(typed("R1234", 5*ms), typed("\r", 2*time.Second))},
		{name: "clock stepping backwards is a pause", keys: join(typed("R12", 5*ms), []key{{'3', -time.Second}}, typed("4\r", 5*ms))},
		{name: "slower scanner tuned by MaxGap", w: Wedge{MaxGap: 120 * ms}, keys: join(typed("R1234", 90*ms), typed("\r", 90*ms)),
			want: "R1234", isScan: true},
		{name: "short codes allowed by MinLength", w: Wedge{MinLength: 2}, keys: join(typed("R1", 5*ms), typed("\r", 5*ms)), want: "R1", isScan: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := time.Date(2026, 3, 29, 0, 59, 0, 0, time.UTC)
			w := tt.w
			var got Burst
			var ok bool
			for _, k := range tt.keys {
				at = at.Add(k.gap)
				if b, done := w.Key(k.r, at); done {
					got, ok = b, true
				}
			}
			if ok != tt.isScan || got.Text != tt.want {
				t.Errorf("burst = %q, %v; want %q, %v", got.Text, ok, tt.want, tt.isScan)
			}
		})
	}
}

func TestWedgeIdle(t *testing.T) {
	at := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	var w Wedge
	for _, r := range "R1234" {
		at = at.Add(3 * time.Millisecond)
		w.Key(r, at)
	}
	if _, ok := w.Idle(at.Add(10 * time.Millisecond)); ok {
		t.Fatal("Idle 10 ms after the last key ended the burst; the scanner may still be typing")
	}
	b, ok := w.Idle(at.Add(100 * time.Millisecond))
	if !ok || b.Text != "R1234" || b.Keys != 5 || b.Duration != 12*time.Millisecond {
		t.Fatalf("Idle = %+v, %v; want R1234 over 12ms", b, ok)
	}
	if _, ok := w.Idle(at.Add(200 * time.Millisecond)); ok {
		t.Fatal("Idle returned the same burst twice")
	}
}

func FuzzWedge(f *testing.F) {
	f.Add([]byte("]d2010501234567890017270100\r"), []byte{3, 3, 3, 3, 200, 3})
	f.Add([]byte("R1234\t"), []byte{0, 60, 1})
	f.Fuzz(func(t *testing.T, text, gaps []byte) {
		w := Wedge{GSSubstitute: "~"}
		at := time.Unix(0, 0)
		for i, r := range string(text) {
			if len(gaps) > 0 {
				at = at.Add(time.Duration(gaps[i%len(gaps)]) * time.Millisecond)
			}
			b, ok := w.Key(r, at)
			if !ok {
				continue
			}
			if b.Keys < DefaultMinLength || b.Duration < 0 || b.Duration > time.Duration(b.Keys)*DefaultMaxGap {
				t.Fatalf("burst %+v breaks the timing rules", b)
			}
			for _, c := range b.Text {
				if c == '\r' || c == '\n' || c == '\t' || c == '~' {
					t.Fatalf("burst text %q not normalised", b.Text)
				}
			}
		}
	})
}
