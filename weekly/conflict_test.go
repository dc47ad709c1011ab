package weekly

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/review"
)

// handEdit replaces each old with its new in the week's post file, as an
// author editing it in their editor; it fails when old is not there.
func handEdit(t *testing.T, s *Service, w moisson.Week, pairs ...string) string {
	t.Helper()
	pub, err := s.Store.Publication(context.Background(), w.ID)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(s.BlogDir, pub.Path)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(text, pairs[i]) {
			t.Fatalf("the post has no %q:\n%s", pairs[i], text)
		}
		text = strings.Replace(text, pairs[i], pairs[i+1], 1)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return text
}

func logActions(t *testing.T, s *Service, w moisson.Week) []string {
	t.Helper()
	evs, err := s.Store.EditLog(context.Background(), w.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var acts []string
	for _, ev := range evs {
		acts = append(acts, ev.Action)
	}
	return acts
}

// A post file edited by hand is not overwritten, publishing it is
// refused (and not logged as a publication), the page gets the diff, and
// "keep the file" turns what the author changed into the week's edits:
// the post written from them is the author's file, byte for byte, and
// survives the next regeneration.
func TestKeepHandEditedFileReadsItBackIntoEdits(t *testing.T) {
	for _, style := range []digest.Style{digest.StyleDefinition, digest.StyleBold, digest.StyleQuote} {
		bold := style == digest.StyleBold
		t.Run(string(style), func(t *testing.T) {
			ctx := context.Background()
			s, w, urls := curatedWeek(t)
			s.Mode = Mode{Review: true}
			s.Digest.Style = style
			edit(t, s, w, review.Change{Action: "comment", Entry: urls[2], Value: "An old comment."})
			if err := s.PublishDue(ctx, w); err != nil {
				t.Fatal(err)
			}
			orig := readPost(t, s, w)
			lead := "\n: The lead of the Go page."
			switch style {
			case digest.StyleBold:
				lead = "  \nThe lead of the Go page."
			case digest.StyleQuote:
				lead = "> The lead of the Go page."
			}
			mine := handEdit(t, s, w,
				"La moisson de liens pour la semaine", "Une moisson choisie à la main, pour la semaine",
				"[Title SSL]", "[Universal SSL \\[2014\\], by hand]",
				"The lead of the SSL page.", "My own lead & summary.",
				lead, lead+"\n\n  A comment written in the file.",
				"### Go", "### Langages",
			)
			if bold || style == digest.StyleQuote {
				// Bold comments are paragraphs of their own, unindented.
				mine = handEdit(t, s, w, "\n\n  A comment written in the file.", "\n\nA comment written in the file.")
			}
			// The MySQL entry (and its heading) deleted from the file.
			i := strings.Index(mine, "### MySQL")
			mine = mine[:i]
			if err := os.WriteFile(filepath.Join(s.BlogDir, mustPub(t, s, w).Path), []byte(mine), 0o644); err != nil {
				t.Fatal(err)
			}

			// Approving now is refused, the file kept, and the log
			// does not say it was published.
			var conflict *digest.ConflictError
			if _, err := s.Publish(ctx, w.ID, "page test"); !errors.As(err, &conflict) || !errors.Is(err, review.ErrConflict) {
				t.Fatalf("publish over a file edited by hand: %v, want a conflict", err)
			}
			if readPost(t, s, w) != mine {
				t.Fatal("the author's file was changed")
			}
			if slices.Contains(logActions(t, s, w), "publish") {
				t.Errorf("the refused publication is in the week's log: %v", logActions(t, s, w))
			}
			if e, _ := s.Store.Edits(ctx, w.ID); e.Approved {
				t.Error("the refused publication approved the week")
			}

			v, err := s.Conflict(ctx, w.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !v.Edited || v.Reason == "" || !v.Exact || v.Added == 0 || v.Removed == 0 {
				t.Fatalf("conflict view %+v: want edited, a reason, exact, lines added and removed", v)
			}
			var plus, minus []string
			for _, l := range v.Diff {
				switch l.Op {
				case "+":
					plus = append(plus, l.Text)
				case "-":
					minus = append(minus, l.Text)
				}
			}
			if !slices.Contains(plus, "### Langages") || !slices.Contains(minus, "### Go") || !slices.Contains(minus, "### MySQL") {
				t.Errorf("diff: + %q, - %q", plus, minus)
			}
			for _, want := range []string{"title: " + urls[0], "lead: " + urls[0], "comment: " + urls[1], "hidden: " + urls[2], "intro"} {
				if !slices.Contains(v.ReadBack, want) {
					t.Errorf("read back %q lacks %q", v.ReadBack, want)
				}
			}

			if err := s.Resolve(ctx, w.ID, review.ChoiceKeep, "page test"); err != nil {
				t.Fatal(err)
			}
			e, err := s.Store.Edits(ctx, w.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]moisson.EntryEdit{
				urls[0]: {Title: "Universal SSL [2014], by hand", Lead: "My own lead & summary."},
				urls[1]: {Comment: "A comment written in the file."},
				urls[2]: {Hidden: true, Comment: "An old comment."},
			}
			for k, we := range want {
				if e.Entries[k] != we {
					t.Errorf("edit of %s: %+v, want %+v", k, e.Entries[k], we)
				}
			}
			if e.Frozen || e.Renames["go"] != "Langages" || !strings.HasPrefix(e.Intro, "Une moisson choisie à la main") {
				t.Errorf("edits %+v: want not frozen, Go renamed Langages, the intro read back", e)
			}
			if acts := logActions(t, s, w); acts[0] != "keep" {
				t.Errorf("log %v: want keep last", acts)
			}
			pub := mustPub(t, s, w)
			if pub.Conflict != "" || !pub.Draft {
				t.Errorf("publication %+v: want no conflict, still a draft", pub)
			}
			// Written again (a regeneration): the author's text, no
			// conflict; the front matter's tags follow the sections.
			if _, _, err := s.WriteWeek(ctx, w, RegenerateOptions{}); err != nil {
				t.Fatal(err)
			}
			got := readPost(t, s, w)
			if nonBlankBody(got) != nonBlankBody(mine) || !strings.Contains(got, "tags: [SSL, Langages]") {
				t.Errorf("after keep, regenerated post differs from the author's file:\n%s\nwant\n%s", got, mine)
			}
			// And now approving publishes it, with the author's text.
			if _, err := s.Publish(ctx, w.ID, "page test"); err != nil {
				t.Fatal(err)
			}
			if got := readPost(t, s, w); !strings.Contains(got, "My own lead & summary.") || strings.Contains(got, "Title MySQL") || got == orig {
				t.Errorf("published post:\n%s", got)
			}
		})
	}
}

// nonBlankBody is a post's body, front matter and blank lines left out.
func nonBlankBody(post string) string {
	if i := strings.Index(post[3:], "\n---\n"); strings.HasPrefix(post, "---\n") && i >= 0 {
		post = post[3+i+5:]
	}
	var out []string
	for _, l := range strings.Split(post, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func mustPub(t *testing.T, s *Service, w moisson.Week) moisson.Publication {
	t.Helper()
	pub, err := s.Store.Publication(context.Background(), w.ID)
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

// What does not map to edits (the front matter, words outside the
// entries) freezes the week when the author keeps the file: moisson no
// longer writes it, the author's later changes are taken as they are,
// until the author chooses to overwrite it.
func TestKeepUnmappableFileFreezesTheWeek(t *testing.T) {
	ctx := context.Background()
	s, w, urls := curatedWeek(t)
	if err := s.PublishDue(ctx, w); err != nil {
		t.Fatal(err)
	}
	mine := handEdit(t, s, w,
		`title: "Compilation veille Twitter & RSS"`, `title: "My own title"`,
		"[Title Go]", "[Go, by hand]",
	) + "\nMy own closing words.\n"
	file := filepath.Join(s.BlogDir, mustPub(t, s, w).Path)
	if err := os.WriteFile(file, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.PublishDue(ctx, w); err != nil {
		t.Fatalf("run over a hand-edited file: %v", err)
	}
	v, err := s.Conflict(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Edited || v.Exact || len(v.Unmapped) == 0 {
		t.Fatalf("conflict %+v: want edited, not exact, the unmapped lines", v)
	}
	var unmapped []string
	for _, l := range v.Unmapped {
		if l.Op == "+" {
			unmapped = append(unmapped, l.Text)
		}
	}
	if !slices.Contains(unmapped, `title: "My own title"`) || !slices.Contains(unmapped, "My own closing words.") {
		t.Errorf("unmapped lines %q", unmapped)
	}
	if err := s.Resolve(ctx, w.ID, review.ChoiceKeep, "page test"); err != nil {
		t.Fatal(err)
	}
	e, _ := s.Store.Edits(ctx, w.ID)
	if !e.Frozen || e.Entries[urls[1]].Title != "Go, by hand" {
		t.Fatalf("edits %+v: want frozen, with the title that maps", e)
	}
	for _, write := range []func() error{
		func() error { return s.PublishDue(ctx, w) },
		func() error { _, _, err := s.WriteWeek(ctx, w, RegenerateOptions{}); return err },
		func() error { _, err := s.Publish(ctx, w.ID, "page test"); return err },
	} {
		if err := write(); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(file); string(got) != mine {
			t.Fatalf("a frozen week's file was written:\n%s", got)
		}
	}
	// The author changes the kept file again: taken as it is.
	again := mine + "One more line.\n"
	if err := os.WriteFile(file, []byte(again), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.WriteWeek(ctx, w, RegenerateOptions{}); err != nil {
		t.Fatal(err)
	}
	if pub := mustPub(t, s, w); pub.Hash != hashOf([]byte(again)) || pub.Conflict != "" {
		t.Errorf("publication %+v: want the new file's hash, no conflict", pub)
	}
	if v, _ := s.Conflict(ctx, w.ID); v.Edited || !v.Frozen {
		t.Errorf("frozen week's conflict view %+v: want not edited, frozen", v)
	}

	if err := s.Resolve(ctx, w.ID, review.ChoiceOverwrite, "page test"); err != nil {
		t.Fatal(err)
	}
	got := readPost(t, s, w)
	if strings.Contains(got, "My own closing words.") || !strings.Contains(got, "[Go, by hand]") {
		t.Errorf("overwritten post keeps the unmapped words or loses the mapped title:\n%s", got)
	}
	if e, _ := s.Store.Edits(ctx, w.ID); e.Frozen {
		t.Error("overwrite left the week frozen")
	}
	if acts := logActions(t, s, w); acts[0] != "overwrite" || !slices.Contains(acts, "keep") {
		t.Errorf("log %v: want overwrite after keep", acts)
	}
	if err := s.Resolve(ctx, w.ID, "merge", "page test"); !errors.Is(err, review.ErrInvalid) {
		t.Errorf("an unknown choice: %v, want ErrInvalid", err)
	}
}

func TestLineDiff(t *testing.T) {
	a := []byte("one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n")
	b := []byte("one\ntwo\nTHREE\nfour\nfive\nsix\nseven\neight\nnine\nten\n")
	lines, added, removed := lineDiff(a, b, 1)
	if added != 2 || removed != 1 {
		t.Fatalf("added %d removed %d, want 2 and 1", added, removed)
	}
	var got []string
	for _, l := range lines {
		got = append(got, l.Op+l.Text)
	}
	want := []string{"…", " two", "-three", "+THREE", " four", "…", " nine", "+ten"}
	if !slices.Equal(got, want) {
		t.Errorf("diff %q, want %q", got, want)
	}
	if l, _, _ := lineDiff(a, a, 3); l != nil {
		t.Errorf("diff of equal texts: %v", l)
	}
}
