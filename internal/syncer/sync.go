package syncer

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/store"
)

// Result is what one sync did.
type Result struct {
	Pushed    int `json:"pushed"`    // events the centre stored or already held
	Conflicts int `json:"conflicts"` // events the centre kept aside: same UUID, other content
	// Refused is how many events the centre refused are kept aside on
	// this tablet, not sent again (store.Refused lists them, with why).
	Refused int    `json:"refused"`
	Pulled  int    `json:"pulled"`  // other tablets' events new to this one
	Changes int    `json:"changes"` // chart, staff and settings changes applied
	Queued  int    `json:"queued"`  // events still waiting to be sent
	Cursor  uint64 `json:"cursor"`  // the last change applied
}

// Sync pushes the outbox, then pulls. Whatever fails, what was acknowledged
// stays acknowledged and the rest stays queued; Queued is filled in on
// every return the store can answer.
func (c *Client) Sync(ctx context.Context, st *store.Store) (Result, error) {
	var r Result
	err := c.Push(ctx, st, &r)
	// A push the centre refused (one record it will not take) must not cut
	// this tablet off from the others' doses: pull anyway, unless the
	// centre cannot be reached or no longer knows the tablet.
	if err == nil || (!errors.Is(err, ErrUnreachable) && !errors.Is(err, ErrNotEnrolled) && ctx.Err() == nil) {
		err = errors.Join(err, c.Pull(ctx, st, &r))
	}
	if n, qerr := st.PendingCount(); qerr == nil {
		r.Queued = n
	}
	if n, rerr := st.RefusedCount(); rerr == nil {
		r.Refused = n
	}
	if cur, cerr := st.SyncCursor(); cerr == nil {
		r.Cursor = cur
	}
	return r, err
}

// Push sends the outbox in batches, oldest first, acknowledging each batch
// in the store only after the centre answered for it. An event the centre
// refused is kept aside (store.Refuse) and the push goes on with what is
// behind it: one record the centre will not take must not keep the rest,
// and so the other tablets' view of this one's doses, waiting.
func (c *Client) Push(ctx context.Context, st *store.Store, r *Result) error {
	for {
		batch, err := st.Pending(protocol.MaxBatchEvents)
		if err != nil {
			return fmt.Errorf("push: %w", err)
		}
		if len(batch) == 0 {
			return nil
		}
		var resp protocol.PushResponse
		if err := c.post(ctx, protocol.PathPush, true, protocol.PushRequest{Version: protocol.Version, Events: batch}, &resp); err != nil {
			return fmt.Errorf("push: %w", err)
		}
		acked, refused, err := answered(batch, resp, r)
		if err != nil {
			return fmt.Errorf("push: %w", err)
		}
		if err := st.Refuse(refused...); err != nil {
			return fmt.Errorf("push: %w", err)
		}
		// A conflict is acknowledged too: the centre keeps this copy aside
		// and reports it, and sending it again would change nothing.
		if err := st.Ack(acked...); err != nil {
			return fmt.Errorf("push: %w", err)
		}
	}
}

// answered reads the centre's answer to a batch: the events to
// acknowledge and those it refused. An answer that does not match the
// batch, event for event, leaves all of it queued.
func answered(batch []mar.Event, resp protocol.PushResponse, r *Result) ([]uuid.UUID, []store.Refusal, error) {
	if err := protocol.CheckVersion(resp.Version); err != nil {
		return nil, nil, err
	}
	if len(resp.Acks) != len(batch) {
		return nil, nil, fmt.Errorf("the centre acknowledged %d of %d events; all stay queued", len(resp.Acks), len(batch))
	}
	var acked []uuid.UUID
	var refused []store.Refusal
	for i, a := range resp.Acks {
		if a.ID != batch[i].ID || !a.Status.Valid() {
			return nil, nil, fmt.Errorf("acknowledgement %d does not match the event sent; all stay queued", i+1)
		}
		switch a.Status {
		case protocol.AckRefused:
			refused = append(refused, store.Refusal{ID: a.ID, Reason: a.Reason})
		case protocol.AckConflict:
			r.Conflicts++
			acked = append(acked, a.ID)
		default:
			r.Pushed++
			acked = append(acked, a.ID)
		}
	}
	return acked, refused, nil
}

// Pull fetches changes after the stored cursor and applies each page with
// its cursor in one transaction, until the centre has no more.
func (c *Client) Pull(ctx context.Context, st *store.Store, r *Result) error {
	for {
		cursor, err := st.SyncCursor()
		if err != nil {
			return fmt.Errorf("pull: %w", err)
		}
		var resp protocol.PullResponse
		if err := c.post(ctx, protocol.PathPull, true, protocol.PullRequest{Version: protocol.Version, Cursor: cursor}, &resp); err != nil {
			return fmt.Errorf("pull: %w", err)
		}
		if err := resp.Validate(cursor); err != nil {
			return fmt.Errorf("pull: %w", err)
		}
		sum, err := Apply(st, resp.Changes, resp.Next)
		if err != nil {
			return fmt.Errorf("pull: %w", err)
		}
		r.Pulled += sum.Events
		r.Changes += sum.Charts + sum.Users + sum.Homes
		if !resp.More || resp.Next == cursor {
			return nil
		}
	}
}

// Apply applies changes of the central record, and the cursor after them,
// to a tablet store in one transaction. The centre's own copy of each
// home, which it finds incidents in, is kept by the same call, so it holds
// the chart exactly as the tablets do.
func Apply(st *store.Store, changes []protocol.Change, next uint64) (store.PulledSummary, error) {
	out := make([]store.PulledChange, len(changes))
	for i, ch := range changes {
		if err := ch.Validate(); err != nil {
			return store.PulledSummary{}, err
		}
		out[i] = toStore(ch)
	}
	return st.ApplyPulled(out, next)
}

func toStore(c protocol.Change) store.PulledChange {
	var p store.PulledChange
	switch c.Kind {
	case protocol.ChangeEvent:
		p.Event = c.Event
	case protocol.ChangeChart:
		u := store.ChartUpdate{Residents: c.Chart.Residents, Products: c.Chart.Products,
			Entries: c.Chart.Entries, Allergies: c.Chart.Allergies, At: c.Chart.At}
		p.Chart = &u
	case protocol.ChangeUser:
		p.User = c.User
	case protocol.ChangeHome:
		p.Home = c.Home
	}
	return p
}
