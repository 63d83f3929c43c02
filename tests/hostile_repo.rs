//! Repositories are untrusted: a fork, a tag or an archive with its own `.git/` may hold
//! crafted trees (entries named `..`), option-like revision names, huge blobs, and config
//! that names programs (`core.fsmonitor`, clean/smudge filters, `core.sshCommand` for a
//! lazy fetch). `diff --against` and `build` read git's objects into memory and run none
//! of those programs; nothing is written outside the target.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::witlint;

const API: &str = "package ex:api@0.1.0;\n\n/// A store.\ninterface store {\n    /// Gets.\n    get: func(key: string) -> option<string>;\n}\n";

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap_or_else(|e| panic!("cannot run git ({e}): install git"));
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// `git mktree` of entries `(mode, type, id, name)`; `--missing` lets an entry name an
/// object the repository lacks.
fn mktree(dir: &Path, entries: &[(&str, &str, &str, &str)], missing: bool) -> String {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir).arg("mktree");
    if missing {
        cmd.arg("--missing");
    }
    let input: String = entries
        .iter()
        .map(|(mode, kind, id, name)| format!("{mode} {kind} {id}\t{name}\n"))
        .collect();
    let mut child = cmd
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "mktree {input}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn blob(dir: &Path, text: &str) -> String {
    let file = dir.join(".blob.tmp");
    std::fs::write(&file, text).unwrap();
    let id = git(dir, &["hash-object", "-w", ".blob.tmp"]);
    std::fs::remove_file(file).unwrap();
    id
}

/// A repository with `wit/api.wit` committed and tagged `v0.1.0`.
fn repo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().join("repo");
    std::fs::create_dir_all(top.join("wit")).unwrap();
    std::fs::write(top.join("wit/api.wit"), API).unwrap();
    git(&top, &["init", "-q"]);
    git(&top, &["add", "."]);
    git(&top, &["commit", "-qm", "v0.1.0"]);
    git(&top, &["tag", "v0.1.0"]);
    (dir, top)
}

/// A commit of `tree`, tagged `tag`.
fn tag_tree(top: &Path, tree: &str, tag: &str) {
    let commit = git(top, &["commit-tree", tree, "-m", tag]);
    git(top, &["tag", tag, &commit]);
}

#[test]
fn a_tree_entry_named_dot_dot_is_refused_and_nothing_is_written() {
    let (dir, top) = repo();
    let victim = dir.path().join("victim.wit");
    std::fs::write(&victim, "mine\n").unwrap();
    // wit/../../../(…)/<dir>/victim.wit, as a crafted tree spells it.
    let evil = blob(&top, "package ex:api@0.1.0;\n");
    let mut tree = mktree(&top, &[("100644", "blob", &evil, "victim.wit")], false);
    let parts: Vec<String> = dir
        .path()
        .components()
        .skip(1)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for part in parts.iter().rev() {
        tree = mktree(&top, &[("040000", "tree", &tree, part)], false);
    }
    for _ in 0..24 {
        tree = mktree(&top, &[("040000", "tree", &tree, "..")], false);
    }
    let api = blob(&top, API);
    let wit = mktree(
        &top,
        &[
            ("040000", "tree", &tree, ".."),
            ("100644", "blob", &api, "api.wit"),
        ],
        false,
    );
    let root = mktree(&top, &[("040000", "tree", &wit, "wit")], false);
    tag_tree(&top, &root, "evil");
    let out = witlint()
        .current_dir(&top)
        .args(["diff", "--against", "evil", "wit"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not a plain path"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine\n");
}

#[test]
fn option_like_and_unknown_revisions_are_refused() {
    let (dir, top) = repo();
    for rev in [
        "--output=x",
        "-p",
        "--format=../../x",
        "no-such-tag",
        "HEAD:wit/api.wit",
    ] {
        let out = witlint()
            .current_dir(&top)
            .arg("diff")
            .arg(format!("--against={rev}"))
            .arg("wit")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{rev}: {stderr}");
        assert!(stderr.contains("error[git]"), "{rev}: {stderr}");
    }
    assert!(!top.join("x").exists() && !dir.path().join("x").exists());
    // `--format` of ls-tree chooses the paths a reader would write: beside the temporary
    // folder, here. (A tag named like the input is the tree git lists then.)
    git(&top, &["tag", "wit"]);
    let tmp = dir.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let out = witlint()
        .current_dir(&top)
        .env("TMPDIR", &tmp)
        .arg("diff")
        .arg("--against=--format=%(objectmode) %(objecttype) %(objectname)%x09../escaped.wit")
        .arg("wit")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!tmp.join("escaped.wit").exists(), "written outside");
    // A tree id works like a commit.
    let tree = git(&top, &["rev-parse", "v0.1.0^{tree}"]);
    witlint()
        .current_dir(&top)
        .args(["diff", "--against", &tree, "wit"])
        .assert()
        .success();
}

#[test]
fn a_blob_over_the_size_limit_is_refused_before_it_is_read() {
    let (_dir, top) = repo();
    let huge = format!("{API}{}", "// filler\n".repeat(1_700_000));
    std::fs::write(top.join("wit/api.wit"), huge).unwrap();
    git(&top, &["commit", "-qam", "huge"]);
    git(&top, &["tag", "huge"]);
    std::fs::write(top.join("wit/api.wit"), API).unwrap();
    let out = witlint()
        .current_dir(&top)
        .args(["diff", "--against", "huge", "wit"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    // Refused from git's listing, by the blob's size: never read into memory.
    assert!(
        stderr.contains("at that revision, more than the 16 MiB"),
        "{stderr}"
    );
}

/// A script that leaves `marker` when run.
fn marker_script(dir: &Path, marker: &Path) -> PathBuf {
    let script = dir.join("evil.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\ntouch '{}'\ncat\n", marker.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

#[test]
fn no_program_named_by_repository_config_runs() {
    let (dir, top) = repo();
    let marker = dir.path().join("ran");
    let script = marker_script(dir.path(), &marker);
    let script = script.display().to_string();
    std::fs::write(top.join(".gitattributes"), "*.wit filter=evil\n").unwrap();
    git(&top, &["config", "core.fsmonitor", &script]);
    git(&top, &["config", "filter.evil.clean", &script]);
    git(&top, &["config", "filter.evil.smudge", &script]);
    git(&top, &["config", "filter.evil.required", "true"]);
    git(&top, &["config", "core.sshCommand", &script]);
    git(&top, &["config", "core.pager", &script]);
    git(
        &top,
        &["config", "core.hooksPath", dir.path().to_str().unwrap()],
    );
    assert!(!marker.exists());
    // A file stat-dirty against the index, as an archive's files are.
    let text = std::fs::read_to_string(top.join("wit/api.wit")).unwrap();
    std::fs::write(top.join("wit/api.wit"), text).unwrap();
    witlint()
        .current_dir(&top)
        .args(["diff", "--against", "v0.1.0", "wit"])
        .assert()
        .success();
    let out = dir.path().join("api.wasm");
    witlint()
        .current_dir(&top)
        .args(["build", "--allow-missing-metadata", "wit", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(!marker.exists(), "a program of the repository's config ran");

    // A partial clone whose tag names a blob it lacks: git would fetch it lazily over
    // ssh, running core.sshCommand.
    git(&top, &["config", "core.repositoryformatversion", "1"]);
    git(&top, &["config", "extensions.partialClone", "origin"]);
    git(
        &top,
        &[
            "config",
            "remote.origin.url",
            "ssh://example.invalid/repo.git",
        ],
    );
    git(&top, &["config", "remote.origin.promisor", "true"]);
    let absent = "1234567890123456789012345678901234567890";
    let wit = mktree(&top, &[("100644", "blob", absent, "api.wit")], true);
    let root = mktree(&top, &[("040000", "tree", &wit, "wit")], true);
    tag_tree(&top, &root, "lazy");
    let out = witlint()
        .current_dir(&top)
        .args(["diff", "--against", "lazy", "wit"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!marker.exists(), "a lazy fetch ran core.sshCommand");
}

/// The revision a build records: HEAD only when the files witlint read are HEAD's bytes,
/// also when `git status` would say clean (an assume-unchanged file).
#[test]
fn the_recorded_revision_is_head_only_for_heads_bytes() {
    let (dir, top) = repo();
    let head = git(&top, &["rev-parse", "HEAD"]);
    let out = dir.path().join("api.wasm");
    let build = |force: bool| {
        let mut cmd = witlint();
        cmd.current_dir(&top)
            .args(["build", "--allow-missing-metadata", "wit", "-o"])
            .arg(&out);
        if force {
            cmd.arg("--force");
        }
        let run = cmd.output().unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        String::from_utf8_lossy(&run.stderr).into_owned()
    };
    let clean = build(false);
    assert!(clean.contains(&format!("revision: {head}")), "{clean}");
    git(&top, &["update-index", "--assume-unchanged", "wit/api.wit"]);
    std::fs::write(
        top.join("wit/api.wit"),
        API.replace("Gets.", "Gets a value."),
    )
    .unwrap();
    assert_eq!(
        git(&top, &["status", "--porcelain"]),
        "",
        "git sees no change"
    );
    let changed = build(true);
    assert!(!changed.contains("revision:"), "{changed}");
}

/// A symbolic link committed at the revision (a `.wit` pointing at a file outside the
/// repository) is not followed: its target is neither read nor written.
#[test]
fn a_committed_symbolic_link_is_not_followed() {
    let (dir, top) = repo();
    let outside = dir.path().join("outside.wit");
    std::fs::write(&outside, "package evil:outside@9.9.9;\ninterface x {}\n").unwrap();
    std::os::unix::fs::symlink(&outside, top.join("wit/link.wit")).unwrap();
    git(&top, &["add", "wit/link.wit"]);
    git(&top, &["commit", "-qm", "link"]);
    git(&top, &["tag", "link"]);
    std::fs::remove_file(top.join("wit/link.wit")).unwrap();
    let out = witlint()
        .current_dir(&top)
        .args(["diff", "--against", "link", "wit"])
        .output()
        .unwrap();
    let all = String::from_utf8_lossy(&[out.stdout, out.stderr].concat()).into_owned();
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert!(!all.contains("evil:outside"), "{all}");
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "package evil:outside@9.9.9;\ninterface x {}\n"
    );
}
