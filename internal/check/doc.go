// Package check decides whether a dose may be given.
package check
