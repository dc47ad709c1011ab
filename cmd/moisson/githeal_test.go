package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
)

// healBlog is gitBlog with a first commit pushed.
func healBlog(t *testing.T) (remote, blog string) {
	t.Helper()
	return initBlog(t, map[string]string{"_config.yml": "title: blog\n"})
}

// A remote that refuses the push: the real binary's `status` says the
// week is written, not pushed, with git's message, until a push goes
// through.
func TestStatusShowsWrittenNotPushedUntilPushed(t *testing.T) {
	remote, blog := healBlog(t)
	home := t.TempDir()
	db := filepath.Join(home, "moisson.db")
	dc := digest.DefaultConfig()
	w, err := dc.ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	st, err := archive.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	u := "https://blog.example/post"
	if _, err := st.Save(ctx, []moisson.Post{{ID: "1", Source: "x", CreatedAt: w.End.Add(-48 * time.Hour), Text: "A post", URLs: []string{u}}}, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := st.PutPage(ctx, moisson.Page{URL: u, Title: "A post", Lead: "Its lead.", Status: 200}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	hook := filepath.Join(remote, "hooks", "pre-receive")
	if err := os.WriteFile(hook, []byte("#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	environ := baseEnviron(home, "MOISSON_DB="+db, "MOISSON_BLOG_DIR="+blog, "MOISSON_GIT_PUSH=1", "MOISSON_TZ=Europe/Paris")
	moisson := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(moissonBinary(t), args...)
		cmd.Dir, cmd.Env = home, environ
		out, err := cmd.CombinedOutput()
		if err != nil && args[0] != "status" {
			t.Fatalf("moisson %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}

	out := moisson("digest", "--week", w.ID)
	if !strings.Contains(out, "written, not pushed") {
		t.Errorf("digest's log does not warn of the refused push:\n%s", out)
	}
	status := moisson("status")
	for _, want := range []string{"written, not pushed", "pushes are closed today", "1 attempt"} {
		if !strings.Contains(status, want) {
			t.Errorf("status lacks %q:\n%s", want, status)
		}
	}

	if err := os.Remove(hook); err != nil {
		t.Fatal(err)
	}
	moisson("digest", "--week", w.ID)
	if !strings.Contains(gitRun(t, remote, "log", "--format=%s", "main"), "week 2014-W40") {
		t.Fatal("the week is not on the remote")
	}
	if status := moisson("status"); strings.Contains(status, "not pushed") {
		t.Errorf("status still says not pushed:\n%s", status)
	}
}

// What would make every cycle fail is told once, at start, by `config`,
// `status` and `run`, with the fix: no origin, a detached HEAD.
func TestGitProblemsFoundAtStart(t *testing.T) {
	_, blog := healBlog(t)
	gitRun(t, blog, "remote", "remove", "origin")
	gitRun(t, blog, "checkout", "--quiet", "--detach")
	home := t.TempDir()
	environ := []string{"MOISSON_DB=" + filepath.Join(home, "moisson.db"), "MOISSON_LOG_LEVEL=error",
		"MOISSON_BLOG_DIR=" + blog, "MOISSON_GIT_PUSH=1", "MOISSON_FEEDS=http://127.0.0.1:1/feed"}
	wants := []string{"no remote named origin", "git remote add origin", "HEAD is detached", "git switch"}

	_, _, err := run(t, environ, "config")
	if err == nil {
		t.Fatal("config: no error for a checkout that cannot push")
	}
	for _, want := range wants {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("config error lacks %q: %v", want, err)
		}
	}
	_, _, err = run(t, environ, "run", "--once")
	if err == nil {
		t.Fatal("run: started with a checkout that cannot push")
	}
	for _, want := range wants {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("run error lacks %q: %v", want, err)
		}
	}
	// status needs a store: one made by an import of nothing.
	st, err := archive.Open(filepath.Join(home, "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, _, err := run(t, environ, "status")
	if err != nil {
		t.Fatalf("status: %v", err)
	}
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
}
