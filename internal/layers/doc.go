// Package layers holds the tests that keep the package map of DESIGN.md
// true: the arrows point one way, each outside dependency stays in the one
// package that owns it, and every package says its job in a doc comment.
// It has no code of its own.
package layers
