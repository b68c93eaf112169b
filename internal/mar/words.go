package mar

import (
	"fmt"
	"strings"
)

// measures are unit abbreviations that take no plural s.
var measures = map[string]bool{"mg": true, "mcg": true, "ug": true, "g": true, "kg": true, "ml": true,
	"l": true, "mmol": true, "iu": true}

// Amount writes an amount for a care worker, with a plural for a counted
// unit ("8 tablets", "2 puffs") but not for a measure ("10 mL"), a unit
// already plural, or one written in capitals as a code.
func Amount(v float64, unit string) string {
	u := strings.TrimSpace(unit)
	word := strings.Trim(u, "{}")
	if v != 1 && len(word) > 2 && !strings.HasSuffix(word, "s") && !measures[strings.ToLower(word)] &&
		strings.ToLower(word) == word {
		u = word + "s"
		if strings.HasSuffix(word, "ch") || strings.HasSuffix(word, "sh") || strings.HasSuffix(word, "x") {
			u = word + "es" // patches, not patchs
		}
	}
	return strings.TrimSpace(fmt.Sprintf("%g %s", v, u))
}

// DoseText is the prescribed dose as a care worker reads it: "1 tablet",
// or "1 to 2 tablets" for a range.
func (e ChartEntry) DoseText() string {
	if e.DoseLow > 0 && e.DoseHigh > e.DoseLow {
		return fmt.Sprintf("%g to %s", e.DoseLow, Amount(e.DoseHigh, e.Dose.Unit))
	}
	return Amount(e.Dose.Value, e.Dose.Unit)
}

// MilligramText writes milligrams of an ingredient, in grams from a gram
// up: "500 mg", "4 g", "4.5 g".
func MilligramText(mg float64) string {
	if mg >= 1000 {
		return trimFloat(mg/1000) + " g"
	}
	return trimFloat(mg) + " mg"
}

func trimFloat(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", v), "0"), ".")
}
