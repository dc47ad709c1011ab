package x

import (
	"archive/zip"
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot"
)

// Reading the archive a user downloads from X: every generation of it, from
// the 2012 tweets.csv to the 2022 data/tweets.js split in parts.

// maxArchiveZipBytes caps the bytes read out of a zip export, all entries
// together. The tweets of the biggest accounts weigh a few hundred MiB; the
// cap stops a zip bomb before it eats the machine: an entry that says it is
// bigger than what is left is refused before it is inflated, and
// archive/zip refuses an entry that inflates past what it says. Media
// entries, which make real archives weigh gigabytes, are never read and do
// not count.
const maxArchiveZipBytes = 2 << 30

// errArchiveTooLarge is returned when a zip gives more than its cap.
var errArchiveTooLarge = errors.New("zip gives too many bytes: refusing a possible zip bomb")

// archiveURLPattern finds the links of a post's text when its entities
// have none (very old posts, the CSV). It stops at the "…" that ends a
// truncated retweet.
var archiveURLPattern = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"\x{2026}]+`)

// ReadArchive reads an X/Twitter archive export at path: the downloaded
// .zip, its unpacked folder, or a single data file (tweets.js, tweet.js,
// tweets-partN.js, tweets.csv, data/js/tweets/YYYY_MM.js). It returns every
// post, oldest first (by time, then id), with Source "x".
//
// In a folder or zip, data/manifest.js lists the files to read when it is
// present; long posts are completed from data/note-tweet.js; the account's
// own id (to tell a thread from a reply) comes from data/manifest.js,
// data/account.js or data/js/user_details.js. A single data file is read
// alone, except for an account.js next to it.
//
// A malformed file gives an error naming the file inside the archive and
// the line and column; nothing is returned with an error. Hostile input is
// refused in time and memory bounded by its posts, not its size: the
// space between posts is skipped in one pass, a post over 4 MiB or a
// string over 1 MiB is refused where it starts, before it is held; a zip
// entry is read to its end so that a bad checksum is an error, an entry
// bigger than the zip cap is refused before it is inflated, and a zip
// holding a data file twice or a name leaving the archive is refused.
func ReadArchive(ctx context.Context, path string) ([]moisson.Post, error) {
	return readArchive(ctx, path, maxArchiveZipBytes, nil)
}

// ArchiveSource is an archive export as a Source and a RangeSource. A
// newer export dropped at the same path is picked up: Fetch reads the
// archive again when its file changed (size or modification time), and
// not at every poll when it did not, which for an archive of many years
// would read and hold every post each time for nothing. A folder (an
// unpacked archive) is read at every poll: its time does not say whether
// the files in it changed.
type ArchiveSource struct {
	path string

	mu   sync.Mutex
	seen archiveStamp
}

// archiveStamp is the archive's file as Fetch last read it through, and
// the cursor it returned then.
type archiveStamp struct {
	size   int64
	mod    time.Time
	cursor string
}

// stamp returns the archive's file's stamp, ok false for a folder or a
// file that cannot be seen (then read it, to say why).
func (s *ArchiveSource) stamp() (archiveStamp, bool) {
	fi, err := os.Stat(s.path)
	if err != nil || !fi.Mode().IsRegular() {
		return archiveStamp{}, false
	}
	return archiveStamp{size: fi.Size(), mod: fi.ModTime()}, true
}

var _ bot.RangeSource = (*ArchiveSource)(nil)

// NewArchiveSource returns the source reading the archive at path (see
// ReadArchive for what path may be).
func NewArchiveSource(path string) *ArchiveSource {
	return &ArchiveSource{path: path}
}

// Name returns "archive".
func (s *ArchiveSource) Name() string { return "archive" }

// Fetch returns the posts after cursor, oldest first, and the id of the
// newest as the next cursor. Posts are ordered by time, then id; when the
// post named by cursor is not in the archive (the export was replaced), the
// posts with a greater id are returned, ids growing with time.
func (s *ArchiveSource) Fetch(ctx context.Context, cursor string) ([]moisson.Post, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.stamp()
	if ok && cursor != "" && cursor == s.seen.cursor && st.size == s.seen.size && st.mod.Equal(s.seen.mod) {
		return nil, cursor, nil // the file read through last time: nothing new
	}
	s.seen = archiveStamp{}
	posts, err := ReadArchive(ctx, s.path)
	if err != nil {
		return nil, cursor, err
	}
	posts, next, err := s.after(posts, cursor)
	if err == nil && ok {
		st.cursor = next
		s.seen = st
	}
	return posts, next, err
}

// after returns the posts after cursor and the next cursor (see Fetch).
func (s *ArchiveSource) after(posts []moisson.Post, cursor string) ([]moisson.Post, string, error) {
	if cursor != "" {
		i := slices.IndexFunc(posts, func(p moisson.Post) bool { return p.ID == cursor })
		switch {
		case i >= 0:
			posts = posts[i+1:]
		case !archiveIsNumber(cursor):
			return nil, cursor, fmt.Errorf("archive %s: cursor %q: not a post id", s.path, cursor)
		default:
			posts = slices.DeleteFunc(posts, func(p moisson.Post) bool { return archiveCompareIDs(p.ID, cursor) <= 0 })
		}
	}
	if len(posts) == 0 {
		return nil, cursor, nil
	}
	return posts, posts[len(posts)-1].ID, nil
}

// FetchRange returns the posts with from <= CreatedAt < to, oldest first.
func (s *ArchiveSource) FetchRange(ctx context.Context, from, to time.Time) ([]moisson.Post, error) {
	// Posts outside the range are dropped as they are read, so that a
	// backfill in windows holds one window of a big archive at a time.
	return readArchive(ctx, s.path, maxArchiveZipBytes, func(t time.Time) bool {
		return !t.Before(from) && t.Before(to)
	})
}

// readArchive is ReadArchive with the zip cap as a parameter; keep, when
// not nil, says which posts to keep by their time.
func readArchive(ctx context.Context, archivePath string, zipLimit int64, keep func(time.Time) bool) ([]moisson.Post, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("archive %s: %w", archivePath, err)
	}
	r, lay, closeFn, err := openArchive(archivePath, zipLimit)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	return r.readPosts(ctx, lay, keep)
}

// readPosts reads every post of the archive's layout, keeping those keep
// says (all when keep is nil), and returns them oldest first.
func (r *archiveReader) readPosts(ctx context.Context, lay *archiveLayout, keep func(time.Time) bool) ([]moisson.Post, error) {
	acct, err := r.account(ctx, lay)
	if err != nil {
		return nil, err
	}
	var items []archiveItem
	err = r.eachItem(ctx, lay, func(it *archiveItem) error {
		if keep == nil || keep(it.post.CreatedAt) {
			items = append(items, *it)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	notes, err := r.readNotes(ctx, lay)
	if err != nil {
		return nil, err
	}
	archiveMergeNotes(items, notes)
	return archivePosts(items, acct), nil
}

// account returns the account the archive belongs to, as far as its
// manifest and account file say.
func (r *archiveReader) account(ctx context.Context, lay *archiveLayout) (archiveAccount, error) {
	acct := lay.account
	if lay.accountFile != "" {
		a, err := r.readAccount(ctx, lay.accountFile)
		if err != nil {
			return archiveAccount{}, err
		}
		acct.id = cmp.Or(acct.id, a.id)
		acct.name = cmp.Or(acct.name, a.name)
	}
	return acct, nil
}

// eachItem reads the posts of the archive's tweets files one at a time, in
// file order, and gives each to fn: nothing but the post fn is given is
// held. An error of fn is reported at the post's place.
func (r *archiveReader) eachItem(ctx context.Context, lay *archiveLayout, fn func(*archiveItem) error) error {
	for _, name := range lay.tweets {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("archive %s: %w", r.path, err)
		}
		var err error
		if strings.EqualFold(path.Ext(name), ".csv") {
			err = r.readCSV(ctx, name, fn)
		} else {
			err = archiveEachElement(ctx, r, name, func(e *archiveEntry) error {
				t := &e.archiveTweet
				if e.Tweet != nil {
					t = e.Tweet
				}
				it, err := archiveConvert(t)
				if err != nil {
					return err
				}
				return fn(&it)
			})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readNotes reads the archive's long posts (data/note-tweet.js).
func (r *archiveReader) readNotes(ctx context.Context, lay *archiveLayout) ([]archiveNote, error) {
	var notes []archiveNote
	for _, name := range lay.notes {
		err := archiveEachElement(ctx, r, name, func(e *archiveNoteEntry) error {
			n, err := e.NoteTweet.note()
			if err != nil {
				return err
			}
			notes = append(notes, n)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return notes, nil
}

// archiveReader reads the files of one archive: a folder, a zip, or the
// folder of a single data file.
type archiveReader struct {
	// path is the archive as the caller named it, for errors.
	path string
	fsys fs.FS
	// budget counts the bytes read out of a zip; nil for a folder.
	budget *archiveBudget
}

// archiveBudget is the count of bytes a zip may still give.
type archiveBudget struct {
	left int64
}

// archiveReadError marks an error of the file itself (I/O, a corrupt zip
// entry, the zip cap) rather than of its content: it has no line.
type archiveReadError struct{ err error }

func (e *archiveReadError) Error() string { return e.err.Error() }
func (e *archiveReadError) Unwrap() error { return e.err }

// archiveFile is a file of the archive whose reads count against the
// budget and whose read errors are marked.
type archiveFile struct {
	f      fs.File
	budget *archiveBudget
}

func (a *archiveFile) Read(p []byte) (int, error) {
	if a.budget != nil {
		if a.budget.left <= 0 {
			return 0, &archiveReadError{errArchiveTooLarge}
		}
		if int64(len(p)) > a.budget.left {
			p = p[:a.budget.left]
		}
	}
	n, err := a.f.Read(p)
	if a.budget != nil {
		a.budget.left -= int64(n)
	}
	if err != nil && err != io.EOF {
		err = &archiveReadError{err}
	}
	return n, err
}

func (a *archiveFile) Close() error { return a.f.Close() }

func (r *archiveReader) open(name string) (io.ReadCloser, error) {
	f, err := r.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	if r.budget != nil {
		// A zip entry says its size, and archive/zip refuses to give
		// more than it says: an entry bigger than what is left of the
		// budget is refused before a byte of it is inflated.
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, err
		}
		if fi.Size() > r.budget.left {
			f.Close()
			return nil, &archiveReadError{fmt.Errorf("%w (the entry says %d bytes)", errArchiveTooLarge, fi.Size())}
		}
	}
	return &archiveFile{f: f, budget: r.budget}, nil
}

func (r *archiveReader) exists(name string) bool {
	fi, err := fs.Stat(r.fsys, name)
	return err == nil && !fi.IsDir()
}

// archiveLayout says which files of an archive to read.
type archiveLayout struct {
	// tweets are the files of posts, in order: JS data files or one CSV.
	tweets []string
	notes  []string
	// accountFile is data/account.js or data/js/user_details.js, if any.
	accountFile string
	// account is what the manifest says of the account.
	account archiveAccount
}

// archiveAccount is the account the archive belongs to.
type archiveAccount struct {
	id, name string
}

// openArchive opens the archive at archivePath and finds its files. The
// returned func closes what was opened.
func openArchive(archivePath string, zipLimit int64) (*archiveReader, *archiveLayout, func(), error) {
	fi, err := os.Stat(archivePath)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("archive %s: %w", archivePath, err)
	}
	noop := func() {}
	if fi.IsDir() {
		r := &archiveReader{path: archivePath, fsys: os.DirFS(archivePath)}
		lay, err := r.findLayout()
		if err != nil {
			return nil, nil, nil, err
		}
		return r, lay, noop, nil
	}
	isZip, err := archiveIsZip(archivePath)
	if err != nil {
		return nil, nil, nil, err
	}
	if isZip {
		f, err := os.Open(archivePath)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("archive %s: %w", archivePath, err)
		}
		closeFn := func() { _ = f.Close() }
		fi, err := f.Stat()
		if err != nil {
			closeFn()
			return nil, nil, nil, fmt.Errorf("archive %s: %w", archivePath, err)
		}
		r, lay, err := openZip(archivePath, f, fi.Size(), zipLimit)
		if err != nil {
			closeFn()
			return nil, nil, nil, err
		}
		return r, lay, closeFn, nil
	}

	// A single data file, read from its folder.
	dir, base := filepath.Split(archivePath)
	r := &archiveReader{path: archivePath, fsys: os.DirFS(cmp.Or(dir, "."))}
	lay := &archiveLayout{tweets: []string{base}}
	if strings.HasPrefix(base, "note-tweet") || base == "account.js" || base == "manifest.js" {
		return nil, nil, nil, fmt.Errorf("archive %s: not a tweets file", archivePath)
	}
	for _, name := range []string{"account.js", "user_details.js"} {
		if name != base && r.exists(name) {
			lay.accountFile = name
			break
		}
	}
	return r, lay, noop, nil
}

// openZip opens the zip of size bytes read from ra (named archivePath in
// errors) and finds its files. It refuses a zip that is truncated, holds a
// name leaving the archive, or holds a data file twice.
func openZip(archivePath string, ra io.ReaderAt, size, zipLimit int64) (*archiveReader, *archiveLayout, error) {
	zr, err := zip.NewReader(ra, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, nil, fmt.Errorf("archive %s: open zip: %w (the file is truncated or not a zip)", archivePath, err)
	}
	seen := make(map[string]bool, len(zr.File))
	for _, f := range zr.File {
		name := strings.ReplaceAll(f.Name, `\`, "/")
		if path.IsAbs(name) || slices.Contains(strings.Split(name, "/"), "..") || strings.IndexByte(name, 0) >= 0 {
			return nil, nil, fmt.Errorf("archive %s: zip entry %q: path leaves the archive", archivePath, f.Name)
		}
		// archive/zip serves one of two entries of the same name and
		// hides the folder that holds them: say so rather than find no
		// tweets. Media entries are never read, so only data files count.
		clean := path.Clean(name)
		ext := strings.ToLower(path.Ext(clean))
		if ext != ".js" && ext != ".csv" || strings.HasSuffix(name, "/") {
			continue
		}
		if seen[clean] {
			return nil, nil, fmt.Errorf("archive %s: zip entry %q: duplicated entry (the zip holds it twice)", archivePath, f.Name)
		}
		seen[clean] = true
	}
	r := &archiveReader{path: archivePath, fsys: zr, budget: &archiveBudget{left: zipLimit}}
	lay, err := r.findLayout()
	if err != nil {
		return nil, nil, err
	}
	return r, lay, nil
}

// archiveIsZip reports whether the file at name is a zip: by its name, or
// by its first bytes for a zip renamed.
func archiveIsZip(name string) (bool, error) {
	if strings.EqualFold(filepath.Ext(name), ".zip") {
		return true, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return false, fmt.Errorf("archive %s: %w", name, err)
	}
	defer f.Close()
	var magic [4]byte
	n, err := io.ReadFull(f, magic[:])
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return false, fmt.Errorf("archive %s: %w", name, err)
	}
	return n == 4 && (string(magic[:]) == "PK\x03\x04" || string(magic[:]) == "PK\x05\x06"), nil
}

// findLayout finds the archive's files at its root or, for an export
// unpacked or zipped again inside a folder, in one of its top folders.
func (r *archiveReader) findLayout() (*archiveLayout, error) {
	lay, err := r.layoutAt(".")
	if err != nil || lay != nil {
		return lay, err
	}
	entries, err := fs.ReadDir(r.fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", r.path, err)
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || e.Name() == "__MACOSX" {
			continue
		}
		lay, err := r.layoutAt(e.Name())
		if err != nil || lay != nil {
			return lay, err
		}
	}
	return nil, fmt.Errorf("archive: no tweets file found in %s (looked for data/tweets.js, data/tweet.js, data/js/tweets/*.js and tweets.csv)", r.path)
}

// layoutAt finds the archive's files under root; it returns nil when there
// are none.
func (r *archiveReader) layoutAt(root string) (*archiveLayout, error) {
	at := func(name string) string { return path.Join(root, name) }
	lay := &archiveLayout{}
	for _, name := range []string{"data/account.js", "data/js/user_details.js"} {
		if r.exists(at(name)) {
			lay.accountFile = at(name)
			break
		}
	}
	if r.exists(at("data/manifest.js")) {
		if err := r.readManifest(at("data/manifest.js"), root, lay); err != nil {
			return nil, err
		}
		if len(lay.tweets) > 0 {
			return lay, nil
		}
	}
	if lay.tweets = r.parts(at("data"), "tweets"); len(lay.tweets) == 0 {
		lay.tweets = r.parts(at("data"), "tweet")
	}
	if len(lay.tweets) > 0 {
		if len(lay.notes) == 0 {
			lay.notes = r.parts(at("data"), "note-tweet")
		}
		return lay, nil
	}
	// Old archives: the monthly JS files, richer than the CSV, else the CSV.
	months, err := fs.Glob(r.fsys, at("data/js/tweets/*.js"))
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", r.path, err)
	}
	if len(months) > 0 {
		slices.Sort(months)
		lay.tweets = months
		return lay, nil
	}
	if r.exists(at("tweets.csv")) {
		lay.tweets = []string{at("tweets.csv")}
		return lay, nil
	}
	return nil, nil
}

// parts returns dir/base.js and dir/base-partN.js, in part order.
func (r *archiveReader) parts(dir, base string) []string {
	entries, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		return nil
	}
	type part struct {
		n    int
		name string
	}
	var found []part
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".js") {
			continue
		}
		stem := strings.TrimSuffix(name, ".js")
		if stem == base {
			found = append(found, part{0, name})
			continue
		}
		num, ok := strings.CutPrefix(stem, base+"-part")
		if n, err := strconv.Atoi(num); ok && err == nil && n >= 0 {
			found = append(found, part{n, name})
		}
	}
	slices.SortFunc(found, func(a, b part) int { return cmp.Compare(a.n, b.n) })
	names := make([]string, len(found))
	for i, p := range found {
		names[i] = path.Join(dir, p.name)
	}
	return names
}

// archiveManifest is the part of data/manifest.js
// (window.__THAR_CONFIG) that moisson reads.
type archiveManifest struct {
	UserInfo struct {
		AccountID archiveID `json:"accountId"`
		UserName  string    `json:"userName"`
	} `json:"userInfo"`
	DataTypes map[string]struct {
		Files []struct {
			FileName string `json:"fileName"`
		} `json:"files"`
	} `json:"dataTypes"`
}

// readManifest fills lay with what the manifest at name lists: the tweets
// files ("tweets" since 2022, "tweet" before), the long posts, the account.
func (r *archiveReader) readManifest(name, root string, lay *archiveLayout) error {
	var m archiveManifest
	if err := archiveDecodeValue(r, name, &m); err != nil {
		return err
	}
	lay.account = archiveAccount{id: string(m.UserInfo.AccountID), name: m.UserInfo.UserName}
	list := func(dataType string) ([]string, error) {
		var names []string
		for _, f := range m.DataTypes[dataType].Files {
			clean := path.Clean(strings.ReplaceAll(f.FileName, `\`, "/"))
			if !fs.ValidPath(clean) {
				return nil, fmt.Errorf("archive %s: %s: %s %q: path leaves the archive", r.path, name, dataType, f.FileName)
			}
			full := path.Join(root, clean)
			if !r.exists(full) {
				return nil, fmt.Errorf("archive %s: %s lists %s, which is missing", r.path, name, full)
			}
			names = append(names, full)
		}
		return names, nil
	}
	var err error
	if lay.tweets, err = list("tweets"); err != nil {
		return err
	}
	if len(lay.tweets) == 0 {
		if lay.tweets, err = list("tweet"); err != nil {
			return err
		}
	}
	lay.notes, err = list("noteTweet")
	return err
}

// readAccount reads data/account.js (window.YTD.account.part0 =
// [{"account": {…}}]) or the old data/js/user_details.js (var user_details
// = {…}).
func (r *archiveReader) readAccount(ctx context.Context, name string) (archiveAccount, error) {
	type details struct {
		ID         archiveID `json:"id"`
		ScreenName string    `json:"screen_name"`
	}
	if path.Base(name) == "user_details.js" {
		var d details
		if err := archiveDecodeValue(r, name, &d); err != nil {
			return archiveAccount{}, err
		}
		return archiveAccount{id: string(d.ID), name: d.ScreenName}, nil
	}
	var acct archiveAccount
	err := archiveEachElement(ctx, r, name, func(e *struct {
		Account struct {
			AccountID archiveID `json:"accountId"`
			Username  string    `json:"username"`
		} `json:"account"`
	}) error {
		acct.id = cmp.Or(acct.id, string(e.Account.AccountID))
		acct.name = cmp.Or(acct.name, e.Account.Username)
		return nil
	})
	return acct, err
}

// openScanner opens a data file and reads past its "window.YTD… ="
// assignment.
func (r *archiveReader) openScanner(name string) (io.ReadCloser, *archiveScanner, error) {
	f, err := r.open(name)
	if err != nil {
		return nil, nil, r.fileError(name, err)
	}
	s, err := newArchiveScanner(f)
	if err != nil {
		f.Close()
		return nil, nil, r.fileError(name, err)
	}
	return f, s, nil
}

// fileError wraps err, an error of the file name of the archive.
func (r *archiveReader) fileError(name string, err error) error {
	return fmt.Errorf("archive %s: %s: %w", r.path, name, err)
}

// archiveDecodeValue decodes the one value a data file assigns into v.
func archiveDecodeValue[T any](r *archiveReader, name string, v *T) error {
	f, s, err := r.openScanner(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := s.skipSpace(); err != nil {
		return r.fileError(name, s.eofError(err))
	}
	line, col := s.line, s.col
	elem, err := s.value()
	if err != nil {
		return r.fileError(name, err)
	}
	if err := archiveUnmarshal(elem, line, col, v); err != nil {
		return r.fileError(name, err)
	}
	if err := s.finish(); err != nil {
		return r.fileError(name, err)
	}
	return nil
}

// archiveEachElement streams the array a data file assigns, decoding each
// element into a fresh T and giving it to fn, then reads the file to its
// end. An error of fn is reported at the element's place.
func archiveEachElement[T any](ctx context.Context, r *archiveReader, name string, fn func(*T) error) error {
	f, s, err := r.openScanner(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := s.openArray(); err != nil {
		return r.fileError(name, err)
	}
	// One Decoder, fed one element at a time, keeps its scanner and
	// decode state from one element to the next (json.Unmarshal makes
	// them anew for each).
	feed := &archiveFeed{}
	dec := json.NewDecoder(feed)
	for n := 0; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return r.fileError(name, err)
			}
		}
		elem, line, col, more, err := s.next(n == 0)
		if err != nil {
			return r.fileError(name, err)
		}
		if !more {
			break
		}
		v := new(T)
		feed.set(elem)
		if err := dec.Decode(v); err != nil {
			// The Decoder's offsets are hard to place: decode the
			// element alone again for its place.
			if perr := archiveUnmarshal(elem, line, col, new(T)); perr != nil {
				return r.fileError(name, perr)
			}
			return r.fileError(name, &archiveSyntaxError{line: line, col: col, err: err})
		}
		if err := fn(v); err != nil {
			return r.fileError(name, &archiveSyntaxError{line: line, col: col, err: err})
		}
	}
	if err := s.finish(); err != nil {
		return r.fileError(name, err)
	}
	return nil
}

// archiveFeed gives a json.Decoder one element at a time, followed by a
// space that ends a scalar. The scanner found the element's extent, so the
// Decoder never asks past it but for an error, which gets io.EOF.
type archiveFeed struct {
	elem  []byte
	space bool
}

func (f *archiveFeed) set(elem []byte) { f.elem, f.space = elem, true }

func (f *archiveFeed) Read(p []byte) (int, error) {
	if len(f.elem) == 0 {
		if !f.space || len(p) == 0 {
			return 0, io.EOF
		}
		p[0], f.space = ' ', false
		return 1, nil
	}
	n := copy(p, f.elem)
	f.elem = f.elem[n:]
	return n, nil
}

// archiveID is an id written as a string or as a number: numbers are kept
// as written, since ids exceed 2^53.
type archiveID string

// UnmarshalJSON accepts "123", 123 and null.
func (id *archiveID) UnmarshalJSON(b []byte) error {
	switch {
	case string(b) == "null":
		*id = ""
	case len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' && bytes.IndexByte(b, '\\') < 0:
		*id = archiveID(b[1 : len(b)-1])
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = archiveID(s)
	default:
		if !archiveIsNumber(string(b)) {
			return fmt.Errorf("id %s: not an integer", b)
		}
		*id = archiveID(b)
	}
	return nil
}

// archiveTweet is a post of any generation of archive: the JS files since
// 2012 all hold API v1.1 shaped posts.
type archiveTweet struct {
	IDStr     archiveID `json:"id_str"`
	ID        archiveID `json:"id"`
	CreatedAt string    `json:"created_at"`
	FullText  string    `json:"full_text"`
	Text      string    `json:"text"`
	Entities  struct {
		URLs []struct {
			ExpandedURL string `json:"expanded_url"`
		} `json:"urls"`
		Hashtags []struct {
			Text string `json:"text"`
		} `json:"hashtags"`
	} `json:"entities"`
	// RetweetedStatus is the original of a retweet in the old JS archives.
	RetweetedStatus      *archiveTweet `json:"retweeted_status"`
	QuotedStatusIDStr    archiveID     `json:"quoted_status_id_str"`
	QuotedStatusID       archiveID     `json:"quoted_status_id"`
	InReplyToStatusIDStr archiveID     `json:"in_reply_to_status_id_str"`
	InReplyToStatusID    archiveID     `json:"in_reply_to_status_id"`
	InReplyToUserIDStr   archiveID     `json:"in_reply_to_user_id_str"`
	InReplyToUserID      archiveID     `json:"in_reply_to_user_id"`
	InReplyToScreenName  string        `json:"in_reply_to_screen_name"`
	// User is the author, in the old JS archives.
	User *struct {
		IDStr archiveID `json:"id_str"`
		ID    archiveID `json:"id"`
	} `json:"user"`
}

// archiveEntry is an element of a tweets file: {"tweet": {…}} since 2020,
// the bare post before.
type archiveEntry struct {
	Tweet *archiveTweet `json:"tweet"`
	archiveTweet
}

// archiveItem is a post read, with what is needed to decide, once the
// account is known, whether it is a reply.
type archiveItem struct {
	post      moisson.Post
	inReply   bool
	replyUser string
	replyName string
	// author is the account that wrote the post, when the post says.
	author string
}

// archiveConvert turns a decoded post into an item.
func archiveConvert(t *archiveTweet) (archiveItem, error) {
	id := string(cmp.Or(t.IDStr, t.ID))
	if id == "" {
		return archiveItem{}, errors.New("post without id_str")
	}
	created, err := archiveParseTime(t.CreatedAt)
	if err != nil {
		return archiveItem{}, fmt.Errorf("post %s: created_at: %w", id, err)
	}
	p := moisson.Post{
		ID:        id,
		Source:    "x",
		CreatedAt: created,
		Text:      html.UnescapeString(cmp.Or(t.FullText, t.Text)),
		Quote:     cmp.Or(t.QuotedStatusIDStr, t.QuotedStatusID) != "",
	}
	src := t
	if rt := t.RetweetedStatus; rt != nil {
		// The retweet's own text is cut at 140 characters; the original
		// is whole.
		p.Retweet = true
		if text := cmp.Or(rt.FullText, rt.Text); text != "" {
			src = rt
			p.Text = html.UnescapeString(text)
		}
	} else if strings.HasPrefix(p.Text, "RT @") {
		p.Retweet = true
	}
	for _, u := range src.Entities.URLs {
		if u.ExpandedURL != "" {
			p.URLs = append(p.URLs, u.ExpandedURL)
		}
	}
	if len(p.URLs) == 0 {
		p.URLs = archiveTextURLs(p.Text)
	}
	for _, h := range src.Entities.Hashtags {
		p.Hashtags = archiveAddUnique(p.Hashtags, h.Text)
	}
	if len(p.Hashtags) == 0 {
		p.Hashtags = archiveTextHashtags(p.Text)
	}
	it := archiveItem{
		post:      p,
		replyUser: string(cmp.Or(t.InReplyToUserIDStr, t.InReplyToUserID)),
		replyName: t.InReplyToScreenName,
	}
	it.inReply = it.replyUser != "" || it.replyName != "" || cmp.Or(t.InReplyToStatusIDStr, t.InReplyToStatusID) != ""
	if t.User != nil {
		it.author = string(cmp.Or(t.User.IDStr, t.User.ID))
	}
	return it, nil
}

// archiveParseTime parses the dates of every archive generation.
func archiveParseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RubyDate, "2006-01-02 15:04:05 -0700", time.RFC3339Nano, "2006-01-02 15:04:05 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date", s)
}

// readCSV reads the tweets.csv of the 2012–2018 archives, giving each post
// to fn. A record (a post) is refused past maxArchiveElementBytes and a
// field past maxArchiveFieldBytes, before more of it is read.
func (r *archiveReader) readCSV(ctx context.Context, name string, fn func(*archiveItem) error) error {
	f, err := r.open(name)
	if err != nil {
		return fmt.Errorf("archive %s: %s: %w", r.path, name, err)
	}
	defer f.Close()
	lim := &archiveRecordLimit{r: f, left: maxArchiveElementBytes}
	cr := csv.NewReader(lim)
	cr.ReuseRecord = true
	lastLine := 1
	csvError := func(err error) error {
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe) && !errors.Is(err, errArchiveRecordTooLarge):
			return fmt.Errorf("archive %s: %s: line %d:%d: %w", r.path, name, pe.Line, pe.Column, pe.Err)
		case errors.Is(err, errArchiveRecordTooLarge):
			return fmt.Errorf("archive %s: %s: after line %d: %w", r.path, name, lastLine, errArchiveRecordTooLarge)
		}
		return fmt.Errorf("archive %s: %s: %w", r.path, name, err)
	}
	header, err := cr.Read()
	if err == io.EOF {
		return fmt.Errorf("archive %s: %s: empty file", r.path, name)
	}
	if err != nil {
		return csvError(err)
	}
	col := make(map[string]int, len(header))
	for i, h := range header {
		col[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	for _, need := range []string{"tweet_id", "timestamp", "text"} {
		if _, ok := col[need]; !ok {
			return fmt.Errorf("archive %s: %s: line 1: no %q column", r.path, name, need)
		}
	}
	field := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	for n := 0; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("archive %s: %s: %w", r.path, name, err)
			}
		}
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvError(err)
		}
		// csv.Reader reads ahead at most its buffer (4 KiB) past a
		// record.
		lim.left = maxArchiveElementBytes
		line, _ := cr.FieldPos(0)
		lastLine = line
		for i, v := range rec {
			if len(v) > maxArchiveFieldBytes {
				l, _ := cr.FieldPos(i)
				return fmt.Errorf("archive %s: %s: line %d: a field of more than %d MiB: refusing it (a post holds at most 25,000 characters)", r.path, name, l, maxArchiveFieldBytes>>20)
			}
		}
		id := strings.TrimSpace(field(rec, "tweet_id"))
		if id == "" {
			return fmt.Errorf("archive %s: %s: line %d: no tweet_id", r.path, name, line)
		}
		created, err := archiveParseTime(field(rec, "timestamp"))
		if err != nil {
			return fmt.Errorf("archive %s: %s: line %d: post %s: timestamp: %w", r.path, name, line, id, err)
		}
		p := moisson.Post{
			ID:        id,
			Source:    "x",
			CreatedAt: created,
			Text:      html.UnescapeString(field(rec, "text")),
		}
		p.Retweet = field(rec, "retweeted_status_id") != "" || strings.HasPrefix(p.Text, "RT @")
		p.URLs = archiveSplitURLs(field(rec, "expanded_urls"))
		if len(p.URLs) == 0 {
			p.URLs = archiveTextURLs(p.Text)
		}
		p.Hashtags = archiveTextHashtags(p.Text)
		it := archiveItem{post: p, replyUser: field(rec, "in_reply_to_user_id")}
		it.inReply = it.replyUser != "" || field(rec, "in_reply_to_status_id") != ""
		if err := fn(&it); err != nil {
			return fmt.Errorf("archive %s: %s: line %d: %w", r.path, name, line, err)
		}
	}
}

// errArchiveRecordTooLarge refuses a CSV record past maxArchiveElementBytes.
var errArchiveRecordTooLarge = fmt.Errorf("more than %d MiB without a whole record: refusing it (a post holds at most 25,000 characters)", maxArchiveElementBytes>>20)

// archiveRecordLimit fails a read once left bytes were read since the
// count was last reset, so that csv.Reader never holds a record past it.
type archiveRecordLimit struct {
	r    io.Reader
	left int64
}

func (l *archiveRecordLimit) Read(p []byte) (int, error) {
	if l.left <= -(64 << 10) {
		return 0, errArchiveRecordTooLarge
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// archiveSplitURLs splits the CSV's comma-joined expanded_urls; a piece
// that does not start a URL belongs to the previous one, whose own comma it
// was.
func archiveSplitURLs(s string) []string {
	var urls []string
	for piece := range strings.SplitSeq(s, ",") {
		lower := strings.ToLower(strings.TrimSpace(piece))
		isStart := strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
		switch {
		case isStart:
			urls = append(urls, strings.TrimSpace(piece))
		case len(urls) > 0:
			urls[len(urls)-1] += "," + piece
		}
	}
	return urls
}

// archiveTextURLs returns the http(s) links written in text, without the
// punctuation that follows them in a sentence.
func archiveTextURLs(text string) []string {
	var urls []string
	for _, u := range archiveURLPattern.FindAllString(text, -1) {
		for len(u) > 0 {
			last := u[len(u)-1]
			if strings.IndexByte(".,;:!?'\"]}", last) >= 0 ||
				last == ')' && strings.Count(u, "(") < strings.Count(u, ")") {
				u = u[:len(u)-1]
				continue
			}
			break
		}
		if i := strings.Index(u, "://"); i >= 0 && len(u) > i+3 {
			urls = append(urls, u)
		}
	}
	return urls
}

// archiveTextHashtags returns the hashtags written in text, for posts whose
// entities do not list them: '#' after no letter or digit, then letters,
// digits or '_' with at least one letter. Links are left out, for their
// fragments.
func archiveTextHashtags(text string) []string {
	if !strings.ContainsAny(text, "#＃") {
		return nil
	}
	text = archiveURLPattern.ReplaceAllString(text, " ")
	var tags []string
	var prev rune = ' '
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if (r == '#' || r == '＃') && !archiveIsTagRune(prev) && prev != '&' && prev != '/' {
			j := i + 1
			letter := false
			for j < len(rs) && archiveIsTagRune(rs[j]) {
				letter = letter || unicode.IsLetter(rs[j])
				j++
			}
			if letter {
				tags = archiveAddUnique(tags, string(rs[i+1:j]))
			}
			if j > i+1 {
				prev, i = rs[j-1], j-1
				continue
			}
		}
		prev = r
	}
	return tags
}

func archiveIsTagRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func archiveAddUnique(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// archiveNoteEntry is an element of data/note-tweet.js.
type archiveNoteEntry struct {
	NoteTweet archiveNoteTweet `json:"noteTweet"`
}

// archiveNoteTweet is a long post's note: no post id, only its time.
type archiveNoteTweet struct {
	NoteTweetID archiveID `json:"noteTweetId"`
	CreatedAt   string    `json:"createdAt"`
	Core        struct {
		Text string `json:"text"`
		URLs []struct {
			ExpandedURL string `json:"expandedUrl"`
		} `json:"urls"`
		Hashtags []struct {
			Text string `json:"text"`
		} `json:"hashtags"`
	} `json:"core"`
}

// archiveNote is the whole text of a long post.
type archiveNote struct {
	created  time.Time
	text     string
	urls     []string
	hashtags []string
}

func (n *archiveNoteTweet) note() (archiveNote, error) {
	created, err := archiveParseTime(n.CreatedAt)
	if err != nil {
		return archiveNote{}, fmt.Errorf("note %s: createdAt: %w", n.NoteTweetID, err)
	}
	note := archiveNote{created: created.Truncate(time.Second), text: html.UnescapeString(n.Core.Text)}
	for _, u := range n.Core.URLs {
		if u.ExpandedURL != "" {
			note.urls = append(note.urls, u.ExpandedURL)
		}
	}
	for _, h := range n.Core.Hashtags {
		note.hashtags = archiveAddUnique(note.hashtags, h.Text)
	}
	if len(note.hashtags) == 0 {
		note.hashtags = archiveTextHashtags(note.text)
	}
	return note, nil
}

// archiveMergeNotes gives the long posts among items their whole text from
// notes. A note has no post id: it goes to the post of the same second
// whose text starts most like it (a thread can be posted within a second).
func archiveMergeNotes(items []archiveItem, notes []archiveNote) {
	if len(notes) == 0 {
		return
	}
	bySecond := make(map[int64][]int)
	for i := range items {
		sec := items[i].post.CreatedAt.Unix()
		bySecond[sec] = append(bySecond[sec], i)
	}
	for _, n := range notes {
		best, bestScore := -1, -1
		for _, i := range bySecond[n.created.Unix()] {
			if score := archiveCommonPrefix(items[i].post.Text, n.text); score > bestScore {
				best, bestScore = i, score
			}
		}
		if best < 0 {
			continue
		}
		n.complete(&items[best].post)
	}
}

// complete gives p, the long post of the note, its whole text, links and
// hashtags.
func (n *archiveNote) complete(p *moisson.Post) {
	p.Text = n.text
	for _, u := range n.urls {
		p.URLs = archiveAddUnique(p.URLs, u)
	}
	for _, h := range n.hashtags {
		p.Hashtags = archiveAddUnique(p.Hashtags, h)
	}
}

// archiveCommonPrefix counts the bytes a and b start with in common.
func archiveCommonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// archivePosts decides which items are replies, now that the account is
// known as well as it can be, and returns the posts oldest first, each id
// once.
func archivePosts(items []archiveItem, acct archiveAccount) []moisson.Post {
	var guess archiveAccountGuess
	for i := range items {
		guess.see(acct, &items[i])
	}
	acct = guess.account(acct)
	posts := make([]moisson.Post, 0, len(items))
	for _, it := range items {
		posts = append(posts, acct.post(&it))
	}
	slices.SortStableFunc(posts, func(a, b moisson.Post) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), archiveCompareIDs(a.ID, b.ID))
	})
	return slices.CompactFunc(posts, func(a, b moisson.Post) bool { return a.ID == b.ID })
}

// archiveAccountGuess finds the account's id from its posts, when neither
// the manifest nor an account file gives it.
type archiveAccountGuess struct {
	// selfReply is the id of the first reply to the account's own name.
	selfReply string
	// author is the first author named by a post (the old JS archives).
	author string
}

// see looks at the items one at a time, in order.
func (g *archiveAccountGuess) see(acct archiveAccount, it *archiveItem) {
	if g.selfReply == "" && acct.name != "" && it.replyUser != "" && strings.EqualFold(it.replyName, acct.name) {
		g.selfReply = it.replyUser
	}
	if g.author == "" {
		g.author = it.author
	}
}

// account returns acct with its id guessed when it has none: a reply to
// oneself by name gives one's id, else the author the posts name.
func (g *archiveAccountGuess) account(acct archiveAccount) archiveAccount {
	acct.id = cmp.Or(acct.id, g.selfReply, g.author)
	return acct
}

// post returns the item's post, telling whether it is a reply to someone
// else.
func (acct archiveAccount) post(it *archiveItem) moisson.Post {
	p := it.post
	switch {
	case !it.inReply:
	case acct.id != "" && it.replyUser != "":
		p.Reply = it.replyUser != acct.id
	case acct.name != "" && it.replyName != "":
		p.Reply = !strings.EqualFold(it.replyName, acct.name)
	default:
		// The account is unknown: every reply is taken for one.
		p.Reply = true
	}
	return p
}

// archiveCompareIDs compares two post ids as the numbers they are.
func archiveCompareIDs(a, b string) int {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
}

func archiveIsNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
