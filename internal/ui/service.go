package ui

import (
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/round"
)

// Service is everything the app asks of the medicine round. *round.Service
// is the one implementation; each screen takes only the part it uses.
type Service interface {
	signInService
	boardService
	residentService
	recordService
	historyService
	settingsService
	auditService
	followUpService
	statusService
	reviewService
	todoService
	centralService
	refusedService
	careService
	protocolService
	prnSummaryService
	doseProtocolService
	registerService
}

// homeSource gives the home's settings: its name, zone and rounds.
type homeSource interface {
	Home() (mar.Home, error)
}

// identifier tells what a scan is.
type identifier interface {
	Identify(scan string) (round.Scan, error)
}

type signInService interface {
	identifier
	Users() ([]mar.User, error)
	SignIn(userID, pin string) (*round.Session, error)
}

type boardService interface {
	homeSource
	identifier
	CurrentRound(at time.Time) (mar.Round, error)
	Board(at time.Time, roundName string) ([]round.ResidentRow, error)
}

type residentService interface {
	identifier
	ResidentView(residentID string, at time.Time) (*round.ResidentView, error)
}

type recordService interface {
	Users() ([]mar.User, error)
	CheckScan(sess *round.Session, req round.CheckRequest) (*round.Result, error)
	Record(sess *round.Session, req round.RecordRequest) (mar.Event, error)
}

type historyService interface {
	identifier
	History(residentID string, from, to time.Time) ([]round.HistoryItem, error)
	CorrectApproved(sess *round.Session, eventID uuid.UUID, reason, seniorID, seniorPIN string) (mar.Event, error)
}

type settingsService interface {
	homeSource
	PutHome(sess *round.Session, h mar.Home) error
}

type followUpService interface {
	PRNFollowUps(at time.Time) ([]round.FollowUp, error)
	RecordPRNEffect(sess *round.Session, doseID uuid.UUID, effective bool, note string) (mar.Event, error)
}

type statusService interface {
	homeSource
	PendingCount() (int, error)
}
