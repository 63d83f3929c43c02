//! A comparison judged under a configuration: each change's level (or its acceptance), the
//! verdict on the version bump, and everything as [`Finding`]s for the reporters.

use super::bump::{Bump, Perspective};
use super::change::Change;
use super::verdict::{VERSION_BUMP_INSUFFICIENT, Verdict, root_package};
use crate::lint::baseline::Baseline;
use crate::lint::config::Config;
use crate::lint::finding::Finding;
use crate::lint::level::Level;
use crate::workspace::{ItemPath, Location, Workspace};

/// How to judge a comparison.
pub struct Judge<'a> {
    pub perspective: Perspective,
    /// `--release`: the bump planned, instead of the versions' difference.
    pub release: Option<Bump>,
    /// `--strict-prerelease`: pre-release versions are judged by their numbers, as
    /// releases are (semver promises nothing for them otherwise).
    pub strict_prerelease: bool,
    pub config: &'a Config,
    pub baseline: Option<&'a Baseline>,
}

/// A change shown, at its level, with the bump it requires in the chosen perspective.
pub struct Reported {
    pub change: Change,
    pub level: Level,
    pub bump: Bump,
}

impl Reported {
    /// The change as a finding, saying the bump it requires.
    pub fn finding(&self) -> Finding {
        let mut f = self.change.finding(self.level);
        f.note(match self.bump {
            Bump::None => "requires no release".to_string(),
            bump => format!("requires a {} release", bump.as_str()),
        });
        if let Some(note) = self.uncounted() {
            f.note(note);
        }
        f
    }

    /// Whom the change breaks that the chosen perspective does not count: said, not
    /// counted.
    pub fn uncounted(&self) -> Option<String> {
        let k = self.change.kind;
        if self.bump == Bump::Major
            || self.change.unstable
            || !(k.breaks_importers || k.breaks_exporters)
        {
            return None;
        }
        let who = match (k.breaks_importers, k.breaks_exporters) {
            (true, true) => "callers and implementations",
            (true, false) => "callers",
            _ => "implementations (a host or component that provides it must add it)",
        };
        Some(format!(
            "it breaks {who} built against the old version, which this perspective does not count (`--perspective both` does)"
        ))
    }
}

/// The judged comparison.
pub struct Judgement {
    /// The changes shown, in path order.
    pub reported: Vec<Reported>,
    /// The changes turned off by the configuration (an `[[overrides]]` entry accepting a
    /// known change, with its reason) or known to the baseline: not shown, and requiring
    /// no bump.
    pub accepted: Vec<Change>,
    pub verdict: Verdict,
    /// `version-bump-insufficient` when the bump falls short, and the baseline's entries
    /// that match no change.
    pub others: Vec<Finding>,
}

impl Judge<'_> {
    pub fn judge(&self, old: &Workspace, new: &Workspace, changes: Vec<Change>) -> Judgement {
        let mut reported = Vec::new();
        let mut accepted = Vec::new();
        // The changes as the baseline records them (rule and item), to find its stale
        // entries.
        let mut seen = Vec::new();
        for change in changes {
            let file = change
                .new
                .as_ref()
                .or(change.old.as_ref())
                .map(|l| l.file.clone());
            let level = self
                .config
                .level_at(&change.kind.rule, file.as_deref(), &change.path);
            let known = self.baseline.is_some_and(|b| {
                let finding = change.finding(Level::Info);
                let known = b.knows(&finding);
                seen.push(finding);
                known
            });
            match level {
                Some(level) if !known => {
                    // Not API yet: news, never a problem.
                    let level = if change.unstable { Level::Info } else { level };
                    let bump = change.required_bump(self.perspective);
                    reported.push(Reported {
                        change,
                        level,
                        bump,
                    });
                }
                _ => accepted.push(change),
            }
        }
        let counted: Vec<&Change> = reported.iter().map(|r| &r.change).collect();
        let mut verdict = Verdict::of(old, new, &counted, self.perspective);
        if self.strict_prerelease {
            verdict.hold_prereleases();
        }
        if let Some(bump) = self.release {
            verdict.planned(bump);
        }
        let mut others = Vec::new();
        if let Some(message) = verdict.shortfall() {
            let path = root_package(new).map_or_else(
                || ItemPath::from(verdict.package.clone()),
                ItemPath::package,
            );
            let location = new
                .roots
                .first()
                .and_then(|&p| new.package_decl(p))
                .or_else(|| {
                    new.sources
                        .iter()
                        .next()
                        .map(|f| Location::whole_file(&f.path))
                });
            let file = location.as_ref().map(|l| l.file.clone());
            if let Some(level) =
                self.config
                    .level_at(&VERSION_BUMP_INSUFFICIENT, file.as_deref(), &path)
            {
                let mut f = Finding {
                    rule: &VERSION_BUMP_INSUFFICIENT,
                    level,
                    message,
                    location,
                    item: path,
                    notes: Vec::new(),
                    fix: None,
                };
                f.fix(if verdict.decreased() {
                    "give the older version first and the newer second; a release never lowers its version".to_string()
                } else {
                    format!(
                        "release a {} version, or accept each breaking change with an `[[overrides]]` entry and its reason",
                        verdict.required.as_str()
                    )
                });
                others.push(f);
            }
        }
        if let Some(baseline) = self.baseline {
            others.extend(baseline.unmatched(&seen));
        }
        Judgement {
            reported,
            accepted,
            verdict,
            others,
        }
    }
}

impl Judgement {
    /// Every finding: one per change shown, then the others.
    pub fn findings(&self) -> Vec<Finding> {
        self.reported
            .iter()
            .map(Reported::finding)
            .chain(self.others.iter().cloned())
            .collect()
    }

    /// Whether a finding is at or above `level`.
    pub fn reaches(&self, level: Level) -> bool {
        self.reported.iter().any(|r| r.level >= level)
            || self.others.iter().any(|f| f.level >= level)
    }
}

impl Change {
    /// The change as a finding at `level`: at the item in the new version, or in the old
    /// one when it is gone; the other location and whom it breaks as notes.
    pub fn finding(&self, level: Level) -> Finding {
        let mut notes = Vec::new();
        if let (Some(old), Some(_)) = (&self.old, &self.new) {
            notes.push(format!(
                "in the old version: {}:{}:{}",
                old.file, old.line, old.column
            ));
        }
        notes.push(self.impact().to_string());
        Finding {
            rule: &self.kind.rule,
            level,
            message: self.message.clone(),
            location: self.new.clone().or_else(|| self.old.clone()),
            item: self.path.clone(),
            notes,
            fix: None,
        }
    }

    /// Whom it breaks, or what it is when it breaks no one.
    pub fn impact(&self) -> &'static str {
        let k = self.kind;
        if self.unstable {
            return "an `@unstable` item: not API yet, no release owes anything for it";
        }
        if k.convention {
            return "breaks a versioning convention";
        }
        match (k.breaks_importers, k.breaks_exporters) {
            (true, true) => "breaks importers and exporters",
            (true, false) => {
                "breaks importers (components that call it, built against the old version)"
            }
            (false, true) => {
                "breaks exporters (components that implement it, built against the old version)"
            }
            (false, false) if k.adds_api => "adds API",
            (false, false) => "breaks no one",
        }
    }
}
