package ledger

import (
	"fmt"

	"medround/internal/mar"
)

// Words say what a discrepancy found, for a register a manager reads:
// "counted 3 patches where the register held 4". unit is the register's.
func (d Discrepancy) Words(unit string) string {
	switch d.Why {
	case CountDiffers:
		return fmt.Sprintf("counted %s where the register held %s", mar.Amount(d.Found, unit), mar.Amount(d.Expected, unit))
	case NotCovered:
		return fmt.Sprintf("a dose was given that the register could not cover: it held %s, then %s",
			mar.Amount(d.Expected, unit), mar.Amount(d.Found, unit))
	case BelowZero:
		return fmt.Sprintf("the register went below zero: from %s to %s", mar.Amount(d.Expected, unit), mar.Amount(d.Found, unit))
	}
	return fmt.Sprintf("%s: the register held %s, then %s", d.Why, mar.Amount(d.Expected, unit), mar.Amount(d.Found, unit))
}
