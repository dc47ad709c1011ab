package moisson_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestReleaseConfig reads .goreleaser.yaml: it must build the command for
// Linux, macOS and Windows from a main package that exists, ship checksums
// and the container image, and build through the module proxy so that the
// binaries carry their module version (what `moisson version` prints).
// When goreleaser is installed, its own `goreleaser check` must pass too.
func TestReleaseConfig(t *testing.T) {
	data, err := os.ReadFile(".goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Version int `yaml:"version"`
		Gomod   struct {
			Proxy bool `yaml:"proxy"`
		} `yaml:"gomod"`
		Builds []struct {
			Main   string   `yaml:"main"`
			Binary string   `yaml:"binary"`
			Goos   []string `yaml:"goos"`
		} `yaml:"builds"`
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
		} `yaml:"checksum"`
		Dockers []struct {
			Dockerfile string `yaml:"dockerfile"`
		} `yaml:"dockers_v2"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if cfg.Version != 2 {
		t.Errorf("version %d, want 2 (goreleaser v2's format)", cfg.Version)
	}
	if !cfg.Gomod.Proxy {
		t.Error("gomod.proxy is off: released binaries would not carry their module version")
	}
	if len(cfg.Builds) != 1 {
		t.Fatalf("%d builds, want 1", len(cfg.Builds))
	}
	b := cfg.Builds[0]
	if _, err := os.Stat(filepath.Join(b.Main, "main.go")); err != nil || b.Binary != "moisson" {
		t.Errorf("build of %q as %q: want ./cmd/moisson as moisson (%v)", b.Main, b.Binary, err)
	}
	for _, goos := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.Goos, goos) {
			t.Errorf("no %s build", goos)
		}
	}
	if cfg.Checksum.NameTemplate == "" {
		t.Error("no checksum file")
	}
	if len(cfg.Dockers) == 0 {
		t.Error("no container image")
	}
	for _, d := range cfg.Dockers {
		if _, err := os.Stat(d.Dockerfile); err != nil {
			t.Errorf("image's Dockerfile: %v", err)
		}
	}

	bin, err := exec.LookPath("goreleaser")
	if err != nil {
		t.Log("goreleaser is not installed: its own check is skipped (go install github.com/goreleaser/goreleaser/v2@latest)")
		return
	}
	if out, err := exec.Command(bin, "check").CombinedOutput(); err != nil {
		t.Errorf("goreleaser check: %v\n%s", err, out)
	}
}
