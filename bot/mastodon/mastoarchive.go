package mastodon

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/internal/postimport"
	"github.com/moisson/moisson/bot/internal/posttext"
)

// maxOutboxBytes caps the outbox.json read from a Mastodon archive: tens
// of thousands of statuses are well under it.
const maxOutboxBytes = 1 << 30

// ReadArchive reads the statuses of a Mastodon archive export
// ("Request your archive" in the settings): the .tar.gz (or .zip) as
// downloaded, its unpacked folder, or its outbox.json. It returns the
// author's posts oldest first, as the Mastodon source names them (Source
// "mastodon", ID the status id), so that an import and the API agree.
//
// Boosts are left out: the archive holds only the boosted status's
// address, not its text. Replies to other accounts are kept, flagged
// Reply, as the X archive's are.
func ReadArchive(ctx context.Context, archivePath string) ([]moisson.Post, error) {
	return postimport.Collect(func(fn func(moisson.Post) error) error { return EachStatus(ctx, archivePath, fn) })
}

// ImportResult says what ImportArchive read and stored.
type ImportResult = postimport.Result

// ImportArchive reads a Mastodon archive export (see ReadArchive) and
// saves its posts into st (archive.Store), in one pass and in memory
// bounded by a few thousand posts rather than by the archive, whatever
// the order of the statuses and of their ids: the posts are sorted a few
// thousand at a time and spilled to a temporary file while outbox.json is
// decoded one activity at a time, then merged and saved in the store's
// order. An archive that fails to read is refused before anything is
// written.
func ImportArchive(ctx context.Context, archivePath string, st postimport.Saver) (ImportResult, error) {
	return postimport.Import(ctx, st, "mastodon archive "+archivePath, func(fn func(moisson.Post) error) error { return EachStatus(ctx, archivePath, fn) })
}

// EachStatus reads a Mastodon archive export (see ReadArchive) in one
// pass and calls fn with each of its posts, in the archive's order, until
// fn fails.
func EachStatus(ctx context.Context, archivePath string, fn func(moisson.Post) error) error {
	st, err := os.Stat(archivePath)
	if err != nil {
		return fmt.Errorf("mastodon archive: %w", err)
	}
	if st.IsDir() {
		return eachOutboxFile(ctx, path.Join(archivePath, "outbox.json"), fn)
	}
	f, err := os.Open(archivePath)
	if err != nil {
		return fmt.Errorf("mastodon archive: %w", err)
	}
	defer f.Close()
	var magic [4]byte
	if _, err := io.ReadFull(f, magic[:]); err != nil {
		return fmt.Errorf("mastodon archive %s: %w", archivePath, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("mastodon archive %s: %w", archivePath, err)
	}
	switch {
	case magic[0] == 0x1f && magic[1] == 0x8b:
		gz, err := gzip.NewReader(bufio.NewReaderSize(f, 64<<10))
		if err != nil {
			return fmt.Errorf("mastodon archive %s: %w", archivePath, err)
		}
		defer gz.Close()
		tr := tar.NewReader(gz)
		for {
			h, err := tr.Next()
			if errors.Is(err, io.EOF) {
				return fmt.Errorf("mastodon archive %s: no outbox.json in it", archivePath)
			}
			if err != nil {
				return fmt.Errorf("mastodon archive %s: %w", archivePath, err)
			}
			if h.Typeflag == tar.TypeReg && path.Base(h.Name) == "outbox.json" {
				if err := eachOutbox(ctx, io.LimitReader(tr, maxOutboxBytes), fn); err != nil {
					return fmt.Errorf("mastodon archive %s: %w", archivePath, err)
				}
				return nil
			}
		}
	case string(magic[:2]) == "PK":
		zr, err := zip.NewReader(f, st.Size())
		if err != nil {
			return fmt.Errorf("mastodon archive %s: %w", archivePath, err)
		}
		for _, zf := range zr.File {
			if path.Base(zf.Name) != "outbox.json" {
				continue
			}
			rc, err := zf.Open()
			if err != nil {
				return fmt.Errorf("mastodon archive %s: %w", archivePath, err)
			}
			defer rc.Close()
			if err := eachOutbox(ctx, io.LimitReader(rc, maxOutboxBytes), fn); err != nil {
				return fmt.Errorf("mastodon archive %s: %w", archivePath, err)
			}
			return nil
		}
		return fmt.Errorf("mastodon archive %s: no outbox.json in it", archivePath)
	default:
		if err := eachOutbox(ctx, io.LimitReader(f, maxOutboxBytes), fn); err != nil {
			return fmt.Errorf("mastodon archive %s: %w", archivePath, err)
		}
		return nil
	}
}

func eachOutboxFile(ctx context.Context, name string, fn func(moisson.Post) error) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("mastodon archive: %w", err)
	}
	defer f.Close()
	if err := eachOutbox(ctx, io.LimitReader(f, maxOutboxBytes), fn); err != nil {
		return fmt.Errorf("mastodon archive %s: %w", name, err)
	}
	return nil
}

// The ActivityPub shapes of outbox.json.

type apActivity struct {
	ID        string          `json:"id"`
	Type      string          `json:"type"`
	Actor     string          `json:"actor"`
	Published time.Time       `json:"published"`
	Object    json.RawMessage `json:"object"`
}

type apNote struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	Published time.Time `json:"published"`
	URL       string    `json:"url"`
	InReplyTo *string   `json:"inReplyTo"`
	Content   string    `json:"content"`
	Tag       []struct {
		Type string `json:"type"`
		Href string `json:"href"`
		Name string `json:"name"`
	} `json:"tag"`
}

// eachOutbox decodes outbox.json one activity at a time (the file can be
// large: only one status is held at once) and gives each post to fn.
func eachOutbox(ctx context.Context, r io.Reader, fn func(moisson.Post) error) error {
	lc := postimport.NewLineCounter(bufio.NewReaderSize(r, 64<<10))
	dec := json.NewDecoder(lc)
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("outbox.json: not a JSON object")
	}
	found := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return fmt.Errorf("outbox.json:%d: %w", lc.LineAt(dec.InputOffset()), err)
		}
		if key, _ := t.(string); key != "orderedItems" {
			lc.Mark(dec.InputOffset())
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return fmt.Errorf("outbox.json:%d: %w", lc.LineAt(dec.InputOffset()), err)
			}
			continue
		}
		found = true
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return fmt.Errorf("outbox.json:%d: orderedItems is not an array", lc.LineAt(dec.InputOffset()))
		}
		for item := 0; dec.More(); item++ {
			if item%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			line := lc.LineAt(postimport.ValueStart(dec))
			var a apActivity
			if err := dec.Decode(&a); err != nil {
				return fmt.Errorf("outbox.json:%d: item %d: %w", line, item, err)
			}
			if p, ok := outboxPost(a); ok {
				if err := fn(p); err != nil {
					return fmt.Errorf("outbox.json:%d: item %d: %w", line, item, err)
				}
			}
		}
		if _, err := dec.Token(); err != nil {
			return fmt.Errorf("outbox.json:%d: %w", lc.LineAt(dec.InputOffset()), err)
		}
	}
	if !found {
		return errors.New("outbox.json: no orderedItems")
	}
	return nil
}

// outboxPost turns a Create activity into a Post; ok is false for the
// others (Announce: a boost whose text the archive does not hold).
func outboxPost(a apActivity) (moisson.Post, bool) {
	if a.Type != "Create" || len(a.Object) == 0 || a.Object[0] != '{' {
		return moisson.Post{}, false
	}
	var n apNote
	if err := json.Unmarshal(a.Object, &n); err != nil || n.ID == "" {
		return moisson.Post{}, false
	}
	// The status id ends the object's id:
	// https://instance/users/jane/statuses/113249039155200000.
	id := n.ID[strings.LastIndexByte(strings.TrimRight(n.ID, "/"), '/')+1:]
	host := posttext.HostOf(n.ID)
	var tags []mastodonTag
	var mentions []mastodonMention
	for _, t := range n.Tag {
		switch t.Type {
		case "Hashtag":
			tags = append(tags, mastodonTag{Name: strings.TrimPrefix(t.Name, "#")})
		case "Mention":
			// The tag's href is the actor (/users/bob); the profile people
			// open is /@bob on the account's instance.
			acct := mastodonFullAcct(t.Name, host)
			user, inst, _ := strings.Cut(acct, "@")
			mentions = append(mentions, mastodonMention{acct: acct, username: user, url: "https://" + inst + "/@" + user})
		}
	}
	hosts := map[string]bool{host: true}
	if h := posttext.HostOf(n.URL); h != "" {
		hosts[h] = true
	}
	p := mastodonPost(n.Content, tags, nil, mentions, hosts)
	p.ID = id
	p.Source = "mastodon"
	p.CreatedAt = n.Published.UTC()
	if p.CreatedAt.IsZero() {
		p.CreatedAt = a.Published.UTC()
	}
	// A reply to oneself (a thread) is not a reply.
	if n.InReplyTo != nil && *n.InReplyTo != "" && a.Actor != "" && !strings.HasPrefix(*n.InReplyTo, strings.TrimRight(a.Actor, "/")+"/") {
		p.Reply = true
	}
	return p, true
}
