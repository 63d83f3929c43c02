//! A world's `include` statements, read from its source: wit-parser consumes them while
//! elaborating the world, so the resolved world no longer lists them.

use wit_bindgen_core::wit_parser::World;

use super::{Gate, Include};
use crate::workspace::{ItemPath, Workspace};

/// The `include` statements written in a world's body, in order.
pub(super) fn written(ws: &Workspace, world: &World, path: &ItemPath) -> Vec<Include> {
    let Some((file, offset)) = ws.file_of(world.span) else {
        return Vec::new();
    };
    let Some(body) = file.trivia().block_after(offset) else {
        return Vec::new();
    };
    let inner = body.start + 1..body.end.saturating_sub(1);
    // Comments and nested bodies (inline interfaces, `with { .. }`) hold no includes, and
    // the `;` inside a body ends no statement of the world: blank them out. A nested body
    // ends its statement (`import x: interface { .. }` has no `;`), so its `}` becomes one.
    let mut text = file.text.as_bytes()[inner.clone()].to_vec();
    let nested: Vec<_> = file
        .trivia()
        .blocks
        .iter()
        .filter(|b| b.start > body.start && b.end <= inner.end)
        .cloned()
        .collect();
    let comments = file.trivia().runs.iter().flat_map(|r| &r.comments);
    for range in comments
        .map(|c| c.range.clone())
        .chain(nested.iter().cloned())
    {
        for i in range.start.max(inner.start)..range.end.min(inner.end) {
            text[i - inner.start] = b' ';
        }
    }
    for block in &nested {
        text[block.end - 1 - inner.start] = b';';
    }
    // Whole comments and blocks were blanked, so the rest is still UTF-8.
    let text = String::from_utf8_lossy(&text);
    let package = path.as_str().split('/').next().unwrap_or("");
    let version = path.as_str().split_once('@').map(|(_, v)| v);
    text.split(';')
        .filter_map(|stmt| {
            let (rest, gate) = attributes(stmt);
            let target = rest.strip_prefix("include")?.split_whitespace().next()?;
            let world = if target.contains(':') {
                target.to_string()
            } else {
                match version {
                    Some(v) => format!("{package}/{target}@{v}"),
                    None => format!("{package}/{target}"),
                }
            };
            Some(Include {
                world: ItemPath::from(world),
                gate,
            })
        })
        .collect()
}

/// Strips the `@since(..)`/`@unstable(..)`/`@deprecated(..)` attributes before a statement,
/// returning the statement and its gate.
fn attributes(stmt: &str) -> (&str, Gate) {
    let mut gate = Gate::default();
    let mut rest = stmt.trim_start();
    while let Some(attr) = rest.strip_prefix('@') {
        let Some(close) = attr.find(')') else { break };
        let (name, args) = attr[..close]
            .split_once('(')
            .unwrap_or((&attr[..close], ""));
        let value = args.split_once('=').map(|(_, v)| v.trim().to_string());
        match name.trim() {
            "since" => gate.since = value,
            "unstable" => gate.unstable = value,
            "deprecated" => gate.deprecated = value,
            _ => {}
        }
        rest = attr[close + 1..].trim_start();
    }
    (rest, gate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_attributes() {
        let (rest, gate) =
            attributes("\n  @since(version = 0.2.0)\n  include wasi:io/imports@0.2.2");
        assert_eq!(rest, "include wasi:io/imports@0.2.2");
        assert_eq!(gate.since.as_deref(), Some("0.2.0"));
        let (rest, gate) = attributes("@unstable(feature = kv-watch) include watch");
        assert_eq!(rest, "include watch");
        assert_eq!(gate.unstable.as_deref(), Some("kv-watch"));
    }
}
