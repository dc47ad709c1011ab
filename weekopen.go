package moisson

import (
	"errors"
	"fmt"
	"time"
)

// ErrWeekOpen is what a *WeekOpenError is (errors.Is): a week was to be
// published before its cutoff without being asked to close it early.
var ErrWeekOpen = errors.New("the week is still open")

// WeekOpenError is returned when publishing a week whose cutoff is still
// ahead was not asked to close the week early. The page and the command
// line ask the author "the week closes Fri 18:00; publish now and close
// it?" from it.
type WeekOpenError struct {
	// Week is the ISO week, "2014-W40".
	Week string
	// Cutoff is when the week closes by itself.
	Cutoff time.Time
}

func (e *WeekOpenError) Error() string {
	return fmt.Sprintf("week %s is still open: it closes %s", e.Week, e.Cutoff.Format("Mon 2 Jan 2006 15:04 MST"))
}

// Is makes errors.Is(err, ErrWeekOpen) true.
func (e *WeekOpenError) Is(target error) bool { return target == ErrWeekOpen }
