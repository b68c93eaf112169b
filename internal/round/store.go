package round

import "medround/internal/store"

// Store is the store under the round, for the app's sync loop alone: sync
// moves records and chart changes between stores below the round's rules
// (medroundctl sync opens the store itself), and the app cannot open the
// database a second time while the round holds it.
func (s *Service) Store() *store.Store { return s.st }
