//! The version bump a set of changes requires.

use super::change::Change;

/// From least to most: the order is the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

/// Whose breakage counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perspective {
    Importers,
    Exporters,
    Both,
}

impl Perspective {
    fn counts(self, change: &Change) -> bool {
        let k = change.kind;
        match self {
            Perspective::Importers => k.breaks_importers,
            Perspective::Exporters => k.breaks_exporters,
            Perspective::Both => k.breaks_importers || k.breaks_exporters,
        }
    }
}

/// Major if a change breaks anyone who counts, minor if one adds API, patch for any
/// other change, none without changes.
pub fn required_bump(changes: &[Change], perspective: Perspective) -> Bump {
    changes
        .iter()
        .map(|c| {
            if perspective.counts(c) {
                Bump::Major
            } else if c.kind.adds_api {
                Bump::Minor
            } else {
                Bump::Patch
            }
        })
        .max()
        .unwrap_or(Bump::None)
}
