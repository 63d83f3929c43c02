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

/// How to fix a finding: always a sentence, sometimes exact edits. Its safety is the
/// fix's, whatever number of edits it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// Usually a fixed sentence, so borrowed: a rule may fix hundreds of findings.
    pub message: Cow<'static, str>,
    /// The edits, all in one file, applied together or not at all (a comment moved is a
    /// line inserted and a comment removed); none when the fix only says what to write.
    pub edits: Vec<Edit>,
    /// `display-only` without an edit.
    pub applicability: Applicability,
}

impl Fix {
    /// The first edit: what JSON calls `edit`, for readers of one-edit fixes.
    pub fn edit(&self) -> Option<&Edit> {
        self.edits.first()
    }
}

/// `{"message", "edit" (the first edit, or null), "edits" (all of them), "applicability"}`.
impl Serialize for Fix {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = s.serialize_struct("Fix", 4)?;
        out.serialize_field("message", &self.message)?;
        out.serialize_field("edit", &self.edit())?;
        out.serialize_field("edits", &self.edits)?;
        out.serialize_field("applicability", &self.applicability)?;
        out.end()
    }
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
            edits: Vec::new(),
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
            edits: vec![Edit {
                location,
                replacement: replacement.into(),
            }],
            applicability: self.rule.fix.applicability(),
        });
        self
    }

    /// A fix of several edits in one file (`(location, replacement)`), applied together or
    /// not at all, as safe as the rule declares its fixes.
    pub fn fix_with_edits(
        &mut self,
        message: impl Into<Cow<'static, str>>,
        edits: Vec<(Location, String)>,
    ) -> &mut Self {
        self.fix = Some(Fix {
            message: message.into(),
            edits: edits
                .into_iter()
                .map(|(location, replacement)| Edit {
                    location,
                    replacement,
                })
                .collect(),
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
            edits: edit.into_iter().collect(),
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
