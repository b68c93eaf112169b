package staff

import "medround/internal/mar"

// Action is something only some roles may do.
type Action uint8

// Actions. Not persisted.
const (
	ActRecord             Action = iota + 1 // record a dose given, refused or not given
	ActWitness                              // witness a controlled drug dose
	ActCorrect                              // correct a record without anyone's approval
	ActApproveCorrection                    // approve a care worker's correction with a PIN
	ActChangeChart                          // import residents, chart and allergies
	ActChangeSettings                       // change the home's settings
	ActManageStaff                          // add staff, change their role, name or PIN, unlock them
	ActViewAudit                            // read the audit trail
	ActRecordDischarge                      // record a resident discharged or deceased, or undo it
	ActReview                               // review missed, late, refused and overridden doses and record the follow-up
	ActStock                                // receive, count and return stock
	ActDestroy                              // destroy stock, with a second member of staff
	ActRecall                               // mark a batch recalled, or lift the recall
	ActResolveDiscrepancy                   // record what was done about a register discrepancy
	ActHomelyList                           // put a remedy on the home's homely remedies list
	ActHomelyApprove                        // record a GP's approval of a homely remedy for a resident
	ActCovertPlan                           // record a resident's covert administration plan
	ActPRNProtocol                          // write or update the protocol of a when-required medicine
)

var actionWords = map[Action]string{
	ActRecord: "record a dose", ActWitness: "witness a controlled drug",
	ActCorrect: "correct a record", ActApproveCorrection: "approve a correction",
	ActChangeChart: "change the chart", ActChangeSettings: "change the settings",
	ActManageStaff: "add or change staff", ActViewAudit: "read the audit trail",
	ActRecordDischarge: "record a discharge or death",
	ActReview:          "review the doses and record a follow-up",
	ActStock:           "receive, count or return stock", ActDestroy: "destroy stock",
	ActRecall: "mark a batch recalled", ActResolveDiscrepancy: "close a register discrepancy",
	ActHomelyList: "change the homely remedies list", ActHomelyApprove: "record a GP's homely remedy approval",
	ActCovertPlan: "record a covert plan", ActPRNProtocol: "write a PRN protocol",
}

// String says the action in a care worker's words, for messages.
func (a Action) String() string {
	if w, ok := actionWords[a]; ok {
		return w
	}
	return "this"
}

// May reports whether role r may do a. A senior or manager witnesses,
// corrects, changes the chart and reviews the doses of a shift (each a
// clinical check on someone else's work); only a manager changes settings and staff, since staff decide who
// may witness. An unknown role may do nothing.
func May(r mar.Role, a Action) bool {
	switch a {
	case ActRecord, ActStock:
		return r == mar.RoleCarer || r == mar.RoleSenior || r == mar.RoleManager
	case ActWitness, ActCorrect, ActApproveCorrection, ActChangeChart, ActRecordDischarge, ActReview, ActDestroy,
		ActHomelyApprove, ActCovertPlan, ActPRNProtocol:
		return r.CanWitness()
	case ActChangeSettings, ActManageStaff, ActViewAudit, ActRecall, ActResolveDiscrepancy, ActHomelyList:
		return r == mar.RoleManager
	}
	return false
}

// MayRecordStatus reports whether role r may change a resident's status
// from one status to another. Anyone on shift records that a resident went
// to hospital or on leave, or came back (it happens at night, and a stale
// "present" is the hazard); "discharged" and "deceased" end the resident's
// round for good, so they, and any change away from them, need a senior or
// manager.
func MayRecordStatus(r mar.Role, from, to mar.ResidentStatus) bool {
	if !May(r, ActRecord) {
		return false
	}
	final := func(s mar.ResidentStatus) bool { return s == mar.StatusDischarged || s == mar.StatusDeceased }
	if final(from) || final(to) {
		return May(r, ActRecordDischarge)
	}
	switch to {
	case mar.StatusPresent, mar.StatusHospital, mar.StatusLeave:
		return true
	}
	return false
}
