//! `witlint diff OLD NEW`: what changed between two versions of a package, whom it
//! breaks, and whether the version bump covers it.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::shared::{
    Configs, Exit, FailLevel, Failure, Input, Outcome, print_stdout, write_baseline,
};
use witlint::Error;
use witlint::diff::{self, Bump, Change, Judge, Judgement, Perspective, Reported, Verdict};
use witlint::lint::{Finding, Level};
use witlint::project::{self, load::Mode};
use witlint::report;
use witlint::workspace::{self, Location};

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The old version: a WIT folder (with deps/), a .wit file or a .wasm package; with
    /// --against, the input to compare with its revision (default: ./wit or .)
    pub old: Option<PathBuf>,
    /// The new version, read the same way
    pub new: Option<PathBuf>,
    /// Compare the input in the working tree with the same path at this git revision
    /// (a tag, a branch, a commit), read from git's objects
    #[arg(long, value_name = "REV")]
    pub against: Option<String>,
    /// Count the items of these `@unstable` features as API (comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub features: Vec<String>,
    /// The release planned, when NEW still has OLD's version (as in a pull request before
    /// the bump)
    #[arg(long, value_enum)]
    pub release: Option<Release>,
    /// Hold pre-release versions (`0.2.0-draft`, `0.3.0-rc-…`) to semver by their
    /// numbers, as releases are; by default they promise nothing and only `--release` is
    /// checked
    #[arg(long)]
    pub strict_prerelease: bool,
    /// The package was renamed: compare OLD's `namespace:name` as NEW's (`--rename
    /// old:name=new:name`). Without it, two inputs that define different packages are
    /// refused
    #[arg(long, value_name = "OLD=NEW")]
    pub rename: Option<String>,
    /// Whose breakage requires a major bump: `components` (components built against OLD
    /// and code calling it, as `wasm-tools component semver-check` judges: additions to
    /// interfaces are minor), `importers`, `exporters`, or `both` (implementations too)
    #[arg(long, value_enum, default_value_t = Whose::Components)]
    pub perspective: Whose,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// With --format markdown: the URL of the `witlint docs` book the notes link into
    /// (default: links relative to the book's folder)
    #[arg(long, value_name = "URL")]
    pub docs_url: Option<String>,
    /// Config file (default: witlint.toml found upward from NEW)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Exit 1 when a finding is at or above this level (breaking changes are warnings,
    /// a short version bump and a broken convention errors)
    #[arg(long, value_enum, default_value_t = FailLevel::Error)]
    pub fail_level: FailLevel,
    /// Accept the changes recorded in this baseline file: not shown, no bump required
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's changes in this baseline file (and exit 0). An existing file that
    /// is not a witlint baseline is kept unless --force
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// With --write-baseline: overwrite a file that is not a witlint baseline
    #[arg(long, requires = "write_baseline")]
    pub force: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Whose {
    Components,
    Importers,
    Exporters,
    Both,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Release {
    Major,
    Minor,
    Patch,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Each change with its old and new locations, then the verdict
    Text,
    /// One JSON document: the changes and the verdict
    Json,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// Release notes per interface, linking into the `witlint docs` book
    Markdown,
}

pub fn run(args: &DiffArgs) -> Outcome {
    let mut failures = Vec::new();
    let (old, new, new_input) = match (&args.against, &args.old, &args.new) {
        (Some(rev), input, None) => {
            let input = match input {
                Some(path) => Input::named(path)?,
                None => Input::found_here("diff")?,
            };
            let revision = diff::read_revision(&input.path, rev).map_err(Failure::Error)?;
            // The two versions load independently: one core each.
            let (old, new) = rayon::join(
                || project::load::load(revision, Mode::Check(&[])),
                || input.load(Mode::Check(&[])),
            );
            (old, new, input)
        }
        (Some(_), _, Some(_)) => {
            return Err(Failure::usage(
                "`--against` compares one input with a revision of it",
                "`witlint diff --against REV [INPUT]`, or `witlint diff OLD NEW` without it",
            ));
        }
        (None, Some(old), Some(new)) => {
            let load = |path: &PathBuf| Input::given(path.clone()).load(Mode::Check(&[]));
            let (old_ws, new_ws) = rayon::join(|| load(old), || load(new));
            (old_ws, new_ws, Input::given(new.clone()))
        }
        (None, _, _) => {
            return Err(Failure::usage(
                "`witlint diff` needs the two versions to compare",
                "`witlint diff OLD NEW`, or `witlint diff --against REV [INPUT]`",
            ));
        }
    };
    let mut configs = Configs::new(args.config.as_deref(), &mut failures);
    let config = configs
        .of(&new_input.path, &new_input.display(), &mut failures)
        .cloned();
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            failures.extend([old.err(), new.err()].into_iter().flatten());
            return Err(Failure::Load(failures));
        }
    };
    let Some(config) = config.filter(|_| failures.is_empty()) else {
        return Err(Failure::Load(failures));
    };
    let baseline = match &args.baseline {
        Some(path) => {
            Some(project::check::load_baseline(path).map_err(|e| Error::new("baseline", e))?)
        }
        None => None,
    };
    let rename = same_package(&old, &new, args.rename.as_deref())?;
    let mut features = args.features.clone();
    features.extend(config.features.iter().cloned());
    let rename = rename.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
    let mut pairing = diff::Pairing::of(&old, &new, rename);
    pairing.features = features;
    let changes = diff::compare_paired(&pairing);
    let judge = Judge {
        perspective: match args.perspective {
            Whose::Components => Perspective::Components,
            Whose::Importers => Perspective::Importers,
            Whose::Exporters => Perspective::Exporters,
            Whose::Both => Perspective::Both,
        },
        release: args.release.map(|r| match r {
            Release::Major => Bump::Major,
            Release::Minor => Bump::Minor,
            Release::Patch => Bump::Patch,
        }),
        config: &config,
        baseline: baseline.as_ref(),
        strict_prerelease: args.strict_prerelease,
    };
    let judgement = judge.judge(&old, &new, changes);
    if let Some(path) = &args.write_baseline {
        let findings: Vec<Finding> = judgement.reported.iter().map(Reported::finding).collect();
        return write_baseline(path, args.force, &findings, Vec::new(), false);
    }
    let text = match args.format {
        DiffFormat::Text => report::escape_controls(&text(&judgement)).into_owned(),
        DiffFormat::Json => json(&judgement),
        DiffFormat::Sarif => {
            report::sarif::render(&judgement.findings(), diff::kinds::rules(), &[])
        }
        DiffFormat::Github => report::github::render(&judgement.findings(), &[]),
        DiffFormat::Markdown => {
            let links = witlint::docs::generate::book_links(&new);
            let base = args.docs_url.as_deref().map(|u| u.trim_end_matches('/'));
            let href = |item: &witlint::workspace::ItemPath| {
                let href = links.href(item)?;
                Some(match base {
                    Some(base) => format!("{base}/{href}"),
                    None => href,
                })
            };
            let changes = judgement.reported.iter().map(|r| &r.change);
            let map = diff::migration_map(&pairing, changes, &href);
            let notes = diff::release_notes(&judgement, &href, map.as_deref());
            report::escape_controls(&notes).into_owned()
        }
    };
    print_stdout(&text)?;
    let fails = args
        .fail_level
        .threshold()
        .is_some_and(|t| judgement.reaches(t));
    Ok(if fails { Exit::Findings } else { Exit::Clean })
}

/// Checks that the two versions are of one package, or of a package renamed as `--rename`
/// says; returns the rename to apply.
fn same_package(
    old: &workspace::Workspace,
    new: &workspace::Workspace,
    rename: Option<&str>,
) -> Result<Option<(String, String)>, Failure> {
    let name = |ws| diff::root_package(ws).map(workspace::unversioned_name);
    let (Some(a), Some(b)) = (name(old), name(new)) else {
        return Ok(None);
    };
    let asked = match rename {
        None => None,
        Some(r) => Some(r.split_once('=').ok_or_else(|| {
            Failure::usage(
                format!("--rename `{r}` is not OLD=NEW"),
                "name both packages: `--rename old:name=new:name`",
            )
        })?),
    };
    match asked {
        None if a == b => Ok(None),
        None => Err(Failure::usage(
            format!(
                "OLD defines `{a}` and NEW defines `{b}`: two different packages, not two versions of one"
            ),
            format!(
                "if NEW is OLD renamed, say so: `--rename {a}={b}`; otherwise compare two versions of one package"
            ),
        )),
        Some((from, to)) if from.trim() == a && to.trim() == b => Ok(Some((a, b))),
        Some((from, to)) => Err(Failure::usage(
            format!(
                "--rename `{from}={to}` does not match the inputs: OLD defines `{a}` and NEW defines `{b}`"
            ),
            format!("write `--rename {a}={b}`, or leave it out when the name did not change"),
        )),
    }
}

fn place(l: &Option<Location>) -> Option<String> {
    l.as_ref()
        .map(|l| format!("{}:{}:{}", l.file, l.line, l.column))
}

fn text(j: &Judgement) -> String {
    let mut out = String::new();
    for r in &j.reported {
        let c = &r.change;
        out.push_str(&format!(
            "{}[{}]: {}\n",
            label(c, r.level),
            c.kind.id(),
            c.message
        ));
        if let Some(p) = place(&c.old) {
            out.push_str(&format!("  --> old: {p}\n"));
        }
        if let Some(p) = place(&c.new) {
            out.push_str(&format!("  --> new: {p}\n"));
        }
        if let Some(note) = r.uncounted() {
            out.push_str(&format!("  = note: {note}\n"));
        }
        out.push('\n');
    }
    for f in &j.others {
        out.push_str(&format!(
            "{}[{}]: {}\n",
            f.level.word(),
            f.rule.id,
            f.message
        ));
        if let Some(p) = place(&f.location) {
            out.push_str(&format!("  --> {p}\n"));
        }
        if let Some(fix) = &f.fix {
            out.push_str(&format!("  = help: {}\n", fix.message));
        }
        out.push('\n');
    }
    out.push_str(&summary(j));
    out
}

/// The last line: what changed, whom it breaks, and the verdict.
fn summary(j: &Judgement) -> String {
    let v = &j.verdict;
    let changes: Vec<&Change> = j.reported.iter().map(|r| &r.change).collect();
    let count = |f: &dyn Fn(&Change) -> bool| changes.iter().filter(|c| f(c)).count();
    let additions = count(&|c| !c.unstable && c.kind.adds_api);
    let importers = count(&|c| !c.unstable && c.kind.breaks_importers);
    let exporters = count(&|c| !c.unstable && c.kind.breaks_exporters);
    let unstable = count(&|c| c.unstable);
    let accepted = match j.accepted.len() {
        0 => String::new(),
        n => format!(", {n} accepted"),
    };
    let got = match (v.actual, v.planned) {
        (Some(a), true) => format!("planned {}", a.as_str()),
        (Some(Bump::Major), false) if v.required < Bump::Major => format!(
            "got major (more than the changes need: a {} release would do)",
            v.required.as_str()
        ),
        (Some(a), false) => format!("got {}", a.as_str()),
        (None, _) if v.prerelease() => "not judged: pre-release versions promise nothing under semver (`--release major|minor|patch` checks a planned release, `--strict-prerelease` holds them to their numbers)".to_string(),
        (None, _) => "not judged: a version is missing".to_string(),
    };
    format!(
        "{} {}: {} change(s), {additions} addition(s), {importers} breaking for importers, {exporters} breaking for exporters, {unstable} to unstable items{accepted}; requires {}, {got}\n",
        v.package,
        v.versions(),
        changes.len(),
        v.required.as_str()
    )
}

/// What a change is to the reader: an error, breaking for someone, an addition, or
/// another change.
fn label(c: &Change, level: Level) -> &'static str {
    if c.unstable {
        return "unstable";
    }
    if level == Level::Error {
        return "error";
    }
    match (c.kind.breaks_importers, c.kind.breaks_exporters) {
        (true, true) => "breaking",
        (true, false) => "breaking for importers",
        (false, true) => "breaking for exporters",
        (false, false) if c.kind.adds_api => "addition",
        (false, false) => "change",
    }
}

fn json(j: &Judgement) -> String {
    #[derive(Serialize)]
    struct ChangeView<'a> {
        kind: &'static str,
        level: Level,
        path: &'a str,
        message: &'a str,
        breaks_importers: bool,
        breaks_exporters: bool,
        adds_api: bool,
        unstable: bool,
        /// The bump it requires in the chosen perspective.
        bump: Bump,
        old: Option<&'a Location>,
        new: Option<&'a Location>,
    }
    #[derive(Serialize)]
    struct OtherView<'a> {
        rule: &'static str,
        level: Level,
        path: &'a str,
        message: &'a str,
        location: Option<&'a Location>,
    }
    #[derive(Serialize)]
    struct Report<'a> {
        changes: Vec<ChangeView<'a>>,
        accepted: usize,
        findings: Vec<OtherView<'a>>,
        verdict: &'a Verdict,
    }
    let report = Report {
        changes: j
            .reported
            .iter()
            .map(|r| {
                let c = &r.change;
                ChangeView {
                    kind: c.kind.id(),
                    level: r.level,
                    path: c.path.as_str(),
                    message: &c.message,
                    breaks_importers: c.kind.breaks_importers,
                    breaks_exporters: c.kind.breaks_exporters,
                    adds_api: c.kind.adds_api,
                    unstable: c.unstable,
                    bump: r.bump,
                    old: c.old.as_ref(),
                    new: c.new.as_ref(),
                }
            })
            .collect(),
        accepted: j.accepted.len(),
        findings: j
            .others
            .iter()
            .map(|f| OtherView {
                rule: f.rule.id,
                level: f.level,
                path: f.item.as_str(),
                message: &f.message,
                location: f.location.as_ref(),
            })
            .collect(),
        verdict: &j.verdict,
    };
    let mut text = serde_json::to_string_pretty(&report).expect("plain data serializes");
    text.push('\n');
    text
}
