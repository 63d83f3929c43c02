//! What the server knows: the open documents (their unsaved text overlays the files on
//! disk) and, per WIT package folder, its last analysis: the workspace, its config and
//! its findings, as `check` makes them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
};

use super::position::{range, uri_of};
use crate::lint::{Config, Finding, Level};
use crate::project::check::check;
use crate::project::configs::Configs;
use crate::project::load::{Mode, Overlays, load, read};
use crate::workspace::{LoadError, Workspace, display};

/// An open document.
pub struct Document {
    pub text: String,
    pub version: i32,
}

/// A package folder, checked.
pub struct Analysis {
    pub ws: Workspace,
    pub config: Config,
    pub findings: Vec<Finding>,
}

#[derive(Default)]
pub struct Session {
    pub docs: BTreeMap<PathBuf, Document>,
    pub analyses: BTreeMap<PathBuf, Analysis>,
    /// What was last published per file, so what went away is cleared.
    published: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Whether the editor resolves a code action's edit on demand (`codeAction/resolve`):
    /// then "fix all" is built only when it is chosen.
    pub resolves_edits: bool,
}

/// The input a file belongs to: its folder, or for a dependency (`deps/NAME.wit` or
/// `deps/NAME/FILE.wit`) the package that holds that `deps/`: a folder with `.wit` files
/// of its own. A project that merely lives under some folder named `deps` is its own input.
pub fn input_of(file: &Path) -> PathBuf {
    let folder = file.parent().unwrap_or(Path::new("/")).to_path_buf();
    for deps in [Some(folder.as_path()), folder.parent()]
        .into_iter()
        .flatten()
    {
        if deps.file_name().is_some_and(|n| n == "deps")
            && let Some(package) = deps.parent()
            && holds_wit(package)
        {
            return package.to_path_buf();
        }
    }
    folder
}

/// Whether a folder holds `.wit` files of its own.
fn holds_wit(folder: &Path) -> bool {
    std::fs::read_dir(folder).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "wit"))
    })
}

impl Session {
    /// The unsaved text of the open documents.
    pub fn overlays(&self) -> Overlays {
        self.docs
            .iter()
            .map(|(path, doc)| (path.clone(), doc.text.clone()))
            .collect()
    }

    /// Checks the package folder `input` with the open documents over its files, as
    /// `witlint check` does (its witlint.toml, features-off trial and copies included),
    /// and returns the diagnostics to publish, per file. A witlint.toml that cannot be
    /// used is reported at its own line, and the input is not checked.
    pub fn analyze(&mut self, input: &Path) -> Vec<(PathBuf, Vec<Diagnostic>)> {
        let shown = display(input);
        let mut failures = Vec::new();
        // Read afresh each time: the file may have just been edited.
        let config = Configs::new(None, &mut failures)
            .of(input, &shown, &mut failures)
            .cloned();
        let loaded = match config {
            Some(config) => read(input, &shown, &self.overlays())
                .and_then(|files| load(files, Mode::Check(&config.features)))
                .map(|ws| (ws, config)),
            None => Err(failures.remove(0)),
        };
        let mut fresh: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
        // The config's own diagnostics go away when it reads again.
        for file in self.published.keys() {
            if file
                .file_name()
                .is_some_and(|n| n == "witlint.toml" || n == "wkg.toml")
            {
                fresh.entry(file.clone()).or_default();
            }
        }
        match loaded {
            Ok(pair) => {
                let inputs = [pair];
                let checked = check(&inputs);
                let [(ws, config)] = inputs;
                for f in &checked.findings {
                    if let Some((file, d)) = diagnostic(&ws, f) {
                        fresh.entry(file).or_default().push(d);
                    }
                }
                for e in &checked.unloadable {
                    for (file, diags) in load_diagnostics(e) {
                        fresh.entry(file).or_default().extend(diags);
                    }
                }
                // Every file of the package, so those now clean are cleared.
                for file in ws.sources.iter() {
                    fresh.entry(PathBuf::from(&*file.path)).or_default();
                }
                for file in self.published.keys() {
                    if file.starts_with(input) {
                        fresh.entry(file.clone()).or_default();
                    }
                }
                self.analyses.insert(
                    input.to_path_buf(),
                    Analysis {
                        ws,
                        config,
                        findings: checked.findings,
                    },
                );
            }
            // A file that does not load says why; the others keep their last findings.
            Err(e) => fresh.extend(load_diagnostics(&e)),
        }
        // Open files always hear back (their version moved); the others only when what
        // they show changed: a package of thousands of files is not sent again in full.
        let mut out = Vec::new();
        for (file, diags) in fresh {
            let same = self.published.get(&file) == Some(&diags);
            if !same || self.docs.contains_key(&file) {
                self.published.insert(file.clone(), diags.clone());
                out.push((file, diags));
            }
        }
        out
    }
}

/// A file as messages name it, as the absolute path an editor's URI needs (a config found
/// below the server's folder is shown relative to it).
fn absolute(file: &str) -> PathBuf {
    std::path::absolute(file).unwrap_or_else(|_| PathBuf::from(file))
}

fn severity(level: Level) -> DiagnosticSeverity {
    match level {
        Level::Error => DiagnosticSeverity::ERROR,
        Level::Warn => DiagnosticSeverity::WARNING,
        Level::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Where the book explains a rule.
pub fn rule_page(id: &str) -> Option<lsp_types::Uri> {
    format!("https://github.com/witlint/witlint/blob/main/book/src/rules/{id}.md")
        .parse()
        .ok()
}

/// A finding as a diagnostic of its file: the rule id as the code, linked to its page;
/// the notes as related information at the same place.
fn diagnostic(ws: &Workspace, f: &Finding) -> Option<(PathBuf, Diagnostic)> {
    let loc = f.location.as_ref()?;
    let at = range(ws.sources.get(&loc.file)?, &loc.bytes);
    let uri = uri_of(&absolute(&loc.file))?;
    let related: Vec<DiagnosticRelatedInformation> = f
        .notes
        .iter()
        .map(|n| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: at,
            },
            message: n.clone(),
        })
        .collect();
    let mut message = f.message.clone();
    if let Some(fix) = &f.fix {
        message.push_str(&format!("\nhelp: {}", fix.message));
    }
    Some((
        absolute(&loc.file),
        Diagnostic {
            range: at,
            severity: Some(severity(f.level)),
            code: Some(NumberOrString::String(f.rule.id.to_string())),
            code_description: rule_page(f.rule.id).map(|href| lsp_types::CodeDescription { href }),
            source: Some("witlint".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            // Greyed out, as editors show dead code: a `use` nothing reads.
            tags: (f.rule.id == "unused-use").then(|| vec![lsp_types::DiagnosticTag::UNNECESSARY]),
            data: fix_data(ws, f),
        },
    ))
}

/// The finding's fix, carried with the diagnostic (`data`), so that a client can apply it
/// without asking: its title, applicability, the file (`uri`) and its edits (`range`,
/// `newText`), applied together; `range` and `newText` repeat the first, for clients of
/// one-edit fixes.
fn fix_data(ws: &Workspace, f: &Finding) -> Option<serde_json::Value> {
    let fix = f.fix.as_ref()?;
    let first = fix.edit()?;
    let file = ws.sources.get(&first.location.file)?;
    let edits: Vec<serde_json::Value> = fix
        .edits
        .iter()
        .map(|e| serde_json::json!({"range": range(file, &e.location.bytes), "newText": e.replacement}))
        .collect();
    Some(serde_json::json!({
        "title": fix.message,
        "applicability": fix.applicability.as_str(),
        "uri": uri_of(&absolute(&first.location.file))?.as_str(),
        "range": range(file, &first.location.bytes),
        "newText": first.replacement,
        "edits": edits,
    }))
}

/// A load error's diagnostics, each at its file.
fn load_diagnostics(e: &LoadError) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
    let mut out: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
    for d in &e.diagnostics {
        let Some(loc) = &d.location else { continue };
        let at = e
            .sources
            .get(&loc.file)
            .map_or_else(lsp_types::Range::default, |f| range(f, &loc.bytes));
        let mut message = d.message.clone();
        if let Some(h) = &d.hint {
            message.push_str(&format!("\nhelp: {h}"));
        }
        out.entry(absolute(&loc.file))
            .or_default()
            .push(Diagnostic {
                range: at,
                severity: Some(DiagnosticSeverity::ERROR),
                code: Some(NumberOrString::String(d.code.to_string())),
                source: Some("witlint".into()),
                message,
                ..Default::default()
            });
    }
    out
}
