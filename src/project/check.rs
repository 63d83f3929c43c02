//! Checking loaded inputs and fixing them, for the command line and the editor alike: the
//! rules (with copies of other people's packages left out), the features-off trial, a
//! baseline, and the fix loop.

use std::path::Path;

use crate::lint::baseline::Baseline;
pub use crate::lint::fix::{Fixed, apply_safe_once, unsafe_fixes_left};
pub use crate::lint::{Checked, copies::Copy};
use crate::lint::{Config, Finding};
use crate::workspace::{InputFiles, LoadDiagnostic, LoadError, Workspace};

/// Checks inputs together, each with its configuration (some rules compare inputs):
/// sorted findings, the inputs that do not load with only their consumers' features on,
/// and those recognised as copies of someone else's package.
pub fn check(inputs: &[(Workspace, Config)]) -> Checked {
    let mut checked = crate::lint::check_all(inputs);
    // Each input's configured baseline hides that input's recorded findings.
    for (ws, config) in inputs.iter() {
        let Some(path) = &config.baseline else {
            continue;
        };
        let baseline = match load_baseline(path) {
            Ok(b) => b,
            Err(why) => {
                checked.unloadable.push(LoadError::single(
                    &ws.input,
                    LoadDiagnostic::new("baseline", why)
                        .hint("`baseline` in witlint.toml names a file `check --write-baseline FILE` wrote"),
                    Default::default(),
                ));
                continue;
            }
        };
        let in_input = |f: &Finding| {
            f.location
                .as_ref()
                .is_some_and(|l| ws.sources.get(&l.file).is_some())
        };
        let (own, others): (Vec<Finding>, Vec<Finding>) = std::mem::take(&mut checked.findings)
            .into_iter()
            .partition(in_input);
        checked.findings = others;
        checked.findings.extend(baseline.apply(own));
        checked
            .findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    checked
}

/// Reads a baseline file (`--baseline FILE`).
pub fn load_baseline(path: &Path) -> Result<Baseline, String> {
    Baseline::load(path).map_err(|e| e.to_string())
}

/// Hides the findings a baseline file records, and reports its stale entries.
pub fn apply_baseline(path: &Path, findings: Vec<Finding>) -> Result<Vec<Finding>, String> {
    let mut kept = load_baseline(path)?.apply(findings);
    kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(kept)
}

/// Applies the fixes `unsafe_fixes` allows until none is left, keeping a file only when
/// it still loads and no new error appeared; returns the files changed.
pub fn fix(
    files: InputFiles,
    config: &Config,
    unsafe_fixes: bool,
) -> Result<(Fixed, Workspace), LoadError> {
    crate::lint::fix::fix(files, config, unsafe_fixes)
}
