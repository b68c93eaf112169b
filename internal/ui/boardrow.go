package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
)

// boardRow is one resident's line on the round; the board reuses a page's
// worth of them.
type boardRow struct {
	app       *App
	id        string
	avatar    *avatar
	title     *widget.Label
	counts    *widget.Label
	allergies *fyne.Container
	allergyTx *bandText
	away      *fyne.Container
	awayText  *bandText
	overdue   *fyne.Container
	overdueTx *bandText
	runsOut   *fyne.Container
	runsOutTx *bandText
	button    *widget.Button
	box       *fyne.Container
}

func newBoardRow(a *App) *boardRow {
	r := &boardRow{app: a, avatar: newAvatar(60)}
	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.title.SizeName = theme.SizeNameSubHeadingText
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.counts = widget.NewLabel("")
	r.allergyTx = bandChip(toneStop, "")
	r.allergies = band(toneStop, container.NewHBox(bandIcon(toneStop, theme.WarningIcon()), r.allergyTx))
	r.awayText = bandChip(toneNotes, "")
	r.away = band(toneNotes, r.awayText)
	r.overdueTx = bandChip(toneWarn, "")
	r.overdue = band(toneWarn, r.overdueTx)
	r.runsOut, r.runsOutTx = newRunsOutChip()
	flags := container.NewHBox(r.runsOut, r.overdue, r.away, r.allergies)
	text := container.NewVBox(r.title, r.counts)
	content := container.NewBorder(nil, nil, container.NewCenter(r.avatar.box), container.NewCenter(flags), text)
	r.button, r.box = tapRow(content, a.act(func() { a.openResident(r.id, "") }))
	return r
}

func (r *boardRow) set(row round.ResidentRow) {
	res := row.Resident
	r.id = res.ID
	r.avatar.set(res.Name())
	room := res.Room
	if room == "" {
		room = "no room"
	}
	r.title.SetText(fmt.Sprintf("Room %s  ·  %s", room, res.Name()))
	r.counts.SetText(countsText(row))
	r.allergyTx.SetText("Allergies: " + strings.Join(row.Allergies, ", "))
	r.allergies.Hidden = !row.HasAllergies
	r.awayText.SetText(awayText(res.Status))
	r.away.Hidden = !res.Status.Away()
	r.overdueTx.SetText(fmt.Sprintf("%d overdue", row.Overdue))
	r.overdue.Hidden = row.Overdue == 0
	r.box.Refresh()
}

func countsText(row round.ResidentRow) string {
	if row.Due == 0 {
		return "Nothing due this round"
	}
	left := row.Due - row.Done
	if left == 0 {
		return fmt.Sprintf("All %d done", row.Due)
	}
	return fmt.Sprintf("%d due · %d done · %d to do", row.Due, row.Done, left)
}

// awayText says where a resident who is not in the home is.
func awayText(s mar.ResidentStatus) string {
	switch s {
	case mar.StatusHospital:
		return "Away: in hospital"
	case mar.StatusLeave:
		return "Away: on leave"
	case mar.StatusPresent:
		return ""
	}
	return "Away: " + s.String()
}
