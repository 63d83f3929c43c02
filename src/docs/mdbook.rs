//! `witlint mdbook`: an mdBook preprocessor. A chapter writes `{{#wit wasi:keyvalue/store}}`
//! and gets that interface's (or world's) reference in its place.
//!
//! mdBook runs `witlint mdbook supports <renderer>`, then `witlint mdbook` with
//! `[context, book]` as JSON on stdin, and reads the book back from stdout. The book is
//! handled as JSON, so both mdBook 0.4 (`sections`) and 0.5 (`items`) shapes pass
//! through with every field they carry.
//!
//! ```toml
//! [preprocessor.wit]
//! command = "witlint mdbook"
//! input = "../wit"   # relative to the book root; default: wit/ there, else ../wit
//! ```

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use serde_json::Value;

use super::generated::RenderOptions;
use super::model::{self, DocModel};
use super::pages;
use super::renderer::Templates;
use crate::workspace::{self, Workspace};

const DIRECTIVE: &str = "{{#wit ";

/// Runs the preprocessor over `[context, book]` JSON, returning the book JSON.
pub fn preprocess(input: &str) -> Result<String> {
    let value: Value =
        serde_json::from_str(input).context("stdin is not mdBook's `[context, book]` JSON")?;
    let Value::Array(mut pair) = value else {
        bail!("expected `[context, book]` from mdBook");
    };
    if pair.len() != 2 {
        bail!(
            "expected `[context, book]` from mdBook, got {} values",
            pair.len()
        );
    }
    let mut book = pair.pop().expect("two values");
    let context = pair.pop().expect("two values");
    let root = context
        .get("root")
        .and_then(Value::as_str)
        .map(PathBuf::from)
        .unwrap_or_default();
    let settings = context
        .pointer("/config/preprocessor/wit")
        .cloned()
        .unwrap_or(Value::Null);
    let mut docs = Docs {
        input: input_dir(&root, &settings),
        loaded: None,
    };
    let key = ["items", "sections"]
        .into_iter()
        .find(|k| book.get(k).is_some())
        .ok_or_else(|| {
            anyhow!("the book has neither `items` (mdBook 0.5) nor `sections` (mdBook 0.4)")
        })?;
    if let Some(items) = book.get_mut(key) {
        expand_items(items, &mut docs)?;
    }
    Ok(serde_json::to_string(&book)?)
}

fn input_dir(root: &Path, settings: &Value) -> PathBuf {
    if let Some(dir) = settings.get("input").and_then(Value::as_str) {
        return root.join(dir);
    }
    let own = root.join("wit");
    if own.is_dir() {
        own
    } else {
        root.join("../wit")
    }
}

struct Docs {
    input: PathBuf,
    loaded: Option<Loaded>,
}

/// What every `{{#wit …}}` of a book renders from, loaded on the first one.
struct Loaded {
    ws: Workspace,
    model: DocModel,
    templates: Templates,
}

impl Docs {
    fn get(&mut self) -> Result<&Loaded> {
        if self.loaded.is_none() {
            let ws = workspace::read_input(&self.input, &workspace::display(&self.input))
                .and_then(|files| workspace::load(files, workspace::Mode::Read))
                .map_err(|e| {
                    let first = e.diagnostics.first();
                    anyhow!(
                        "cannot load {}: {}{}",
                        self.input.display(),
                        first.map_or("", |d| d.message.as_str()),
                        first
                            .and_then(|d| d.location.as_ref())
                            .map(|l| format!(" at {}:{}:{}", l.file, l.line, l.column))
                            .unwrap_or_default()
                    )
                })?;
            // A chapter may show any package, dependencies included.
            let model = model::build(&ws, true);
            let templates = Templates::compile(None)?;
            self.loaded = Some(Loaded {
                ws,
                model,
                templates,
            });
        }
        Ok(self.loaded.as_ref().expect("just loaded"))
    }
}

fn expand_items(items: &mut Value, docs: &mut Docs) -> Result<()> {
    let Value::Array(items) = items else {
        return Ok(());
    };
    for item in items {
        let Some(chapter) = item.get_mut("Chapter") else {
            continue;
        };
        let name = chapter
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if let Some(Value::String(content)) = chapter.get_mut("content")
            && content.contains(DIRECTIVE)
        {
            *content = expand(content, docs).with_context(|| format!("in chapter `{name}`"))?;
        }
        if let Some(sub) = chapter.get_mut("sub_items") {
            expand_items(sub, docs)?;
        }
    }
    Ok(())
}

/// Replaces each `{{#wit target}}`; `\{{#wit …}}` stays as written, minus the backslash.
fn expand(content: &str, docs: &mut Docs) -> Result<String> {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(at) = rest.find(DIRECTIVE) {
        let end = rest[at..]
            .find("}}")
            .map(|e| at + e)
            .ok_or_else(|| anyhow!("`{{{{#wit` without a closing `}}}}`"))?;
        if rest[..at].ends_with('\\') {
            out.push_str(&rest[..at - 1]);
            out.push_str(&rest[at..end + 2]);
            rest = &rest[end + 2..];
            continue;
        }
        out.push_str(&rest[..at]);
        let target = rest[at + DIRECTIVE.len()..end].trim();
        let loaded = docs.get()?;
        let options = RenderOptions::default();
        let text = pages::fragment(
            &loaded.ws,
            &loaded.model,
            target,
            &options,
            &loaded.templates,
        )?
        .ok_or_else(|| {
            anyhow!(
                "`{{{{#wit {target}}}}}` names no interface or world of {}",
                docs.input.display()
            )
        })?;
        out.push_str(text.trim_end());
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}
