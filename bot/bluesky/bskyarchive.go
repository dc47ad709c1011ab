package bluesky

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/fxamacker/cbor/v2"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/internal/postimport"
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
	return postimport.Collect(func(fn func(moisson.Post) error) error { return EachCARPost(ctx, path, fn) })
}

// ImportResult says what ImportCAR read and stored.
type ImportResult = postimport.Result

// ImportCAR reads a Bluesky repository export (see ReadCAR) and saves its
// posts into st (archive.Store). The posts are sorted a few thousand at a
// time and spilled to a temporary file as they are read, then merged and
// saved in the store's order, so they are never all in memory; what
// EachCARPost keeps in memory is said there. An export that fails to read
// is refused before anything is written.
func ImportCAR(ctx context.Context, path string, st postimport.Saver) (ImportResult, error) {
	return postimport.Import(ctx, st, "bluesky export "+path, func(fn func(moisson.Post) error) error { return EachCARPost(ctx, path, fn) })
}

// EachCARPost reads a Bluesky repository export (see ReadCAR) and calls fn
// with each post, in the order of the record tree's keys (the posts'
// record keys), until fn fails.
//
// A CAR's records are reached through the Merkle Search Tree, and a CAR
// may hold its blocks in any order, so the file is read twice: a first
// pass reads it through and keeps, for each block, where it lies in the
// file (a map entry of 32 bytes a block: about 12 MiB with the map's
// overhead for 200k posts); the second walks the tree from the root
// commit, keeping the set of nodes visited, and reads each node and
// record from the file when it is reached. That index and that set are
// the memory that grows with the export: no block's bytes are kept beyond
// its use, besides the nodes on the path from the root (at most 128 deep).
func EachCARPost(ctx context.Context, path string, fn func(moisson.Post) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("bluesky export: %w", err)
	}
	defer f.Close()
	if err := eachCARPost(ctx, f, fn); err != nil {
		return fmt.Errorf("bluesky export %s: %w", path, err)
	}
	return nil
}

// blockKey is how a block is known in the index: the first half of the
// SHA-256 of its CID (fixed size, so the index allocates nothing a
// block; 128 bits, so no two CIDs of a file meet).
type blockKey [16]byte

func keyOf(cid []byte) blockKey {
	sum := sha256.Sum256(cid)
	return blockKey(sum[:16])
}

// blockRef is where a block's data lies in the file.
type blockRef struct {
	off int64
	n   uint32
}

func eachCARPost(ctx context.Context, f *os.File, fn func(moisson.Post) error) error {
	r := &carReader{r: bufio.NewReaderSize(io.LimitReader(f, maxCARBytes), 64<<10)}
	head, err := r.section(maxCARHeader)
	if err != nil {
		return fmt.Errorf("%w: header: %w", errCARFormat, err)
	}
	var h carHeader
	if err := cbor.Unmarshal(head, &h); err != nil {
		return fmt.Errorf("%w: header: %w", errCARFormat, err)
	}
	if h.Version != 1 || len(h.Roots) == 0 {
		return fmt.Errorf("%w: version %d with %d roots", errCARFormat, h.Version, len(h.Roots))
	}
	index := make(map[blockKey]blockRef)
	for i := 0; ; i++ {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		key, ref, err := r.block()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%w: block %d: %w", errCARFormat, i, err)
		}
		index[key] = ref
	}
	read := func(link []byte) ([]byte, bool, error) {
		ref, ok := index[keyOf(link)]
		if !ok {
			return nil, false, nil
		}
		b := make([]byte, ref.n)
		if _, err := f.ReadAt(b, ref.off); err != nil {
			return nil, false, fmt.Errorf("read block at %d: %w", ref.off, err)
		}
		return b, true, nil
	}

	var commit repoCommit
	root, ok, err := read(h.Roots[0])
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: the root commit is missing", errCARFormat)
	}
	if err := cbor.Unmarshal(root, &commit); err != nil || commit.DID == "" || len(commit.Data) == 0 {
		return fmt.Errorf("%w: the root is not a repository commit", errCARFormat)
	}

	visited := make(map[blockKey]bool)
	seen := 0
	var walk func(link cidLink, depth int) error
	walk = func(link cidLink, depth int) error {
		k := keyOf(link)
		if depth > maxMSTDepth || visited[k] {
			return fmt.Errorf("%w: the record tree loops or is too deep", errCARFormat)
		}
		visited[k] = true
		data, ok, err := read(link)
		if err != nil {
			return err
		}
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
				if seen++; seen%1024 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				rec, ok, err := read(e.V)
				if err != nil {
					return err
				}
				if ok {
					var post blueskyPost
					if err := cbor.Unmarshal(rec, &post); err == nil && post.Type == "app.bsky.feed.post" {
						uri := "at://" + commit.DID + "/app.bsky.feed.post/" + rkey
						p, _ := blueskyRecordPost(uri, commit.DID, post, nil)
						if !p.CreatedAt.IsZero() {
							if err := fn(p); err != nil {
								return fmt.Errorf("record %s: %w", uri, err)
							}
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
	return walk(commit.Data, 0)
}

// carReader reads a CAR's varint-prefixed sections, counting its offset.
type carReader struct {
	r   *bufio.Reader
	off int64
}

// length reads a section's length; io.EOF at a clean end.
func (c *carReader) length(limit uint64) (uint64, error) {
	n, err := binary.ReadUvarint(c)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return 0, io.EOF
		}
		return 0, err
	}
	if n == 0 || n > limit {
		return 0, fmt.Errorf("section of %d bytes (limit %d)", n, limit)
	}
	return n, nil
}

// ReadByte implements io.ByteReader.
func (c *carReader) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.off++
	}
	return b, err
}

// section reads one section whole (the header).
func (c *carReader) section(limit uint64) ([]byte, error) {
	n, err := c.length(limit)
	if err != nil {
		return nil, err
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(c.r, b); err != nil {
		return nil, fmt.Errorf("truncated section: %w", err)
	}
	c.off += int64(n)
	return b, nil
}

// block reads a block's CID and skips its data, returning the CID's key
// and where the data lies; io.EOF at a clean end.
func (c *carReader) block() (blockKey, blockRef, error) {
	n, err := c.length(maxCARBlock)
	if err != nil {
		return blockKey{}, blockRef{}, err
	}
	// A CID is a few dozen bytes (36 for sha2-256).
	head, err := c.r.Peek(int(min(n, 128)))
	if err != nil {
		return blockKey{}, blockRef{}, fmt.Errorf("truncated section: %w", err)
	}
	cl, err := cidLen(head)
	if err != nil {
		return blockKey{}, blockRef{}, err
	}
	key := keyOf(head[:cl])
	ref := blockRef{off: c.off + int64(cl), n: uint32(n) - uint32(cl)}
	skipped, err := c.r.Discard(int(n))
	c.off += int64(skipped)
	if err != nil {
		return blockKey{}, blockRef{}, fmt.Errorf("truncated section: %w", err)
	}
	return key, ref, nil
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
