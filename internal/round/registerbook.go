package round

import (
	"bytes"
	"fmt"
	"strings"

	"medround/internal/ledger"
	"medround/internal/mar"
	"medround/internal/registerpdf"
	"medround/internal/report"
)

// RegisterBooks returns registers as the book's pages (report.RegisterBook):
// the controlled drugs registers when cd (one per controlled drug on the
// chart, empty until its first receipt), else the stock record of every
// medicine on the chart whose stock is kept. residentScan names one
// resident; empty means every resident of the home, in room order.
func (s *Service) RegisterBooks(residentScan string, cd bool) ([]report.RegisterBook, error) {
	rs, err := s.residentsFor(residentScan)
	if err != nil {
		return nil, err
	}
	home, err := s.st.Home()
	if err != nil {
		return nil, fmt.Errorf("read home settings: %w", err)
	}
	loc, err := home.Location()
	if err != nil {
		return nil, err
	}
	names, err := s.staffNames()
	if err != nil {
		return nil, err
	}
	out := []report.RegisterBook{}
	for _, r := range rs {
		views, err := s.residentRegisters(r, cd)
		if err != nil {
			return nil, err
		}
		lasts, err := s.lasts(r)
		if err != nil {
			return nil, err
		}
		for _, v := range views {
			b := report.BuildRegisterBook(report.RegisterInput{Home: home.Name, Controlled: cd, Resident: r,
				Product: v.Product, Unit: v.Unit, Register: v.Register, CountOverdue: v.CountOverdue,
				Name: names, Loc: loc})
			if l, ok := lasts[v.Product.ID]; ok {
				b.DaysLeft, b.OrderNow = l.DaysLeft, l.OrderNow
			}
			out = append(out, b)
		}
	}
	return out, nil
}

// lasts is how long each product of a resident's chart lasts: the
// shortest of its entries' days left, as `stock` and the resident's page
// say it.
func (s *Service) lasts(r mar.Resident) (map[string]StockLine, error) {
	lines, err := s.Stock(r.ID)
	if err != nil {
		return nil, err
	}
	chart, err := s.st.Chart(r.ID)
	if err != nil {
		return nil, fmt.Errorf("read chart: %w", err)
	}
	productOf := map[string]string{}
	for _, e := range chart {
		productOf[e.ID] = e.ProductID
	}
	out := map[string]StockLine{}
	for _, l := range lines {
		pid := productOf[l.EntryID]
		if l.DaysLeft == nil {
			continue
		}
		if had, ok := out[pid]; !ok || *l.DaysLeft < *had.DaysLeft {
			out[pid] = l
		}
	}
	return out, nil
}

// residentsFor is the resident a scan names, or every resident of the
// home when it is empty.
func (s *Service) residentsFor(residentScan string) ([]mar.Resident, error) {
	if strings.TrimSpace(residentScan) == "" {
		all, err := s.st.Residents()
		if err != nil {
			return nil, fmt.Errorf("read residents: %w", err)
		}
		return all, nil
	}
	r, err := s.residentByScan(residentScan)
	if err != nil {
		return nil, err
	}
	return []mar.Resident{r}, nil
}

// residentRegisters are a resident's controlled drugs registers (cd), or
// the registers of every medicine on their chart with stock kept.
func (s *Service) residentRegisters(r mar.Resident, cd bool) ([]RegisterView, error) {
	if cd {
		return s.CDRegisters(r.ID, "")
	}
	var out []RegisterView
	err := s.chartRegisters(r.ID, func(p mar.Product, unit string, reg *ledger.Register) {
		if reg != nil {
			out = append(out, RegisterView{ResidentID: r.ID, Product: p, Unit: unit, Register: reg,
				Open: reg.OpenDiscrepancies()})
		}
	})
	return out, err
}

// staffNames names staff by user ID for the books: "Sam Patel", with the
// ID where two share a name, so a signature is never ambiguous.
func (s *Service) staffNames() (func(string) string, error) {
	users, err := s.staff.Users()
	if err != nil {
		return nil, fmt.Errorf("read staff: %w", err)
	}
	count := map[string]int{}
	for _, u := range users {
		count[strings.ToLower(strings.Join(strings.Fields(u.Name), " "))]++
	}
	names := map[string]string{}
	for _, u := range users {
		n := strings.TrimSpace(u.Name)
		if n == "" || count[strings.ToLower(strings.Join(strings.Fields(u.Name), " "))] > 1 {
			n = strings.TrimSpace(n + " (" + u.ID + ")")
		}
		names[u.ID] = n
	}
	return func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return id
	}, nil
}

// RegisterPDF lays out the registers RegisterBooks returns as a PDF, a
// page per register as the paper book looks. It holds personal data:
// write it with WritePrivateFile.
func (s *Service) RegisterPDF(residentScan string, cd bool) ([]byte, error) {
	books, err := s.RegisterBooks(residentScan, cd)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := registerpdf.Write(&buf, books, s.local(s.now())); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// RegisterCSV writes the same registers as one CSV table, a row per entry.
// It holds personal data: write it with WritePrivateFile.
func (s *Service) RegisterCSV(residentScan string, cd bool) ([]byte, error) {
	books, err := s.RegisterBooks(residentScan, cd)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := report.WriteRegisterCSV(&buf, books); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
