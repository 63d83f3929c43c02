//! What a rule is: its metadata (id, category, levels, scope, explanation, options) and
//! whether and how safely it fixes. A rule is one file in `rules/`: its metadata, its long
//! explanation and its check. Everything users read about a rule (`witlint rules`,
//! `witlint explain`, SARIF help, the book) is generated from that one place.

use serde::Serialize;

use super::level::Level;

/// A boolean option a rule accepts in `witlint.toml`.
pub struct RuleOption {
    pub name: &'static str,
    pub default: bool,
    pub description: &'static str,
}

/// One lint rule.
pub struct Rule {
    /// kebab-case, stable: configs and baselines refer to it.
    pub id: &'static str,
    pub category: Category,
    /// Level under the `standard` preset.
    pub level: Level,
    /// Whether the `minimal` preset keeps the rule (at `level`).
    pub minimal: bool,
    /// Level under the `wasi` preset.
    pub wasi: Level,
    /// Which packages the rule applies to under the default `auto` preset.
    pub scope: Scope,
    pub summary: &'static str,
    /// Markdown: what it checks, why, a bad and a good example, where the convention comes from.
    pub explanation: &'static str,
    pub options: &'static [RuleOption],
    /// Whether its findings come with an edit `--fix` can apply.
    pub fix: Fixable,
}

/// Whether a rule's findings carry an exact edit, as ruff's rule pages say it, and what
/// applying it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fixable {
    Always(Applicability),
    Sometimes(Applicability),
    Never,
}

impl Fixable {
    pub fn describe(self) -> &'static str {
        match self {
            Fixable::Always(_) => "Fix is always available.",
            Fixable::Sometimes(_) => "Fix is sometimes available.",
            Fixable::Never => "Fix is not available.",
        }
    }

    /// `always`, `sometimes` or `never`, for `witlint rules --format json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Fixable::Always(_) => "always",
            Fixable::Sometimes(_) => "sometimes",
            Fixable::Never => "never",
        }
    }

    /// What the rule's edits do; `display-only` for a rule without edits.
    pub fn applicability(self) -> Applicability {
        match self {
            Fixable::Always(a) | Fixable::Sometimes(a) => a,
            Fixable::Never => Applicability::DisplayOnly,
        }
    }
}

/// What applying a fix does to the package, and so whether `--fix` applies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// The API and what the docs mean are unchanged (a comment marker, doc-text
    /// spelling, whitespace): `--fix` applies it.
    Safe,
    /// It changes the API or what the docs say (a gate added, a `use` removed): only
    /// `--unsafe-fixes` applies it.
    Unsafe,
    /// A suggestion to read, never applied.
    DisplayOnly,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// Rules are compared, shown and serialized by their id.
impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Rule {}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id)
    }
}

/// Where a rule applies when the preset is `auto` (the default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// What it reports is a defect in any WIT package.
    Anywhere,
    /// A WASI convention: under `auto` it checks only the packages that follow WASI
    /// conventions (see [`Context::follows_wasi_conventions`]).
    WasiConventions,
    /// Only the `wasi` preset turns it on (or `[rules]` in `witlint.toml`).
    WasiPreset,
    /// No preset turns it on: only `[rules]` in `witlint.toml` does (its check belongs to
    /// another command, which enforces it there).
    OptIn,
}

impl Scope {
    /// The id `witlint rules --format json` gives it.
    pub fn id(self) -> &'static str {
        match self {
            Scope::Anywhere => "any",
            Scope::WasiConventions => "wasi-conventions",
            Scope::WasiPreset => "wasi-preset",
            Scope::OptIn => "opt-in",
        }
    }

    /// What it means, for people.
    pub fn describe(self) -> &'static str {
        match self {
            Scope::Anywhere => "every package",
            Scope::WasiConventions => {
                "packages that follow WASI conventions (under `auto`: in `wasi:`, or gating most of their own items)"
            }
            Scope::WasiPreset => "only under the `wasi` preset",
            Scope::OptIn => "only when `[rules]` in witlint.toml turns it on",
        }
    }
}

impl Rule {
    /// The rule a change kind of `witlint diff` reports under: one level in every preset,
    /// nothing to check (the diff finds its changes itself).
    pub const fn change_kind(
        id: &'static str,
        level: Level,
        summary: &'static str,
        explanation: &'static str,
    ) -> Rule {
        Rule {
            id,
            category: Category::Compatibility,
            level,
            minimal: true,
            wasi: level,
            scope: Scope::Anywhere,
            summary,
            explanation,
            options: &[],
            fix: Fixable::Never,
        }
    }
}

/// A rule's category, for filtering and for the docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Versioning,
    Errors,
    Docs,
    Deps,
    Style,
    /// WASI 0.3's idioms for `async func`, `stream<T>` and `future<T>`.
    Async,
    /// What `witlint build` writes into a package.
    Build,
    /// A change between two versions, as `witlint diff` reports it.
    Compatibility,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Versioning => "versioning",
            Category::Errors => "errors",
            Category::Docs => "docs",
            Category::Deps => "deps",
            Category::Style => "style",
            Category::Async => "async",
            Category::Build => "build",
            Category::Compatibility => "compatibility",
        }
    }
}
