//! `check --fix`: the findings' exact edits applied to the input's files in memory, the
//! input checked again until nothing more is fixed, and every file that an edit broke
//! (it no longer loads, or it gained an error) put back as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::config::Config;
use super::engine::check;
use super::finding::{Edit, Finding};
use super::level::Level;
use super::rule::Applicability;
use crate::workspace::{self, InputFiles, LoadError, Workspace};

/// Rounds of fix-and-check before giving up: a fix may enable another (and some rules
/// fix one line of a finding per round), never forever.
const MAX_ROUNDS: usize = 64;

/// What fixing did: each changed file's text before and after, the fixes applied, and
/// the files put back.
#[derive(Debug, Default)]
pub struct Fixed {
    /// By the name messages give the file: its real path, and its text `(before, after)`.
    pub files: BTreeMap<String, (std::path::PathBuf, String, String)>,
    pub applied: usize,
    /// A file whose edits were undone, and why.
    pub rolled_back: Vec<(String, String)>,
}

/// Whether a fix of this applicability is applied.
fn wanted(applicability: Applicability, unsafe_fixes: bool) -> bool {
    match applicability {
        Applicability::Safe => true,
        Applicability::Unsafe => unsafe_fixes,
        Applicability::DisplayOnly => false,
    }
}

/// The edits of `findings` to apply, by file, in order, without overlaps (the first of
/// two overlapping edits wins; the other waits for the next round).
fn edits_by_file<'a>(
    findings: &'a [Finding],
    files: &InputFiles,
    frozen: &BTreeSet<String>,
    config: &Config,
    unsafe_fixes: bool,
) -> BTreeMap<String, Vec<&'a Edit>> {
    let mut by_file: BTreeMap<String, Vec<&[Edit]>> = BTreeMap::new();
    for f in findings.iter().filter(|f| config.may_fix(f.rule.id)) {
        let Some(fix) = &f.fix else { continue };
        let Some(file) = one_file(&fix.edits) else {
            continue;
        };
        if wanted(fix.applicability, unsafe_fixes)
            && !frozen.contains(file)
            && files.fixable(file).is_some()
        {
            by_file
                .entry(file.to_string())
                .or_default()
                .push(&fix.edits);
        }
    }
    by_file
        .into_iter()
        .map(|(file, fixes)| (file, without_overlaps(fixes)))
        .collect()
}

/// The one file a fix's edits are in (`None` without edits, or across files, which no fix
/// makes).
fn one_file(edits: &[Edit]) -> Option<&str> {
    let file = &edits.first()?.location.file;
    edits
        .iter()
        .all(|e| e.location.file == *file)
        .then_some(&**file)
}

/// One file's fixes as edits in order: a fix whose edits are all there already (the same
/// edit from two findings) adds nothing, and a fix with an edit that clashes with an
/// edit kept before waits for the next round, whole: a fix is applied entirely or not at
/// all.
fn without_overlaps(mut fixes: Vec<&[Edit]>) -> Vec<&Edit> {
    fixes.sort_by_key(|edits| {
        let first = &edits[0].location.bytes;
        (first.start, first.end)
    });
    // The kept edits, by where they start.
    let mut kept: BTreeMap<usize, Vec<&Edit>> = BTreeMap::new();
    let present = |kept: &BTreeMap<usize, Vec<&Edit>>, e: &Edit| {
        kept.get(&e.location.bytes.start)
            .is_some_and(|at| at.contains(&e))
    };
    let clashes = |kept: &BTreeMap<usize, Vec<&Edit>>, e: &Edit| {
        let r = &e.location.bytes;
        // One that starts at or before it and reaches into it (two insertions at one place
        // clash too: their order would be a guess).
        let before = kept
            .range(..=r.start)
            .next_back()
            .is_some_and(|(start, at)| {
                at.iter()
                    .any(|k| k.location.bytes.end > r.start || *start == r.start)
            });
        // One that starts inside it.
        let inside = kept
            .range(r.start + 1..)
            .next()
            .is_some_and(|(start, _)| *start < r.end);
        before || inside
    };
    for edits in fixes {
        if edits.iter().all(|e| present(&kept, e)) {
            continue;
        }
        if edits.iter().any(|e| clashes(&kept, e)) {
            continue;
        }
        for e in edits {
            kept.entry(e.location.bytes.start).or_default().push(e);
        }
    }
    kept.into_values().flatten().collect()
}

/// `text` (the file `file` as checked) with the safe fixes of `findings` in it applied in
/// one pass: what an editor's "fix all" offers from the last check, without checking again
/// (the editor shows the result, and undoes it in one step).
pub fn apply_safe_once(findings: &[Finding], file: &str, text: &str, config: &Config) -> String {
    let fixes: Vec<&[Edit]> = findings
        .iter()
        .filter(|f| config.may_fix(f.rule.id))
        .filter_map(|f| f.fix.as_ref())
        .filter(|fix| wanted(fix.applicability, false))
        .filter(|fix| one_file(&fix.edits) == Some(file))
        .filter(|fix| fix.edits.iter().all(|e| e.location.bytes.end <= text.len()))
        .map(|fix| fix.edits.as_slice())
        .collect();
    apply(text, &without_overlaps(fixes))
}

/// `text` with `edits` (in order, not overlapping) applied.
fn apply(text: &str, edits: &[&Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        let r = &e.location.bytes;
        out.push_str(&text[at..r.start]);
        out.push_str(&e.replacement);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The error-level findings of each file, as rule and item: what a fix must not add.
fn errors_by_file(findings: &[Finding]) -> BTreeMap<String, BTreeSet<(String, String)>> {
    let mut out: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    // A comment moved to the item it describes leaves the item wit-parser wrongly gave
    // it to without docs: that reveals a gap, it does not make one.
    const REVEALED: &[&str] = &[
        "missing-docs",
        "error-case-undocumented",
        "result-error-undocumented",
    ];
    let counted = |f: &&Finding| f.level == Level::Error && !REVEALED.contains(&f.rule.id);
    for f in findings.iter().filter(counted) {
        if let Some(l) = &f.location {
            out.entry(l.file.to_string())
                .or_default()
                .insert((f.rule.id.to_string(), f.item.to_string()));
        }
    }
    out
}

/// The files a load error points into.
fn files_of(e: &LoadError) -> BTreeSet<String> {
    e.diagnostics
        .iter()
        .filter_map(|d| d.location.as_ref().map(|l| l.file.to_string()))
        .collect()
}

/// Applies the fixes `unsafe_fixes` allows to `files` until none is left, checking with
/// `config` (and its features) after each round. Returns what changed and the workspace
/// of the fixed files.
pub fn fix(
    files: InputFiles,
    config: &Config,
    unsafe_fixes: bool,
) -> Result<(Fixed, Workspace), LoadError> {
    fix_with(files, config, unsafe_fixes, &|ws| check(ws, &[], config))
}

/// [`fix`] with the findings of `lint`.
fn fix_with(
    original: InputFiles,
    config: &Config,
    unsafe_fixes: bool,
    lint: &dyn Fn(&Workspace) -> Vec<Finding>,
) -> Result<(Fixed, Workspace), LoadError> {
    let load = |files: &InputFiles| {
        workspace::load(files.clone(), workspace::Mode::Check(&config.features))
    };
    let mut fixed = Fixed::default();
    let mut frozen = BTreeSet::new();
    // Fixes applied per file, so a file undone at the end takes its own back.
    let mut applied: BTreeMap<String, usize> = BTreeMap::new();
    let mut files = original.clone();
    let mut findings = lint(&load(&files)?);
    let errors_before = errors_by_file(&findings);
    for _ in 0..MAX_ROUNDS {
        let plan = edits_by_file(&findings, &files, &frozen, config, unsafe_fixes);
        if plan.is_empty() {
            break;
        }
        let mut next = files.clone();
        let mut round = BTreeMap::new();
        for (file, edits) in &plan {
            let text = files.text(file).expect("planned on a file the input has");
            next.set_text(file, apply(text, edits));
            round.insert(file.clone(), edits.len());
        }
        // An edited file that no longer loads goes back to what it was this round, and
        // gets no more edits.
        let new_ws = loop {
            match load(&next) {
                Ok(ws) => break Some(ws),
                Err(e) => {
                    let mut culprits: Vec<String> = files_of(&e)
                        .into_iter()
                        .filter(|f| round.contains_key(f))
                        .collect();
                    if culprits.is_empty() {
                        // Not located in an edited file: the whole round goes.
                        culprits = round.keys().cloned().collect();
                    }
                    let reason = e.diagnostics.first().map_or_else(
                        || "it no longer loads".to_string(),
                        |d| format!("it no longer loads ({})", d.message),
                    );
                    for file in culprits {
                        if let Some(text) = files.text(&file) {
                            next.set_text(&file, text.to_string());
                        }
                        round.remove(&file);
                        frozen.insert(file.clone());
                        fixed.rolled_back.push((file, reason.clone()));
                    }
                    if round.is_empty() {
                        break None;
                    }
                }
            }
        };
        let Some(new_ws) = new_ws else { continue };
        for (file, n) in &round {
            *applied.entry(file.clone()).or_default() += n;
        }
        files = next;
        findings = lint(&new_ws);
    }
    // A file that ends with an error it did not have goes back to what it was: the
    // fixes made it worse. (An error that a later round fixed again does not count.)
    let after = errors_by_file(&findings);
    let worse: Vec<String> = after
        .iter()
        .filter(|(file, now)| {
            original.text(file).is_some()
                && files.text(file) != original.text(file)
                && !now.is_subset(&errors_before.get(*file).cloned().unwrap_or_default())
        })
        .map(|(file, _)| file.clone())
        .collect();
    for file in &worse {
        if let Some(text) = original.text(file) {
            files.set_text(file, text.to_string());
        }
        applied.remove(file);
        fixed.rolled_back.push((
            file.clone(),
            "the fixes gave it an error it did not have".to_string(),
        ));
    }
    let ws = load(&files)?;
    for unit_file in touched(&original, &files) {
        let before = original.text(&unit_file).unwrap_or_default().to_string();
        let after = files.text(&unit_file).unwrap_or_default().to_string();
        let path = files
            .fixable(&unit_file)
            .unwrap_or(Path::new(&unit_file))
            .to_path_buf();
        fixed.files.insert(unit_file, (path, before, after));
    }
    fixed.applied = applied.values().sum();
    Ok((fixed, ws))
}

/// The `.wit` files whose text differs between two readings of an input.
fn touched(original: &InputFiles, now: &InputFiles) -> Vec<String> {
    original
        .wit_files()
        .filter(|(shown, text)| now.text(shown) != Some(*text))
        .map(|(shown, _)| shown.to_string())
        .collect()
}

/// How many fixes `--unsafe-fixes` would add to what remains.
pub fn unsafe_fixes_left(findings: &[Finding]) -> usize {
    findings
        .iter()
        .filter(|f| {
            f.fix
                .as_ref()
                .is_some_and(|x| !x.edits.is_empty() && x.applicability == Applicability::Unsafe)
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::by_id;

    fn edit(file: &str, bytes: std::ops::Range<usize>, replacement: &str) -> Edit {
        let mut location = crate::workspace::Location::whole_file(file);
        location.bytes = bytes;
        Edit {
            location,
            replacement: replacement.to_string(),
        }
    }

    /// A fix is applied whole or not at all: one whose second edit clashes with an edit
    /// kept before waits, its first edit too; the same edit from two findings is made once;
    /// the fix that starts first wins a clash.
    #[test]
    fn the_edits_of_a_fix_go_together() {
        let first = [edit("a.wit", 10..12, "x")];
        // Starts after `first`, and its second edit reaches into it.
        let late = [
            edit("a.wit", 30..30, "/// doc\n"),
            edit("a.wit", 11..13, ""),
        ];
        let again = [edit("a.wit", 10..12, "x")];
        let apart = [
            edit("a.wit", 40..40, "/// other\n"),
            edit("a.wit", 50..52, ""),
        ];
        let kept = without_overlaps(vec![&late, &first, &again, &apart]);
        let kept: Vec<(usize, &str)> = kept
            .iter()
            .map(|e| (e.location.bytes.start, e.replacement.as_str()))
            .collect();
        assert_eq!(kept, [(10, "x"), (40, "/// other\n"), (50, "")]);
        // Two insertions at one place clash: their order would be a guess.
        let one = [edit("a.wit", 5..5, "a")];
        let other = [edit("a.wit", 5..5, "b")];
        assert_eq!(without_overlaps(vec![&one, &other]).len(), 1);
    }

    /// A finding of `trailing-whitespace` replacing `needle` in `file` with `replacement`.
    fn edit_finding(ws: &Workspace, file: &str, needle: &str, replacement: &str) -> Finding {
        let source = ws.sources.get(file).expect("file loaded");
        let at = source.text.find(needle).expect("needle in file");
        let mut f = Finding {
            rule: by_id("trailing-whitespace").expect("rule"),
            level: Level::Warn,
            message: "test".into(),
            location: Some(source.location(at..at + needle.len())),
            item: crate::workspace::ItemPath::file(file, "test"),
            notes: Vec::new(),
            fix: None,
        };
        f.replace_with("test", replacement);
        f
    }

    #[test]
    fn a_file_an_edit_breaks_is_put_back_and_the_others_keep_theirs() {
        let dir = tempfile::tempdir().unwrap();
        let a = "package example:fix@1.0.0;\n\ninterface a {\n    f: func();\n}\n";
        let b = "package example:fix@1.0.0;\n\ninterface b {\n    g: func();\n}\n";
        std::fs::write(dir.path().join("a.wit"), a).unwrap();
        std::fs::write(dir.path().join("b.wit"), b).unwrap();
        let files = workspace::read_input(dir.path(), "pkg").unwrap();
        // The edit of a.wit breaks its syntax; the edit of b.wit renames a function.
        let lint = |ws: &Workspace| {
            let mut out = Vec::new();
            if ws
                .sources
                .get("pkg/a.wit")
                .is_some_and(|f| f.text.contains("interface a"))
            {
                out.push(edit_finding(ws, "pkg/a.wit", "interface a", "interfac a"));
            }
            if ws
                .sources
                .get("pkg/b.wit")
                .is_some_and(|f| f.text.contains("g: func"))
            {
                out.push(edit_finding(ws, "pkg/b.wit", "g: func", "h: func"));
            }
            out
        };
        let (fixed, ws) = fix_with(files, &Config::default(), false, &lint).unwrap();
        assert_eq!(fixed.rolled_back.len(), 1, "{:?}", fixed.rolled_back);
        assert_eq!(fixed.rolled_back[0].0, "pkg/a.wit");
        assert!(fixed.rolled_back[0].1.starts_with("it no longer loads"));
        assert_eq!(fixed.applied, 1);
        assert_eq!(fixed.files.keys().collect::<Vec<_>>(), ["pkg/b.wit"]);
        assert!(fixed.files["pkg/b.wit"].2.contains("h: func"));
        assert_eq!(ws.sources.get("pkg/a.wit").unwrap().text, a);
    }

    #[test]
    fn overlapping_edits_wait_for_the_next_round() {
        let dir = tempfile::tempdir().unwrap();
        let a = "package example:fix@1.0.0;\n\ninterface a {\n    zz: func();\n}\n";
        std::fs::write(dir.path().join("a.wit"), a).unwrap();
        let files = workspace::read_input(dir.path(), "pkg").unwrap();
        // Two edits from the same place: `zz` → `yy`, and `zz: func` → `ww: func`.
        let lint = |ws: &Workspace| {
            let text = &ws.sources.get("pkg/a.wit").unwrap().text;
            let mut out = Vec::new();
            if text.contains("zz: func") {
                out.push(edit_finding(ws, "pkg/a.wit", "zz: func", "ww: func"));
                out.push(edit_finding(ws, "pkg/a.wit", "zz", "yy"));
            }
            out
        };
        let (fixed, _) = fix_with(files, &Config::default(), false, &lint).unwrap();
        // The shorter edit comes first; the overlapping one is not applied over it, and
        // the next round finds nothing left to fix.
        assert_eq!(fixed.applied, 1);
        assert!(
            fixed.files["pkg/a.wit"].2.contains("yy: func"),
            "{:?}",
            fixed.files
        );
    }
}
