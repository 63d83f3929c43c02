//! Findings are data: rules produce them, reporters format them.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::workspace::{ItemPath, Location};

/// How serious a finding is. Ordered: `Info < Warn < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    #[serde(alias = "warning")]
    Warn,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }

    /// The word rustc-style output uses.
    pub fn word(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warn => "warning",
            Level::Error => "error",
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
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Versioning => "versioning",
            Category::Errors => "errors",
            Category::Docs => "docs",
            Category::Deps => "deps",
            Category::Style => "style",
        }
    }
}

/// A text edit that fixes the finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub location: Location,
    pub replacement: String,
}

/// How to fix a finding: always a sentence, sometimes an exact edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// Usually a fixed sentence, so borrowed: a rule may fix hundreds of findings.
    pub message: Cow<'static, str>,
    /// Boxed: few findings have one, and findings move while they are sorted. `null` in
    /// JSON when there is none, as the README documents.
    pub edit: Option<Box<Edit>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static super::Rule,
    pub level: Level,
    pub message: String,
    /// `None` only for inputs without source text (a `.wasm` package).
    pub location: Option<Location>,
    pub item: ItemPath,
    pub notes: Vec<String>,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn note(&mut self, note: impl Into<String>) -> &mut Self {
        self.notes.push(note.into());
        self
    }

    pub fn fix(&mut self, message: impl Into<Cow<'static, str>>) -> &mut Self {
        self.fix = Some(Fix {
            message: message.into(),
            edit: None,
        });
        self
    }

    /// A fix with an exact replacement of the finding's primary location.
    pub fn replace_with(
        &mut self,
        message: impl Into<Cow<'static, str>>,
        replacement: impl Into<String>,
    ) -> &mut Self {
        let edit = self.location.clone().map(|location| Edit {
            location,
            replacement: replacement.into(),
        });
        self.fix = Some(Fix {
            message: message.into(),
            edit: edit.map(Box::new),
        });
        self
    }

    /// Sort key that makes output deterministic: file, position, rule, message.
    pub fn sort_key(&self) -> impl Ord + '_ {
        let loc = self.location.as_ref().map(|l| (&*l.file, l.line, l.column));
        (loc, self.rule.id, &self.message, self.item.as_str())
    }
}
