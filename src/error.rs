//! Why a job could not do what it was asked: what is wrong, and what to do instead. The
//! library returns it; the CLI prints it (and the LSP will show it) once, where it is used.

/// A job's refusal or failure, other than an input that does not load
/// ([`crate::workspace::LoadError`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What went wrong, as the `error[kind]` tag says: `usage` for arguments or input the
    /// job refuses, `template` for a template that fails, `io`, …
    pub kind: &'static str,
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Error {
    /// The arguments or input ask for something the job cannot do.
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Error {
        Error {
            kind: "usage",
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    /// A template (built in or the user's) that does not parse or render.
    pub fn template(e: &anyhow::Error) -> Error {
        Error {
            kind: "template",
            message: format!("{e:#}"),
            hint: Some("fix the template named above".into()),
        }
    }

    pub fn new(kind: &'static str, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Error {}
