//! A configuration file's mistake, located: what `witlint.toml` and `wkg.toml` readers
//! return.

/// A configuration problem, located in the file.
#[derive(Debug)]
pub struct ConfigError {
    pub file: String,
    pub message: String,
    /// 1-based line and column.
    pub line_col: Option<(usize, usize)>,
    /// Where in the file, in bytes.
    pub span: Option<std::ops::Range<usize>>,
    /// What to do about it.
    pub hint: Option<String>,
    /// The file's text, for showing the line (empty when it could not be read).
    pub text: String,
}

/// Boxed where it is returned: a rare error should not make every `Result` large.
pub type ConfigResult<T> = Result<T, Box<ConfigError>>;

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line_col {
            Some((l, c)) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// A TOML value as a message names it.
pub(super) fn describe(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("\"{s}\""),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(_) => "a list".to_string(),
        toml::Value::Table(_) => "a table".to_string(),
    }
}

pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}
