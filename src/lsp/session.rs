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
use crate::project::config_file::{discover, discover_wkg, load_found};
use crate::workspace::{self, InputFiles, LoadError, Workspace, display};

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

/// The configuration of an input, as `check` finds it (with wkg.toml's `[metadata]`
/// under `[package]`); a config that does not load counts as none (its error is the
/// command line's to report).
fn config_of(input: &Path) -> Config {
    load_found(discover(input).as_deref(), discover_wkg(input).as_deref()).unwrap_or_default()
}

impl Session {
    /// What the package folder `input` holds, with the open documents' text over its
    /// files.
    pub fn input_files(&self, input: &Path) -> Result<InputFiles, LoadError> {
        let mut files = workspace::read_input(input, &display(input))?;
        for (path, doc) in self.docs.range(input.to_path_buf()..) {
            if !path.starts_with(input) {
                break;
            }
            files.set_text(&display(path), doc.text.clone());
        }
        Ok(files)
    }

    /// Checks the package folder `input` with the open documents over its files, and
    /// returns the diagnostics to publish, per file.
    pub fn analyze(&mut self, input: &Path) -> Vec<(PathBuf, Vec<Diagnostic>)> {
        let config = config_of(input);
        let loaded = self
            .input_files(input)
            .and_then(|files| workspace::build(files, Some(&config.features)));
        let mut fresh: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
        match loaded {
            Ok(ws) => {
                let findings = crate::lint::check(&ws, &[], &config);
                for f in &findings {
                    if let Some((file, d)) = diagnostic(&ws, f) {
                        fresh.entry(file).or_default().push(d);
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
                        findings,
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
    let uri = uri_of(Path::new(&*loc.file))?;
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
        PathBuf::from(&*loc.file),
        Diagnostic {
            range: at,
            severity: Some(severity(f.level)),
            code: Some(NumberOrString::String(f.rule.id.to_string())),
            code_description: rule_page(f.rule.id).map(|href| lsp_types::CodeDescription { href }),
            source: Some("witlint".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        },
    ))
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
        out.entry(PathBuf::from(&*loc.file))
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
