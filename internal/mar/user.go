package mar

import "time"

// Role is what a user may do.
type Role uint8

// Roles. Persisted: append only.
const (
	RoleCarer   Role = 1
	RoleSenior  Role = 2
	RoleManager Role = 3
)

var roleNames = names[Role]{RoleCarer: "carer", RoleSenior: "senior", RoleManager: "manager"}

func (r Role) String() string                { return roleNames.format(r, "role") }
func (r Role) MarshalText() ([]byte, error)  { return []byte(r.String()), nil }
func (r *Role) UnmarshalText(b []byte) error { v, err := ParseRole(string(b)); *r = v; return err }
func ParseRole(s string) (Role, error)       { return roleNames.parse(s, "role") }
func (r Role) Valid() bool                   { return roleNames.valid(r) }

// CanWitness reports whether the role may witness a controlled drug dose.
func (r Role) CanWitness() bool { return r == RoleSenior || r == RoleManager }

// User is a member of staff who signs in to record doses.
type User struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Role Role   `json:"role"`
	// PINHash is the PIN hashed with argon2id in PHC string form; the PIN
	// itself is never stored.
	PINHash string `json:"pinHash"`
	// FailedPINs counts wrong PINs in a row; LockedUntil is set when too many.
	FailedPINs  int       `json:"failedPins,omitempty"`
	LockedUntil time.Time `json:"lockedUntil,omitzero"`
}
