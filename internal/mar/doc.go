// Package mar is the domain model of the medication administration record
// (MAR): residents, products, chart entries, allergies, users and the
// administration events recorded against them.
//
// It has no I/O. Every persisted enumeration has explicit values that are only
// ever appended to, because they are stored on tablets and sent to the central
// record: renumbering one would silently change what old records mean.
package mar
