package main

import (
	"fmt"
	"text/tabwriter"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/staff"
)

const userUsage = "usage: user add --id ID --name NAME --role carer|senior|manager --pin PIN [--by MANAGER --by-pin PIN]" +
	" | user change ID [--name NAME] [--role ROLE] [--pin NEWPIN] [--unlock] --by ID --by-pin PIN | user list"

func runUser(a *app, args []string) error {
	fs := a.flags("user")
	id := fs.String("id", "", "user ID (also the staff badge code after STAFF:)")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "", "carer, senior or manager")
	pin := a.pinFlag(fs, "pin", "MEDROUND_PIN", "the user's (new) PIN, 4 to 12 digits")
	unlock := fs.Bool("unlock", false, "change: lift a lock after wrong PINs")
	by := fs.String("by", "", "the manager making the change (not needed for a home's first user)")
	byPIN := a.pinFlag(fs, "by-pin", "MEDROUND_BY_PIN", "the manager's PIN")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 1 && pos[0] == "list":
		return a.listUsers()
	case len(pos) == 1 && pos[0] == "add":
		return a.addUser(*id, *name, *role, pin, *by, byPIN)
	case len(pos) == 2 && pos[0] == "change":
		return a.changeUser(pos[1], *name, *role, pin, *unlock, *by, byPIN)
	}
	return usageError{userUsage}
}

// signInBy signs in the person making a staff change, when one is named.
func (a *app) signInBy(by string, byPIN *pinFlag) (*round.Session, error) {
	if by == "" {
		return nil, nil
	}
	return a.signIn(by, byPIN)
}

func (a *app) addUser(id, name, roleName string, pin *pinFlag, by string, byPIN *pinFlag) error {
	r, err := mar.ParseRole(roleName)
	if err != nil {
		return usageError{err.Error()}
	}
	svc, err := a.open(readWrite)
	if err != nil {
		return err
	}
	sess, err := a.signInBy(by, byPIN)
	if err != nil {
		return err
	}
	newPIN, err := pin.require(a)
	if err != nil {
		return err
	}
	u, err := svc.AddUser(sess, id, name, r, newPIN)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "added %s (%s)\n", u.ID, u.Role)
	return nil
}

func (a *app) changeUser(id, name, roleName string, pin *pinFlag, unlock bool, by string, byPIN *pinFlag) error {
	c := staff.Change{Name: name, Unlock: unlock}
	if roleName != "" {
		r, err := mar.ParseRole(roleName)
		if err != nil {
			return usageError{err.Error()}
		}
		c.Role = r
	}
	if by == "" {
		return usagef("user change: --by is required: the manager making the change, or the user changing their own PIN")
	}
	svc, err := a.open(readWrite)
	if err != nil {
		return err
	}
	sess, err := a.signIn(by, byPIN)
	if err != nil {
		return err
	}
	if c.PIN, err = pin.get(a); err != nil {
		return err
	}
	u, err := svc.ChangeUser(sess, id, c)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "changed %s (%s)\n", u.ID, u.Role)
	return nil
}

func (a *app) listUsers() error {
	svc, err := a.open(readOnly)
	if err != nil {
		return err
	}
	users, err := svc.Users()
	if err != nil {
		return err
	}
	now := svc.Now()
	if a.json {
		type row struct {
			ID, Name string
			Role     mar.Role
			Locked   bool
		}
		out := []row{}
		for _, u := range users {
			out = append(out, row{u.ID, u.Name, u.Role, now.Before(u.LockedUntil)})
		}
		return a.printJSON(out)
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tNAME\tROLE")
	for _, u := range users {
		fmt.Fprintf(w, "%s\t%s\t%s\n", u.ID, u.Name, u.Role)
	}
	return w.Flush()
}
