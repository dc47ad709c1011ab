package archive

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson"
)

// w40 is the week of 29 September to 3 October 2014, ending Friday 18:00
// in Paris.
var w40 = moisson.Week{
	ID:    "2014-W40",
	Start: time.Date(2014, 9, 26, 16, 0, 0, 0, time.UTC),
	End:   time.Date(2014, 10, 3, 16, 0, 0, 0, time.UTC),
}

func event(action, entry string, at time.Time) moisson.EditEvent {
	return moisson.EditEvent{At: at, Action: action, Entry: entry, By: "test"}
}

func hide(key string) func(*moisson.WeekEdits) error {
	return func(e *moisson.WeekEdits) error {
		if e.Entries == nil {
			e.Entries = map[string]moisson.EntryEdit{}
		}
		edit := e.Entries[key]
		edit.Hidden = true
		e.Entries[key] = edit
		return nil
	}
}

func TestEditsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)

	got, err := s.Edits(ctx, "2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(moisson.WeekEdits{Week: "2014-W40"}, got); diff != "" {
		t.Errorf("edits of a week never edited (-want +got):\n%s", diff)
	}

	at := day.Add(time.Hour).In(paris)
	stored, err := s.UpdateEdits(ctx, "2014-W40", event("title", "https://a.example/", at), func(e *moisson.WeekEdits) error {
		e.Entries = map[string]moisson.EntryEdit{
			"https://a.example/": {Title: "A better title", Comment: "*Read* it."},
			"https://b.example/": {}, // a zero edit is not kept
		}
		e.Order = []string{"https://b.example/", "https://a.example/"}
		e.Intro = "Hello."
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := moisson.WeekEdits{
		Week:      "2014-W40",
		Entries:   map[string]moisson.EntryEdit{"https://a.example/": {Title: "A better title", Comment: "*Read* it."}},
		Order:     []string{"https://b.example/", "https://a.example/"},
		Intro:     "Hello.",
		Version:   1,
		UpdatedAt: at.UTC(),
	}
	if diff := cmp.Diff(want, stored); diff != "" {
		t.Errorf("UpdateEdits returned (-want +got):\n%s", diff)
	}
	got, err = s.Edits(ctx, "2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Edits (-want +got):\n%s", diff)
	}
	// Another week is untouched.
	if other, err := s.Edits(ctx, "2014-W4"); err != nil || other.Version != 0 || other.Entries != nil {
		t.Errorf("Edits of 2014-W4 = %+v, %v; want none", other, err)
	}

	second, err := s.UpdateEdits(ctx, "2014-W40", event("hide", "https://b.example/", at.Add(time.Minute)), hide("https://b.example/"))
	if err != nil {
		t.Fatal(err)
	}
	if second.Version != 2 || !second.Entries["https://b.example/"].Hidden || second.Entries["https://a.example/"].Title != "A better title" {
		t.Errorf("second change = %+v", second)
	}

	weeks, err := s.WeeksEdited(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"2014-W40"}, weeks); diff != "" {
		t.Errorf("WeeksEdited (-want +got):\n%s", diff)
	}
}

func TestUpdateEditsFailedFn(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	first, err := s.UpdateEdits(ctx, "2014-W40", event("hide", "https://a.example/", day), hide("https://a.example/"))
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	_, err = s.UpdateEdits(ctx, "2014-W40", event("title", "https://a.example/", day.Add(time.Hour)), func(e *moisson.WeekEdits) error {
		// Changes made before failing must not be stored, nor reach the
		// stored map through a shared reference.
		e.Entries["https://a.example/"] = moisson.EntryEdit{Title: "half done"}
		e.Intro = "half done"
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("UpdateEdits with a failing fn = %v, want boom", err)
	}
	got, err := s.Edits(ctx, "2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, got); diff != "" {
		t.Errorf("edits after a failed change (-want +got):\n%s", diff)
	}
	log, err := s.EditLog(ctx, "2014-W40", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 1 || log[0].Action != "hide" {
		t.Errorf("edit log after a failed change = %+v, want the hide alone", log)
	}
	// The undo history holds only the first change.
	if _, err := s.UndoEdits(ctx, "2014-W40", moisson.EditEvent{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UndoEdits(ctx, "2014-W40", moisson.EditEvent{}); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("second undo = %v, want ErrNothingToUndo", err)
	}
}

func TestUndoEdits(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if _, err := s.UndoEdits(ctx, "2014-W40", moisson.EditEvent{}); !errors.Is(err, moisson.ErrNotFound) || !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("undo of a week never edited = %v, want ErrNothingToUndo and moisson.ErrNotFound", err)
	}
	var versions []moisson.WeekEdits
	for i, title := range []string{"one", "two", "three"} {
		e, err := s.UpdateEdits(ctx, "2014-W40", event("title", "k", day.Add(time.Duration(i)*time.Minute)), func(e *moisson.WeekEdits) error {
			e.Entries = map[string]moisson.EntryEdit{"k": {Title: title}}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		versions = append(versions, e)
	}
	for i, v := range versions {
		if v.Version != i+1 || v.Entries["k"].Title != []string{"one", "two", "three"}[i] {
			t.Errorf("edit %d saved as %+v, want version %d", i+1, v, i+1)
		}
	}
	// A change to another week must not be undone by undoing this one.
	if _, err := s.UpdateEdits(ctx, "2014-W41", event("intro", "", day), func(e *moisson.WeekEdits) error { e.Intro = "other"; return nil }); err != nil {
		t.Fatal(err)
	}

	undoAt := day.Add(time.Hour)
	got, err := s.UndoEdits(ctx, "2014-W40", moisson.EditEvent{At: undoAt, By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Entries["k"].Title != "two" || got.Version != 4 || !got.UpdatedAt.Equal(undoAt) {
		t.Errorf("after one undo: %+v, want title two, version 4", got)
	}
	got, err = s.UndoEdits(ctx, "2014-W40", moisson.EditEvent{At: undoAt})
	if err != nil {
		t.Fatal(err)
	}
	if got.Entries["k"].Title != "one" {
		t.Errorf("after two undos: %+v, want title one", got)
	}
	got, err = s.UndoEdits(ctx, "2014-W40", moisson.EditEvent{At: undoAt})
	if err != nil {
		t.Fatal(err)
	}
	if got.Entries != nil || got.Version != 6 {
		t.Errorf("after three undos: %+v, want no entry edit, version 6", got)
	}
	if _, err := s.UndoEdits(ctx, "2014-W40", moisson.EditEvent{At: undoAt}); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("fourth undo = %v, want ErrNothingToUndo", err)
	}
	if other, err := s.Edits(ctx, "2014-W41"); err != nil || other.Intro != "other" {
		t.Errorf("2014-W41 = %+v, %v; want its intro kept", other, err)
	}
	log, err := s.EditLog(ctx, "2014-W40", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || log[0].Action != "undo" || log[0].Week != "2014-W40" || log[0].By != "" {
		t.Errorf("edit log = %+v, want two undo events", log)
	}
}

func TestUndoHistoryBound(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	n := MaxUndo + 20
	for i := range n {
		_, err := s.UpdateEdits(ctx, "2014-W40", event("intro", "", day), func(e *moisson.WeekEdits) error {
			e.Intro = time.Duration(i).String()
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	undone := 0
	for {
		_, err := s.UndoEdits(ctx, "2014-W40", moisson.EditEvent{At: day})
		if errors.Is(err, ErrNothingToUndo) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if undone++; undone > n {
			t.Fatal("undo never runs out")
		}
	}
	if undone != MaxUndo {
		t.Errorf("%d undos possible after %d changes, want %d", undone, n, MaxUndo)
	}
	got, err := s.Edits(ctx, "2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	// The oldest version kept is the one before the 101st change from
	// the end: the intro of change n-MaxUndo-1.
	if want := time.Duration(n - MaxUndo - 1).String(); got.Intro != want {
		t.Errorf("intro after undoing everything = %q, want %q", got.Intro, want)
	}
}

func TestEditLogOrder(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	actions := []string{"hide", "title", "lead", "category", "comment"}
	for i, a := range actions {
		if _, err := s.UpdateEdits(ctx, "2014-W40", event(a, "k", day.Add(time.Duration(i)*time.Minute)), nil); err != nil {
			t.Fatal(err)
		}
		// Interleaved changes to a week whose id is a prefix of this one.
		if _, err := s.UpdateEdits(ctx, "2014-W4", event("other", "k", day), nil); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		limit int
		want  []string
	}{
		{0, []string{"comment", "category", "lead", "title", "hide"}},
		{2, []string{"comment", "category"}},
		{10, []string{"comment", "category", "lead", "title", "hide"}},
	}
	for _, tc := range tests {
		log, err := s.EditLog(ctx, "2014-W40", tc.limit)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ev := range log {
			if ev.Week != "2014-W40" {
				t.Errorf("event of week %q in the log of 2014-W40", ev.Week)
			}
			got = append(got, ev.Action)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("EditLog(limit %d) (-want +got):\n%s", tc.limit, diff)
		}
	}
	if log, err := s.EditLog(ctx, "2099-W01", 0); err != nil || len(log) != 0 {
		t.Errorf("EditLog of a week never edited = %v, %v", log, err)
	}
}

func TestEditsSurviveReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "moisson.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.UpdateEdits(ctx, "2014-W40", event("hide", "https://a.example/", day), hide("https://a.example/"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddHandLink(ctx, w40, "https://added.example/post", "Go", "Worth it.", day, moisson.EditEvent{At: day}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	}()
	got, err := s.Edits(ctx, "2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Entries["https://a.example/"].Hidden || got.Entries["https://added.example/post"].Comment != "Worth it." || got.Version != want.Version+1 {
		t.Errorf("edits after reopening = %+v", got)
	}
	if log, err := s.EditLog(ctx, "2014-W40", 0); err != nil || len(log) != 2 {
		t.Errorf("edit log after reopening = %+v, %v", log, err)
	}
	// Undo still works: it takes back the added link and its post.
	if _, err := s.UndoEdits(ctx, "2014-W40", moisson.EditEvent{At: day}); err != nil {
		t.Fatal(err)
	}
	links, err := s.Links(ctx, w40.Start, w40.End)
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != 0 {
		t.Errorf("links after undoing the add = %v, want none", urlsOf(links))
	}
}

func TestAddHandLink(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	mustSave(t, s, post("1", w40.Start.Add(time.Hour), "https://shared.example/"))

	// Added after the week's end: dated at its last second, so listed last.
	late := w40.End.Add(48 * time.Hour)
	ev := moisson.EditEvent{At: late, By: "page 127.0.0.1"}
	if err := s.AddHandLink(ctx, w40, " https://added.example/a ", "Bases de données", "Un *bon* article.", late, ev); err != nil {
		t.Fatal(err)
	}
	// Added before the week's start: dated at its first instant.
	if err := s.AddHandLink(ctx, w40, "https://added.example/b", "", "", w40.Start.Add(-time.Hour), ev); err != nil {
		t.Fatal(err)
	}

	links, err := s.Links(ctx, w40.Start, w40.End)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"https://added.example/b", "https://shared.example/", "https://added.example/a"}, urlsOf(links)); diff != "" {
		t.Errorf("week's links (-want +got):\n%s", diff)
	}
	added := links[2]
	if !added.PostedAt.Equal(w40.End.Add(-time.Second)) || added.PostKey != moisson.HandSource+"/"+HandPostID("2014-W40", "https://added.example/a") {
		t.Errorf("added link = %+v", added)
	}
	// The link is pending scraping, like any other.
	pending, err := s.Pending(ctx, time.Time{}, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 3 {
		t.Errorf("pending = %v, want the three links", urlsOf(pending))
	}

	e, err := s.Edits(ctx, "2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]moisson.EntryEdit{"https://added.example/a": {Category: "Bases de données", Comment: "Un *bon* article."}}
	if diff := cmp.Diff(want, e.Entries); diff != "" {
		t.Errorf("entry edits (-want +got):\n%s", diff)
	}
	log, err := s.EditLog(ctx, "2014-W40", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || log[1].Action != "add" || log[1].Entry != "https://added.example/a" || log[1].By != "page 127.0.0.1" {
		t.Errorf("edit log = %+v", log)
	}

	// The same link again: no second post.
	if err := s.AddHandLink(ctx, w40, "https://added.example/a", "", "", late, ev); err != nil {
		t.Fatal(err)
	}
	if links, err := s.Links(ctx, w40.Start, w40.End); err != nil || len(links) != 3 {
		t.Errorf("links after adding a link twice = %v, %v", urlsOf(links), err)
	}
	// Undoing that second add keeps the post: it was not new.
	if _, err := s.UndoEdits(ctx, "2014-W40", moisson.EditEvent{At: late}); err != nil {
		t.Fatal(err)
	}
	if links, err := s.Links(ctx, w40.Start, w40.End); err != nil || len(links) != 3 {
		t.Errorf("links after undoing the second add = %v, %v", urlsOf(links), err)
	}

	for _, bad := range []string{"", "ftp://a.example/", "https://x.com/a/status/1", "not a url"} {
		if err := s.AddHandLink(ctx, w40, bad, "", "", late, ev); err == nil {
			t.Errorf("AddHandLink(%q) = nil, want an error", bad)
		}
	}
}

func TestEditsBadWeek(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	for _, week := range []string{"", "2014\x00W40"} {
		if _, err := s.UpdateEdits(ctx, week, moisson.EditEvent{}, nil); err == nil {
			t.Errorf("UpdateEdits(%q) = nil, want an error", week)
		}
	}
}
