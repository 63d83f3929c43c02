//! `witlint diff OLD NEW`: what changed between two versions of a package, whom it
//! breaks, and whether the version bump covers it.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::shared::{Exit, Failure, Input, Outcome, print_stdout};
use witlint::diff::{self, Bump, Change, Perspective};
use witlint::workspace::{self, LoadError, Location, Workspace};

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
    /// Whose breakage requires a major bump
    #[arg(long, value_enum, default_value_t = Whose::Both)]
    pub perspective: Whose,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Whose {
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
    Text,
    Json,
}

pub fn run(args: &DiffArgs) -> Outcome {
    let (old, new) = match (&args.against, &args.old, &args.new) {
        (Some(rev), input, None) => {
            let input = match input {
                Some(path) => Input::given(path.clone()),
                None => Input::found_here()?,
            };
            let revision = diff::read_revision(&input.path, rev).map_err(Failure::Error)?;
            // The two versions load independently: one core each.
            let (old, new) = rayon::join(
                || workspace::load_as(&revision.path, &revision.shown, Some(&[])),
                || input.load(Some(&[])),
            );
            loaded(old, new)?
        }
        (Some(_), _, Some(_)) => {
            return Err(Failure::usage(
                "`--against` compares one input with a revision of it",
                "`witlint diff --against REV [INPUT]`, or `witlint diff OLD NEW` without it",
            ));
        }
        (None, Some(old), Some(new)) => {
            let load = |path: &PathBuf| Input::given(path.clone()).load(Some(&[]));
            let (old, new) = rayon::join(|| load(old), || load(new));
            loaded(old, new)?
        }
        (None, _, _) => {
            return Err(Failure::usage(
                "`witlint diff` needs the two versions to compare",
                "`witlint diff OLD NEW`, or `witlint diff --against REV [INPUT]`",
            ));
        }
    };
    let perspective = match args.perspective {
        Whose::Importers => Perspective::Importers,
        Whose::Exporters => Perspective::Exporters,
        Whose::Both => Perspective::Both,
    };
    let changes = diff::compare_with_features(&old, &new, &args.features);
    let mut verdict = Verdict::of(&old, &new, &changes, perspective);
    if let Some(release) = args.release {
        verdict.planned(match release {
            Release::Major => Bump::Major,
            Release::Minor => Bump::Minor,
            Release::Patch => Bump::Patch,
        });
    }
    let text = match args.format {
        DiffFormat::Text => text(&changes, &verdict),
        DiffFormat::Json => json(&changes, &verdict),
    };
    print_stdout(&text)?;
    let broken_convention = changes.iter().any(|c| c.kind.convention && !c.unstable);
    Ok(if verdict.insufficient() || broken_convention {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

/// Both versions, or why they could not be loaded (both reported).
fn loaded(
    old: Result<Workspace, LoadError>,
    new: Result<Workspace, LoadError>,
) -> Result<(Workspace, Workspace), Failure> {
    match (old, new) {
        (Ok(old), Ok(new)) => Ok((old, new)),
        (old, new) => Err(Failure::Load(
            [old.err(), new.err()].into_iter().flatten().collect(),
        )),
    }
}

/// The package compared, its two versions, and the bump the changes require.
#[derive(Serialize)]
struct Verdict {
    package: String,
    old_version: Option<String>,
    new_version: Option<String>,
    required: Bump,
    /// `None` when a version is missing or a pre-release (which promises nothing).
    actual: Option<Bump>,
}

impl Verdict {
    fn of(old: &Workspace, new: &Workspace, changes: &[Change], who: Perspective) -> Verdict {
        let name = |ws: &Workspace| {
            ws.roots
                .first()
                .map(|&p| ws.resolve.packages[p].name.clone())
        };
        let (old_name, new_name) = (name(old), name(new));
        let version = |n: &Option<wit_bindgen_core::wit_parser::PackageName>| {
            n.as_ref().and_then(|n| n.version.clone())
        };
        let (old_v, new_v) = (version(&old_name), version(&new_name));
        let actual_bump = match (&old_v, &new_v) {
            (Some(a), Some(b)) => diff::actual_bump(a, b),
            _ => None,
        };
        let required_bump = diff::required_bump(changes, who);
        Verdict {
            package: new_name
                .or(old_name)
                .map(|n| format!("{}:{}", n.namespace, n.name))
                .unwrap_or_default(),
            old_version: old_v.map(|v| v.to_string()),
            new_version: new_v.map(|v| v.to_string()),
            required: required_bump,
            actual: actual_bump,
        }
    }

    /// Judges the release planned rather than the versions' difference.
    fn planned(&mut self, bump: Bump) {
        self.actual = Some(bump);
    }

    fn insufficient(&self) -> bool {
        self.actual.is_some_and(|a| a < self.required)
    }
}

fn place(l: &Option<Location>) -> Option<String> {
    l.as_ref()
        .map(|l| format!("{}:{}:{}", l.file, l.line, l.column))
}

fn text(changes: &[Change], v: &Verdict) -> String {
    let mut out = String::new();
    for c in changes {
        out.push_str(&format!("{}[{}]: {}\n", label(c), c.kind.id, c.message));
        if let Some(p) = place(&c.old) {
            out.push_str(&format!("  --> old: {p}\n"));
        }
        if let Some(p) = place(&c.new) {
            out.push_str(&format!("  --> new: {p}\n"));
        }
        out.push('\n');
    }
    let count = |f: &dyn Fn(&Change) -> bool| changes.iter().filter(|c| f(c)).count();
    let additions = count(&|c| !c.unstable && c.kind.adds_api);
    let importers = count(&|c| !c.unstable && c.kind.breaks_importers);
    let exporters = count(&|c| !c.unstable && c.kind.breaks_exporters);
    let unstable = count(&|c| c.unstable);
    let versions = format!(
        "{} → {}",
        v.old_version.as_deref().unwrap_or("(no version)"),
        v.new_version.as_deref().unwrap_or("(no version)")
    );
    let got = match v.actual {
        Some(a) => format!("got {}", a.as_str()),
        None => "versions that promise nothing (missing or pre-release)".to_string(),
    };
    out.push_str(&format!(
        "{} {versions}: {} change(s), {additions} addition(s), {importers} breaking for importers, {exporters} breaking for exporters, {unstable} to unstable items; requires {}, {got}\n",
        v.package,
        changes.len(),
        v.required.as_str()
    ));
    out
}

/// What a change is to the reader: breaking for someone, an addition, or neither.
fn label(c: &Change) -> &'static str {
    if c.unstable {
        return "unstable";
    }
    if c.kind.convention {
        return "error";
    }
    match (c.kind.breaks_importers, c.kind.breaks_exporters) {
        (true, true) => "breaking",
        (true, false) => "breaking for importers",
        (false, true) => "breaking for exporters",
        (false, false) => "addition",
    }
}

fn json(changes: &[Change], v: &Verdict) -> String {
    #[derive(Serialize)]
    struct ChangeView<'a> {
        kind: &'static str,
        path: &'a str,
        message: &'a str,
        breaks_importers: bool,
        breaks_exporters: bool,
        adds_api: bool,
        unstable: bool,
        old: Option<&'a Location>,
        new: Option<&'a Location>,
    }
    #[derive(Serialize)]
    struct Report<'a> {
        changes: Vec<ChangeView<'a>>,
        verdict: &'a Verdict,
    }
    let report = Report {
        changes: changes
            .iter()
            .map(|c| ChangeView {
                kind: c.kind.id,
                path: c.path.as_str(),
                message: &c.message,
                breaks_importers: c.kind.breaks_importers,
                breaks_exporters: c.kind.breaks_exporters,
                adds_api: c.kind.adds_api,
                unstable: c.unstable,
                old: c.old.as_ref(),
                new: c.new.as_ref(),
            })
            .collect(),
        verdict: v,
    };
    let mut text = serde_json::to_string_pretty(&report).expect("plain data serializes");
    text.push('\n');
    text
}
