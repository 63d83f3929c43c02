//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]

pub mod lsp_client;
pub mod oracle;

use std::path::PathBuf;

use assert_cmd::Command;

/// The shared corpus of real WIT, read in place (third-party text, never copied).
pub fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// Every entry of the corpus with a `wit/` folder (each `<entry>/wit`), WASI or not,
/// sorted: an entry added later is tested too.
pub fn entries_with_wit() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("corpus is beside the repo")
        .filter_map(Result::ok)
        .map(|e| e.path().join("wit"))
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

/// The entries of other projects than WASI (hosts, SDKs, extension APIs, examples): every
/// entry with a `wit/` folder whose name does not start with `WebAssembly__`.
pub fn non_wasi_entries() -> Vec<PathBuf> {
    entries_with_wit()
        .into_iter()
        .filter(|p| !entry_name(p).starts_with("WebAssembly__"))
        .collect()
}

/// The corpus entry an `<entry>/wit` path belongs to.
pub fn entry_name(wit: &std::path::Path) -> String {
    wit.parent()
        .and_then(|e| e.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `witlint` run from the repository root, without colour.
pub fn witlint() -> Command {
    let mut cmd = Command::cargo_bin("witlint").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    cmd
}

/// Runs a witlint command that must succeed (its stderr says why not) and returns its
/// stdout.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("witlint runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs `witlint check --format json` and returns (exit code, parsed report).
pub fn check_json(args: &[&str]) -> (i32, serde_json::Value) {
    let out = witlint()
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .expect("runs");
    let code = out.status.code().expect("exit code");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (code, json)
}

/// The findings of a JSON report whose rule is `rule`.
pub fn findings_of<'a>(report: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

/// A program on PATH, for the benchmarks that compare with peer tools.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Runs per measurement in the benchmarks: `WITLINT_BENCH_RUNS`, default 21.
pub fn bench_runs() -> usize {
    std::env::var("WITLINT_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(21)
}

/// `witlint scaffold ARGS… --out OUT`.
pub fn scaffold(args: &[&str], out: &std::path::Path) -> assert_cmd::assert::Assert {
    witlint()
        .arg("scaffold")
        .args(args)
        .arg("--out")
        .arg(out)
        .assert()
}

/// A copy of a folder, every file writable (the corpus is read-only; a copy is the
/// test's to edit).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::write(&target, std::fs::read(entry.path()).unwrap()).unwrap();
        }
    }
}

/// The large package of the benchmarks (`../shared/tools/gen_large_wit.py`), written to
/// `dir`: `interfaces` interfaces of `funcs` functions each.
pub fn generate_large_package(dir: &std::path::Path, interfaces: &str, funcs: &str) {
    let generator = corpus().join("../tools/gen_large_wit.py");
    let made = std::process::Command::new("python3")
        .arg(&generator)
        .arg(dir)
        .args([interfaces, funcs])
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs the generator");
    assert!(made.success(), "{} failed", generator.display());
}

/// Small, deterministic random numbers (xorshift64*): a failure is reproduced by its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Every file below `dir`, sorted.
pub fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Makes a copy of the (read-only) corpus the user's own: files and folders writable, so
/// witlint may replace them.
pub fn writable(path: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if path.is_dir() { 0o755 } else { 0o644 };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            writable(&entry.unwrap().path());
        }
    }
}

/// Builds the book in `book` into `dest` with the real mdBook (`MDBOOK`, else `mdbook` on
/// the PATH; .ci/run installs it), this witlint first on the PATH for the preprocessor.
pub fn mdbook_build(book: &std::path::Path, dest: &std::path::Path) {
    let mdbook = std::env::var_os("MDBOOK").map_or_else(|| PathBuf::from("mdbook"), PathBuf::from);
    let probe = std::process::Command::new(&mdbook)
        .arg("--version")
        .output();
    assert!(
        probe.is_ok_and(|p| p.status.success()),
        "mdbook is not installed: run `cargo install mdbook --locked --no-default-features --features search` (.ci/run does)"
    );
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_witlint"));
    let path = std::env::join_paths(std::iter::once(exe.parent().unwrap().to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let out = std::process::Command::new(&mdbook)
        .args(["build", "--dest-dir"])
        .arg(dest)
        .current_dir(book)
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "mdbook build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
