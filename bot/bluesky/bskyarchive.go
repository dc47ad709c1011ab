package bluesky

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/fxamacker/cbor/v2"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/internal/posttext"
)

// A Bluesky repository export is a CAR file (version 1): a DAG-CBOR
// header naming the root, then blocks, each a CID and its DAG-CBOR bytes.
// The root is the signed commit; its data is a Merkle Search Tree whose
// keys are "collection/rkey" and whose values are the records' CIDs. The
// framing is a few varints, read here; the DAG-CBOR is decoded with
// fxamacker/cbor (the official Go SDK, indigo, would bring some eighty
// modules, databases included, for this one file format).

// Limits that keep a hostile file from making the reader allocate without
// bound.
const (
	maxCARHeader = 1 << 20
	maxCARBlock  = 2 << 20 // records are at most 1 MiB; MST nodes are small
	maxCARBytes  = 4 << 30
	maxMSTDepth  = 128
)

// errCARFormat is wrapped by the errors of a file that is not a valid
// repository export.
var errCARFormat = errors.New("not a Bluesky repository export (CAR v1)")

// cidLink is a DAG-CBOR link: CBOR tag 42 holding 0x00 and the binary CID.
type cidLink []byte

// UnmarshalCBOR implements cbor.Unmarshaler.
func (c *cidLink) UnmarshalCBOR(data []byte) error {
	var tag cbor.RawTag
	if err := cbor.Unmarshal(data, &tag); err != nil {
		return err
	}
	if tag.Number != 42 {
		return fmt.Errorf("link: CBOR tag %d, want 42", tag.Number)
	}
	var b []byte
	if err := cbor.Unmarshal(tag.Content, &b); err != nil {
		return fmt.Errorf("link: %w", err)
	}
	if len(b) < 2 || b[0] != 0 {
		return errors.New("link: no multibase prefix")
	}
	*c = b[1:]
	return nil
}

type carHeader struct {
	Roots   []cidLink `cbor:"roots"`
	Version uint64    `cbor:"version"`
}

type repoCommit struct {
	DID     string  `cbor:"did"`
	Version int     `cbor:"version"`
	Data    cidLink `cbor:"data"`
}

type mstNode struct {
	L *cidLink `cbor:"l"`
	E []struct {
		P int      `cbor:"p"`
		K []byte   `cbor:"k"`
		V cidLink  `cbor:"v"`
		T *cidLink `cbor:"t"`
	} `cbor:"e"`
}

// ReadCAR reads the posts of a Bluesky repository export (the .car
// file of "Export my data", or com.atproto.sync.getRepo). It returns them
// oldest first, named as the Bluesky source names them (Source "bluesky",
// ID the post's at:// URI), so that an import and the API agree. Replies to
// other accounts are kept, flagged Reply, as the X archive's are; a quote
// credits the quoted account by its DID (the export holds no handles).
// Reposts are left out: the export holds only the reposted post's address.
func ReadCAR(ctx context.Context, path string) ([]moisson.Post, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("bluesky export: %w", err)
	}
	defer f.Close()
	posts, err := readBlueskyCAR(ctx, bufio.NewReaderSize(io.LimitReader(f, maxCARBytes), 64<<10))
	if err != nil {
		return nil, fmt.Errorf("bluesky export %s: %w", path, err)
	}
	return posts, nil
}

func readBlueskyCAR(ctx context.Context, r *bufio.Reader) ([]moisson.Post, error) {
	head, err := readCARSection(r, maxCARHeader)
	if err != nil {
		return nil, fmt.Errorf("%w: header: %w", errCARFormat, err)
	}
	var h carHeader
	if err := cbor.Unmarshal(head, &h); err != nil {
		return nil, fmt.Errorf("%w: header: %w", errCARFormat, err)
	}
	if h.Version != 1 || len(h.Roots) == 0 {
		return nil, fmt.Errorf("%w: version %d with %d roots", errCARFormat, h.Version, len(h.Roots))
	}
	blocks := make(map[string][]byte)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sec, err := readCARSection(r, maxCARBlock)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: block %d: %w", errCARFormat, len(blocks), err)
		}
		n, err := cidLen(sec)
		if err != nil {
			return nil, fmt.Errorf("%w: block %d: %w", errCARFormat, len(blocks), err)
		}
		blocks[string(sec[:n])] = sec[n:]
	}

	var commit repoCommit
	root, ok := blocks[string(h.Roots[0])]
	if !ok {
		return nil, fmt.Errorf("%w: the root commit is missing", errCARFormat)
	}
	if err := cbor.Unmarshal(root, &commit); err != nil || commit.DID == "" || len(commit.Data) == 0 {
		return nil, fmt.Errorf("%w: the root is not a repository commit", errCARFormat)
	}

	var posts []moisson.Post
	visited := make(map[string]bool)
	var walk func(link cidLink, depth int) error
	walk = func(link cidLink, depth int) error {
		if depth > maxMSTDepth || visited[string(link)] {
			return fmt.Errorf("%w: the record tree loops or is too deep", errCARFormat)
		}
		visited[string(link)] = true
		data, ok := blocks[string(link)]
		if !ok {
			return fmt.Errorf("%w: a node of the record tree is missing", errCARFormat)
		}
		var node mstNode
		if err := cbor.Unmarshal(data, &node); err != nil {
			return fmt.Errorf("%w: record tree node: %w", errCARFormat, err)
		}
		if node.L != nil {
			if err := walk(*node.L, depth+1); err != nil {
				return err
			}
		}
		var key []byte
		for _, e := range node.E {
			if e.P < 0 || e.P > len(key) {
				return fmt.Errorf("%w: record tree key prefix %d out of range", errCARFormat, e.P)
			}
			key = append(key[:e.P:e.P], e.K...)
			if rkey, ok := strings.CutPrefix(string(key), "app.bsky.feed.post/"); ok {
				if rec, ok := blocks[string(e.V)]; ok {
					var post blueskyPost
					if err := cbor.Unmarshal(rec, &post); err == nil && post.Type == "app.bsky.feed.post" {
						uri := "at://" + commit.DID + "/app.bsky.feed.post/" + rkey
						p, _ := blueskyRecordPost(uri, commit.DID, post, nil)
						if !p.CreatedAt.IsZero() {
							posts = append(posts, p)
						}
					}
				}
			}
			if e.T != nil {
				if err := walk(*e.T, depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk(commit.Data, 0); err != nil {
		return nil, err
	}
	posttext.SortByTime(posts)
	return posts, nil
}

// readCARSection reads one varint-prefixed section; io.EOF at a clean end.
func readCARSection(r *bufio.Reader, limit uint64) ([]byte, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		return nil, err
	}
	if n == 0 || n > limit {
		return nil, fmt.Errorf("section of %d bytes (limit %d)", n, limit)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("truncated section: %w", err)
	}
	return b, nil
}

// cidLen returns the length of the binary CID that starts b: a CIDv0 (a
// bare sha2-256 multihash) or a CIDv1 (version, codec, multihash).
func cidLen(b []byte) (int, error) {
	if len(b) >= 34 && b[0] == 0x12 && b[1] == 0x20 {
		return 34, nil
	}
	off := 0
	for i := 0; i < 3; i++ { // version, codec, hash function
		v, n := binary.Uvarint(b[off:])
		if n <= 0 {
			return 0, errors.New("bad CID")
		}
		if i == 0 && v != 1 {
			return 0, fmt.Errorf("CID version %d", v)
		}
		off += n
	}
	size, n := binary.Uvarint(b[off:])
	if n <= 0 || size > uint64(len(b)-off-n) {
		return 0, errors.New("bad CID digest")
	}
	return off + n + int(size), nil
}
