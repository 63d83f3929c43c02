//! What a rule reports: a finding at a place, about an item, with notes and perhaps a fix
//! (a sentence, and sometimes an exact edit with how safe it is).

use std::borrow::Cow;

use serde::Serialize;

use super::level::Level;
use super::rule::{Applicability, Rule};
use crate::workspace::{ItemPath, Location};

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
    /// `display-only` without an edit.
    pub applicability: Applicability,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static Rule,
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
            applicability: Applicability::DisplayOnly,
        });
        self
    }

    /// A fix with an exact edit somewhere else than the finding's primary location (an
    /// attribute to insert above the item, say), as safe as the rule declares its fixes.
    pub fn fix_with_edit(
        &mut self,
        message: impl Into<Cow<'static, str>>,
        location: Location,
        replacement: impl Into<String>,
    ) -> &mut Self {
        self.fix = Some(Fix {
            message: message.into(),
            edit: Some(Box::new(Edit {
                location,
                replacement: replacement.into(),
            })),
            applicability: self.rule.fix.applicability(),
        });
        self
    }

    /// A fix with an exact replacement of the finding's primary location, as safe as the
    /// rule declares its fixes.
    pub fn replace_with(
        &mut self,
        message: impl Into<Cow<'static, str>>,
        replacement: impl Into<String>,
    ) -> &mut Self {
        let edit = self.location.clone().map(|location| Edit {
            location,
            replacement: replacement.into(),
        });
        let applicability = match edit {
            Some(_) => self.rule.fix.applicability(),
            None => Applicability::DisplayOnly,
        };
        self.fix = Some(Fix {
            message: message.into(),
            edit: edit.map(Box::new),
            applicability,
        });
        self
    }

    /// Sort key that makes output deterministic: file, position, rule, message.
    pub fn sort_key(&self) -> impl Ord + '_ {
        let loc = self.location.as_ref().map(|l| (&*l.file, l.line, l.column));
        (loc, self.rule.id, &self.message, self.item.as_str())
    }
}
