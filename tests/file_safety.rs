//! Nothing is lost: witlint writes only regular files it generated (or is told to
//! overwrite), never through a link or into a device, keeps file modes, removes only its
//! own run's pages, and leaves every file as it was when it cannot finish.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{corpus, witlint};

fn kv() -> std::path::PathBuf {
    corpus().join("WebAssembly__wasi-keyvalue/wit")
}

fn config() -> std::path::PathBuf {
    corpus().join("WebAssembly__wasi-config/wit")
}

/// Every file below `dir`, with its contents.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().filter_map(Result::ok) {
            let path = e.path();
            let kind = e.file_type().unwrap();
            if kind.is_dir() {
                stack.push(path);
            } else {
                let bytes = if kind.is_file() {
                    std::fs::read(&path).unwrap()
                } else {
                    Vec::new()
                };
                out.push((path.display().to_string(), bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_baseline_never_replaces_a_file_that_is_not_one() {
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("a.wit");
    std::fs::write(&wit, "package a:b;\ninterface i {}\n").unwrap();
    witlint()
        .args(["check", "--write-baseline"])
        .arg(&wit)
        .arg(&wit)
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_to_string(&wit).unwrap(),
        "package a:b;\ninterface i {}\n",
        "the WIT input survived"
    );
    // With --force the user says it is theirs to replace.
    let other = dir.path().join("notes.txt");
    std::fs::write(&other, "mine").unwrap();
    witlint()
        .args(["check", "--force", "--write-baseline"])
        .arg(&other)
        .arg(&wit)
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(&other)
            .unwrap()
            .contains("\"version\": 1")
    );
}

#[test]
fn a_baseline_is_not_recorded_when_an_input_fails_to_load() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    witlint()
        .args(["check", "--write-baseline"])
        .arg(&baseline)
        .arg(kv())
        .assert()
        .code(0);
    let recorded = std::fs::read_to_string(&baseline).unwrap();
    assert!(recorded.contains("error-doc-rust-syntax"), "{recorded}");
    let broken = dir.path().join("broken.wit");
    std::fs::write(&broken, "package a:b;\ninterface {").unwrap();
    witlint()
        .args(["check", "--write-baseline"])
        .arg(&baseline)
        .arg(kv())
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not written"));
    assert_eq!(std::fs::read_to_string(&baseline).unwrap(), recorded);
}

#[test]
fn links_devices_and_pipes_are_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.txt");
    std::fs::write(&target, "keep").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let fifo = dir.path().join("fifo.md");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for force in [false, true] {
        let mut cmd = witlint();
        cmd.args(["check", "--write-baseline"]).arg(&link).arg(kv());
        if force {
            cmd.arg("--force");
        }
        cmd.assert().code(2);
        let mut cmd = witlint();
        cmd.arg("docs").arg(kv()).arg("--single").arg(&link);
        if force {
            cmd.arg("--force");
        }
        cmd.assert().code(2);
        let mut cmd = witlint();
        cmd.arg("docs").arg(kv()).arg("--single").arg(&fifo);
        if force {
            cmd.arg("--force");
        }
        cmd.timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2);
    }
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    for device in ["/dev/null", "/dev/full"] {
        witlint()
            .args(["check", "--write-baseline", device])
            .arg(kv())
            .assert()
            .code(2)
            .stderr(predicates::str::contains("not a regular file"));
        let meta = std::fs::metadata(device).unwrap();
        assert!(!meta.is_file(), "{device} is still a device");
    }
}

#[test]
fn a_link_inside_the_output_folder_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ref");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("wasi")).unwrap();
    witlint()
        .arg("docs")
        .arg(kv())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("symbolic link"));
    assert!(
        snapshot(&elsewhere).is_empty(),
        "nothing was written through the link"
    );
}

/// Two packages documented into one folder, and a single file beside them: each run
/// removes only the pages its own package generated before.
#[test]
fn a_run_removes_only_its_own_stale_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ref");
    for input in [kv(), config()] {
        witlint()
            .arg("docs")
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
    }
    let single = out.join("keyvalue-imports.md");
    witlint()
        .arg("docs")
        .arg(kv())
        .arg("--single")
        .arg(&single)
        .args(["--world", "imports"])
        .assert()
        .success();
    let stale = out.join("wasi/keyvalue/gone.md");
    let header = std::fs::read_to_string(out.join("wasi/keyvalue/store.md"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    std::fs::write(&stale, format!("{header}\n\nan old page\n")).unwrap();
    witlint()
        .arg("docs")
        .arg(kv())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(!stale.exists(), "the package's own stale page is removed");
    assert!(
        out.join("wasi/config/store.md").is_file(),
        "another package's page stays"
    );
    assert!(single.is_file(), "a --single file stays");
    let summary = std::fs::read_to_string(out.join("SUMMARY.md")).unwrap();
    assert!(
        summary.contains("(wasi/config/README.md)")
            && summary.contains("(wasi/keyvalue/README.md)"),
        "both packages keep their SUMMARY entries:\n{summary}"
    );
}

/// The umask of this process, as Linux reports it.
fn umask() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
    u32::from_str_radix(line.split_whitespace().nth(1).unwrap(), 8).unwrap()
}

#[test]
fn written_files_keep_their_mode_and_new_ones_follow_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ref");
    witlint()
        .arg("docs")
        .arg(kv())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let store = out.join("wasi/keyvalue/store.md");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode(&store),
        0o666 & !umask(),
        "a new page follows the umask"
    );
    std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o640)).unwrap();
    let text = std::fs::read_to_string(&store).unwrap();
    std::fs::write(&store, text.replace("A bucket is", "A bucket was")).unwrap();
    witlint()
        .arg("docs")
        .arg(kv())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&store)
            .unwrap()
            .contains("A bucket is")
    );
    assert_eq!(mode(&store), 0o640, "a rewritten page keeps its mode");
}

#[test]
fn a_failed_run_leaves_every_file_as_it_was_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ref");
    witlint()
        .arg("docs")
        .arg(kv())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    // A killed run's leftover (two hours old), which the next run removes; one of a run
    // still writing (just now) stays.
    let leftover = out.join("wasi/keyvalue/.witlint-AbCdEf.tmp");
    std::fs::write(&leftover, "half a page").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&leftover)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    let running = out.join("wasi/keyvalue/.witlint-GhIjKl.tmp");
    std::fs::write(&running, "another run's page").unwrap();
    let store = out.join("wasi/keyvalue/store.md");
    let text = std::fs::read_to_string(&store).unwrap();
    std::fs::write(&store, text.replace("A bucket is", "A bucket was")).unwrap();
    // One page cannot be written (a folder stands where it goes): the run fails, and the
    // page it could write is not changed either.
    let blocked = out.join("wasi/keyvalue/watcher.md");
    std::fs::remove_file(&blocked).unwrap();
    std::fs::create_dir(&blocked).unwrap();
    let before = snapshot(&out);
    witlint()
        .arg("docs")
        .arg(kv())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(snapshot(&out), before, "a failed run changes nothing");
    std::fs::remove_dir(&blocked).unwrap();
    witlint()
        .arg("docs")
        .arg(kv())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(!leftover.exists(), "the leftover temporary file is gone");
    assert!(
        running.exists(),
        "a running run's staged file is left alone"
    );
    assert!(
        snapshot(&out)
            .iter()
            .all(|(p, _)| !p.contains(".witlint-") || Path::new(p) == running),
        "no temporary file of witlint's own stays"
    );
    assert!(
        std::fs::read_to_string(&store)
            .unwrap()
            .contains("A bucket is")
    );
}

/// A package large enough that `docs --out` takes a while: `n` interfaces of a few
/// documented functions, with `word` in every doc comment.
fn large_package(dir: &Path, n: usize, word: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let mut text = String::from("/// A large package.\npackage big:pkg@1.0.0;\n");
    for i in 0..n {
        text.push_str(&format!(
            "\n/// Interface {i}, {word}.\ninterface iface-{i} {{\n"
        ));
        for f in 0..8 {
            text.push_str(&format!(
                "    /// Function {f} of interface {i}, {word}.\n    fn-{f}: func(a: u32, b: string) -> result<list<u8>, string>;\n"
            ));
        }
        text.push_str("}\n");
    }
    std::fs::write(dir.join("big.wit"), text).unwrap();
}

/// Killed at any moment, `docs --out` leaves every page whole, old or new, and the next
/// run finishes the job and removes the temporary files.
#[test]
fn a_killed_run_leaves_whole_pages_and_the_next_run_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    let (old_wit, new_wit) = (dir.path().join("old"), dir.path().join("new"));
    large_package(&old_wit, 400, "first edition");
    large_package(&new_wit, 400, "second edition");
    let docs = |input: &Path, out: &Path| {
        witlint()
            .arg("docs")
            .arg(input)
            .arg("--out")
            .arg(out)
            .assert()
            .success();
    };
    let (old_out, new_out) = (dir.path().join("old-ref"), dir.path().join("new-ref"));
    docs(&old_wit, &old_out);
    docs(&new_wit, &new_out);
    let pages = |out: &Path| -> std::collections::BTreeMap<String, Vec<u8>> {
        snapshot(out)
            .into_iter()
            .map(|(p, b)| {
                (
                    p.strip_prefix(&out.display().to_string())
                        .unwrap()
                        .to_string(),
                    b,
                )
            })
            .collect()
    };
    let (old_pages, new_pages) = (pages(&old_out), pages(&new_out));
    assert!(old_pages.len() > 400);
    let exe = assert_cmd::cargo::cargo_bin("witlint");
    // Delays across the run: while it reads and renders, and while it writes.
    for delay_ms in [100, 500, 800, 950, 1100] {
        let book = dir.path().join(format!("book-{delay_ms}"));
        copy_dir(&old_out, &book);
        let mut child = std::process::Command::new(&exe)
            .arg("docs")
            .arg(&new_wit)
            .arg("--out")
            .arg(&book)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        for (page, bytes) in pages(&book) {
            if page.contains(".witlint-") {
                continue; // the killed run's temporary file: removed by a run an hour later
            }
            assert!(
                old_pages.get(&page) == Some(&bytes) || new_pages.get(&page) == Some(&bytes),
                "{page} is neither the old page nor the new one after a kill at {delay_ms} ms"
            );
        }
        if delay_ms == 800 {
            // An hour later, the next run removes what the killed one left.
            for (page, _) in snapshot(&book) {
                if page.contains(".witlint-") {
                    std::fs::File::options()
                        .write(true)
                        .open(&page)
                        .unwrap()
                        .set_modified(
                            std::time::SystemTime::now() - std::time::Duration::from_secs(7200),
                        )
                        .unwrap();
                }
            }
            docs(&new_wit, &book);
            assert_eq!(pages(&book), new_pages, "the next run finishes the job");
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().filter_map(Result::ok) {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// More pages than the process may hold files open: every page is written (a staged
/// page holds no open file).
#[test]
fn a_run_writes_more_pages_than_it_may_open_files() {
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    large_package(&wit, 300, "edition");
    let out = dir.path().join("ref");
    let exe = assert_cmd::cargo::cargo_bin("witlint");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -n 64 && exec "$0" docs "$1" --out "$2""#)
        .arg(&exe)
        .arg(&wit)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        std::fs::read_dir(out.join("big/pkg")).unwrap().count(),
        301,
        "a page per interface and the package's"
    );
}
