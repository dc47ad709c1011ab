package moisson_test

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// codeSpan matches inline code, whose text is not a link.
var codeSpan = regexp.MustCompile("`[^`]*`")

// mdLink finds the targets of Markdown links and images: [text](target).
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)

// htmlRef finds the targets of the HTML images and links a page writes
// where Markdown cannot (pictures side by side): src="…" and href="…".
var htmlRef = regexp.MustCompile(`(?:src|href)="([^"]+)"`)

// TestReadmeIsAFrontDoor checks that README.md stays short enough to read on
// a screen or two, gives the two commands a newcomer runs, and that every
// link it and the docs/ pages make to a file of the repository resolves.
func TestReadmeIsAFrontDoor(t *testing.T) {
	lines := countLines(t, "README.md")
	if lines >= 150 {
		t.Errorf("README.md has %d lines, want under 150: the reference belongs in docs/", lines)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"go run ./cmd/moisson demo", "go vet ./... && go test -race ./...", "moisson init"} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.md does not give %q", want)
		}
	}
	docs, err := filepath.Glob("docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatal("no docs/*.md: the reference is missing")
	}
	for _, file := range append([]string{"README.md"}, docs...) {
		checkLinks(t, file)
	}
}

// TestEveryDocIsLinked checks that each page of docs/ is reachable from
// the README, directly or through another page.
func TestEveryDocIsLinked(t *testing.T) {
	docs, err := filepath.Glob("docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	queue := []string{"README.md"}
	for len(queue) > 0 {
		file := queue[0]
		queue = queue[1:]
		if seen[file] {
			continue
		}
		seen[file] = true
		for _, target := range links(t, file) {
			p := resolve(file, target)
			if strings.HasSuffix(p, ".md") {
				queue = append(queue, p)
			}
		}
	}
	for _, d := range docs {
		if !seen[filepath.Clean(d)] {
			t.Errorf("%s is linked from neither README.md nor another page of docs/", d)
		}
	}
}

func countLines(t *testing.T, file string) int {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}

// links returns the repository-relative link targets of a Markdown file,
// leaving out web addresses, mail addresses and links inside code.
func links(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	fenced := false
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		line = codeSpan.ReplaceAllString(line, "")
		for _, m := range append(mdLink.FindAllStringSubmatch(line, -1), htmlRef.FindAllStringSubmatch(line, -1)...) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") || strings.HasPrefix(target, "#") {
				continue
			}
			out = append(out, target)
		}
	}
	return out
}

func resolve(from, target string) string {
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target = target[:i]
	}
	return filepath.Clean(filepath.Join(filepath.Dir(from), target))
}

func checkLinks(t *testing.T, file string) {
	t.Helper()
	for _, target := range links(t, file) {
		p := resolve(file, target)
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s links to %s, which does not exist", file, target)
		}
	}
}
