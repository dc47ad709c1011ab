package target

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
)

func entry(draft bool) Entry {
	return Entry{
		Week:       "2014-W40",
		Title:      "Liens de la semaine 40",
		Markdown:   "## Veille\n\n- [Go 1.4](https://go.dev/) : sorti.\n",
		HTML:       "<h2>Veille</h2>\n<ul>\n<li><a href=\"https://go.dev/\">Go 1.4</a> : sorti.</li>\n</ul>\n",
		Categories: []string{"Veille"},
		Tags:       []string{"Go & Rust", "hidden", "nouveau"},
		Published:  time.Date(2014, 10, 3, 18, 0, 0, 0, time.UTC),
		Draft:      draft,
	}
}

func TestMicropub(t *testing.T) {
	ctx := context.Background()
	f := newFakeMicropub(t)
	tests := []struct {
		name    string
		html    bool
		content any
	}{
		{name: "form with markdown", content: []string{entry(false).Markdown}},
		{name: "json with html", html: true, content: []any{map[string]any{"html": entry(false).HTML}}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := &Micropub{Endpoint: f.srv.URL + "/micropub", Token: f.token, HTML: tc.html}
			r, err := m.Create(ctx, entry(false))
			if err != nil {
				t.Fatal(err)
			}
			want := f.srv.URL + "/posts/" + string(rune('1'+i))
			if r.ID != want || r.URL != want {
				t.Errorf("Create = %+v, want the Location %s resolved", r, want)
			}
			post := f.posts[r.ID]
			if !reflect.DeepEqual(norm(post["content"]), norm(tc.content)) {
				t.Errorf("content = %#v, want %#v", post["content"], tc.content)
			}
			if got := norm(post["category"]); !reflect.DeepEqual(got, norm([]string{"Veille", "Go & Rust", "hidden", "nouveau"})) {
				t.Errorf("category = %#v", got)
			}
			if got := norm(post["name"]); !reflect.DeepEqual(got, norm([]string{"Liens de la semaine 40"})) {
				t.Errorf("name = %#v", got)
			}
			e := entry(false)
			e.Title, e.HTML, e.Markdown, e.Categories, e.Tags = "Liens, semaine 40", "<p>changed</p>", "changed", []string{"Veille"}, nil
			r2, err := m.Update(ctx, r, e)
			if err != nil {
				t.Fatal(err)
			}
			if r2.ID != r.ID {
				t.Errorf("Update gave id %s, want %s kept", r2.ID, r.ID)
			}
			if got := norm(f.posts[r.ID]["name"]); !reflect.DeepEqual(got, norm([]string{"Liens, semaine 40"})) {
				t.Errorf("name after update = %#v", got)
			}
			if got := norm(f.posts[r.ID]["category"]); !reflect.DeepEqual(got, norm([]string{"Veille"})) {
				t.Errorf("category after update = %#v", got)
			}
		})
	}
	if want := []string{"create form /posts/1", "update /posts/1", "create json /posts/2", "update /posts/2"}; !reflect.DeepEqual(f.calls, want) {
		t.Errorf("calls = %q, want %q", f.calls, want)
	}
	bad := &Micropub{Endpoint: f.srv.URL + "/micropub", Token: "wrong-secret"}
	_, err := bad.Create(ctx, entry(false))
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 401 || strings.Contains(err.Error(), "wrong-secret") {
		t.Errorf("bad token: %v; want a 401 *HTTPError without the token", err)
	}
}

// norm makes JSON-decoded and Go values comparable.
func norm(v any) []string {
	var out []string
	switch v := v.(type) {
	case []string:
		out = append(out, v...)
	case []any:
		for _, x := range v {
			switch x := x.(type) {
			case map[string]any:
				out = append(out, "html:"+x["html"].(string))
			case map[string]string:
				out = append(out, "html:"+x["html"])
			default:
				out = append(out, x.(string))
			}
		}
	}
	return out
}

func TestWordPress(t *testing.T) {
	ctx := context.Background()
	f := newFakeWordPress(t)
	w := &WordPress{Site: f.srv.URL + "/", User: f.user, Password: f.pass}
	r, err := w.Create(ctx, entry(true))
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "42" || r.URL != f.srv.URL+"/?p=42" {
		t.Errorf("Create = %+v, want post 42 and its link", r)
	}
	post := f.posts[42]
	if post["status"] != "draft" || post["title"] != "Liens de la semaine 40" || post["content"] != entry(true).HTML {
		t.Errorf("post created = %v; want a draft with the title and the HTML", post)
	}
	// "Veille" exists (5, not "Veille technique"), "Go & Rust" exists
	// escaped (7), "hidden" is missed by search but exists (8), "nouveau"
	// is created (41).
	if got := post["categories"]; !reflect.DeepEqual(got, []any{5.0}) {
		t.Errorf("categories = %v, want [5]", got)
	}
	if got := post["tags"]; !reflect.DeepEqual(got, []any{7.0, 8.0, 41.0}) {
		t.Errorf("tags = %v, want [7 8 41]", got)
	}
	r2, err := w.Update(ctx, r, entry(false))
	if err != nil {
		t.Fatal(err)
	}
	if r2.ID != "42" || f.posts[42]["status"] != "publish" {
		t.Errorf("Update = %+v, post %v; want post 42 published", r2, f.posts[42])
	}
	want := []string{"create tags nouveau", "create post 42 draft", "update post 42 publish"}
	if !reflect.DeepEqual(f.calls, want) {
		t.Errorf("calls = %q, want %q", f.calls, want)
	}
	bad := &WordPress{Site: f.srv.URL, User: f.user, Password: "not-the-password"}
	_, err = bad.Create(ctx, entry(false))
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 401 || strings.Contains(err.Error(), "not-the-password") ||
		strings.Contains(err.Error(), basic(f.user, "not-the-password")[6:]) || !strings.Contains(err.Error(), "not currently logged in") {
		t.Errorf("bad password: %v; want WordPress's 401 message, no password", err)
	}
}

func TestGhost(t *testing.T) {
	ctx := context.Background()
	f := newFakeGhost(t)
	g := &Ghost{Site: f.srv.URL, Key: f.key(), Now: func() time.Time { return f.clock }}
	r, err := g.Create(ctx, entry(true))
	if err != nil {
		t.Fatalf("Create: %v (token: %v)", err, f.tokenErr)
	}
	if r.ID == "" || r.Version == "" || !strings.HasPrefix(r.URL, f.srv.URL+"/p/") {
		t.Errorf("Create = %+v; want the id, url and updated_at", r)
	}
	p := f.posts[r.ID]
	if p["status"] != "draft" || p["html"] != entry(true).HTML {
		t.Errorf("post = %v; want a draft with the HTML", p)
	}
	if tags, _ := p["tags"].([]any); len(tags) != 4 {
		t.Errorf("tags = %v; want the categories and tags", p["tags"])
	}
	r2, err := g.Update(ctx, r, entry(false))
	if err != nil {
		t.Fatalf("Update: %v (token: %v)", err, f.tokenErr)
	}
	if r2.ID != r.ID || r2.Version == r.Version || f.posts[r.ID]["status"] != "published" {
		t.Errorf("Update = %+v after %+v; want the same post, published, a new updated_at", r2, r)
	}
	// The author edited the post in Ghost: the stale updated_at is refused
	// and the error says why.
	_, err = g.Update(ctx, r, entry(false))
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 409 || !errors.Is(err, ErrEditedThere) {
		t.Errorf("stale update: %v; want a 409 saying the post was edited", err)
	}
	if want := []string{"create draft", "update " + r.ID + " published"}; !reflect.DeepEqual(f.calls, want) {
		t.Errorf("calls = %q, want %q", f.calls, want)
	}
	// A token from another key is refused by the fake, as Ghost would.
	other := &Ghost{Site: f.srv.URL, Key: f.id + ":00ff00ff", Now: func() time.Time { return f.clock }}
	if _, err := other.Create(ctx, entry(false)); !errors.As(err, &he) || he.StatusCode != 401 {
		t.Errorf("wrong secret: %v, want 401", err)
	}
	for _, key := range []string{"", "nocolon", "id:not-hex", ":00ff"} {
		if _, err := (&Ghost{Key: key}).Token(); !errors.Is(err, ErrGhostKey) {
			t.Errorf("Token with key %q: %v, want ErrGhostKey", key, err)
		}
	}
}

// TestPublish publishes a week on the three targets through the store: a
// draft goes to the targets that hold drafts, an unchanged week is not
// sent again, an edit updates the same posts, even after a restart.
func TestPublish(t *testing.T) {
	ctx := context.Background()
	mp, wp, gh := newFakeMicropub(t), newFakeWordPress(t), newFakeGhost(t)
	targets := []Target{
		&Micropub{Endpoint: mp.srv.URL + "/micropub", Token: mp.token, HTML: true},
		&WordPress{Site: wp.srv.URL, User: wp.user, Password: wp.pass},
		&Ghost{Site: gh.srv.URL, Key: gh.key(), Now: func() time.Time { return gh.clock }},
	}
	path := filepath.Join(t.TempDir(), "moisson.db")
	st, err := archive.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2014, 10, 3, 18, 0, 0, 0, time.UTC)
	step := func(e Entry, want ...string) {
		t.Helper()
		done, err := Publish(ctx, st, targets, e, now)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(done, ",") != strings.Join(want, ",") {
			t.Errorf("done = %q, want %q", done, want)
		}
	}
	step(entry(true), "wordpress", "ghost")
	step(entry(true))
	step(entry(false), "micropub", "wordpress", "ghost")
	ids := map[string]moisson.RemotePost{}
	for _, name := range []string{"micropub", "wordpress", "ghost"} {
		p, err := st.RemotePost(ctx, name, "2014-W40")
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = p
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = archive.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	step(entry(false))
	edited := entry(false)
	edited.HTML += "<p>Un lien de plus.</p>\n"
	step(edited, "micropub", "wordpress", "ghost")
	for name, before := range ids {
		p, err := st.RemotePost(ctx, name, "2014-W40")
		if err != nil || p.ID != before.ID || p.Hash == before.Hash {
			t.Errorf("%s after the edit: %+v, %v; want id %s kept, a new hash", name, p, err, before.ID)
		}
	}
	if len(mp.posts) != 1 || len(wp.posts) != 1 || len(gh.posts) != 1 {
		t.Errorf("posts: micropub %d, wordpress %d, ghost %d; want one each", len(mp.posts), len(wp.posts), len(gh.posts))
	}
	if want := []string{"create json /posts/1", "update /posts/1"}; !reflect.DeepEqual(mp.calls, want) {
		t.Errorf("micropub calls = %q, want %q", mp.calls, want)
	}

	// A target that fails is reported and tried again at the next call.
	wp.pass = "rotated"
	edited.Title = "Nouveau titre"
	done, err := Publish(ctx, st, targets, edited, now)
	if err == nil || !strings.Contains(err.Error(), "wordpress") || strings.Join(done, ",") != "micropub,ghost" {
		t.Errorf("with WordPress failing: done %q, err %v", done, err)
	}
	if pending, err := Pending(ctx, st, targets[1], "2014-W40", false); err != nil || !pending {
		t.Errorf("WordPress after a failed update: pending %v, %v; want pending", pending, err)
	}
	if pending, _ := Pending(ctx, st, targets[2], "2014-W40", false); pending {
		t.Error("Ghost pending after a successful update")
	}
	wp.pass = targets[1].(*WordPress).Password
	step(edited, "wordpress")
	if pending, _ := Pending(ctx, st, targets[1], "2014-W40", false); pending {
		t.Error("WordPress still pending after the retry")
	}

	// The post edited in Ghost: the update is refused, the author's edit
	// kept, and the same week is not tried again.
	gh.mu.Lock()
	for id := range gh.updated {
		gh.updated[id] = "2014-10-04T09:00:00.000Z"
	}
	gh.mu.Unlock()
	edited.Title = "Encore un titre"
	done, err = Publish(ctx, st, targets, edited, now)
	if !errors.Is(err, ErrEditedThere) && !strings.Contains(fmt.Sprint(err), "edited on the platform") {
		t.Errorf("Ghost edited there: %v; want ErrEditedThere", err)
	}
	if strings.Join(done, ",") != "micropub,wordpress" {
		t.Errorf("done = %q", done)
	}
	if pending, _ := Pending(ctx, st, targets[2], "2014-W40", false); pending {
		t.Error("Ghost pending after a 409: the author's edit would be retried over")
	}
	if done, err := Publish(ctx, st, targets, edited, now); err != nil || len(done) != 0 {
		t.Errorf("same week again: %q, %v; want nothing sent", done, err)
	}
}
