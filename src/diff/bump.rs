//! The version bump a set of changes requires.

use super::change::{Change, ChangeKind, Section};

/// From least to most: the order is the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

/// Whose breakage counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perspective {
    /// The default: components built against the old version, and code calling it (see
    /// [`ChangeKind::breaks_components`](super::ChangeKind::breaks_components)).
    Components,
    Importers,
    Exporters,
    /// The strictest: anyone, implementations of every interface included.
    Both,
}

impl Perspective {
    pub fn counts(self, k: &ChangeKind) -> bool {
        match self {
            Perspective::Components => k.breaks_components,
            Perspective::Importers => k.breaks_importers,
            Perspective::Exporters => k.breaks_exporters,
            Perspective::Both => k.breaks_importers || k.breaks_exporters,
        }
    }
}

impl ChangeKind {
    /// Major if it breaks anyone who counts; minor if it changes the API otherwise (adds
    /// to it, deprecates an item as semver counts it, or breaks only those who do not
    /// count); patch for what is not API (docs, a gate's version).
    pub fn bump(&self, perspective: Perspective) -> Bump {
        if perspective.counts(self) {
            Bump::Major
        } else if self.adds_api
            || self.breaks_importers
            || self.breaks_exporters
            || self.section == Some(Section::Deprecated)
        {
            Bump::Minor
        } else {
            Bump::Patch
        }
    }
}

impl Change {
    /// The bump of its kind; none for an `@unstable` item (not API yet).
    pub fn required_bump(&self, perspective: Perspective) -> Bump {
        if self.unstable {
            Bump::None
        } else {
            self.kind.bump(perspective)
        }
    }
}

/// The largest bump the changes require; none without changes.
pub fn required_bump<'a>(
    changes: impl IntoIterator<Item = &'a Change>,
    perspective: Perspective,
) -> Bump {
    changes
        .into_iter()
        .map(|c| c.required_bump(perspective))
        .max()
        .unwrap_or(Bump::None)
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// The bump from one release to the next as semver reads it for the component model: in
/// `0.y.z` a change of `y` is major and of `z` minor. `None` when either is a pre-release,
/// which promises nothing.
pub fn actual_bump(old: &semver::Version, new: &semver::Version) -> Option<Bump> {
    if !old.pre.is_empty() || !new.pre.is_empty() {
        return None;
    }
    let parts = |v: &semver::Version| match v.major {
        0 => (v.minor, v.patch, 0),
        _ => (v.major, v.minor, v.patch),
    };
    let (a, b) = (parts(old), parts(new));
    Some(if a.0 != b.0 || old.major != new.major {
        Bump::Major
    } else if a.1 != b.1 {
        Bump::Minor
    } else if a.2 != b.2 {
        Bump::Patch
    } else {
        Bump::None
    })
}

#[cfg(test)]
mod tests {
    use super::{Bump, actual_bump};

    fn bump(a: &str, b: &str) -> Option<Bump> {
        actual_bump(&a.parse().unwrap(), &b.parse().unwrap())
    }

    #[test]
    fn zero_versions_shift_by_one() {
        assert_eq!(bump("0.2.0", "0.2.1"), Some(Bump::Minor));
        assert_eq!(bump("0.2.12", "0.3.0"), Some(Bump::Major));
        assert_eq!(bump("1.2.0", "1.2.1"), Some(Bump::Patch));
        assert_eq!(bump("1.2.0", "1.3.0"), Some(Bump::Minor));
        assert_eq!(bump("1.2.0", "2.0.0"), Some(Bump::Major));
        assert_eq!(bump("0.2.0", "1.0.0"), Some(Bump::Major));
        assert_eq!(bump("1.0.0", "1.0.0"), Some(Bump::None));
        assert_eq!(bump("0.2.0-rc.1", "0.2.0"), None);
    }
}
