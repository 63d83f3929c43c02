//! What the server answers from an analysis: hover, definition, document symbols, code
//! actions and completion.

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CompletionItem, CompletionItemKind,
    DocumentSymbol, Hover, HoverContents, InsertTextFormat, Location, MarkupContent, MarkupKind,
    Position, SymbolKind, TextEdit, WorkspaceEdit,
};
use wit_bindgen_core::wit_parser::{Stability, Type, TypeDefKind, WorldItem};

use super::position::{offset, range, uri_of};
use super::session::Analysis;
use crate::lint::{Applicability, Finding};
use crate::workspace::signature::Printer;
use crate::workspace::{Item, ItemKind, SourceFile, Target, Workspace};

/// The item a name at `at` in `file` stands for: declared there, or used there (a type in
/// a signature, a field, a case, an alias).
pub fn item_at<'a>(ws: &'a Workspace, file: &str, at: usize) -> Option<&'a Item> {
    ws.item_named_at(file, at)
}

/// Whether the cursor is on the item's own name (its declaration), not on a use of it.
fn on_declaration(ws: &Workspace, item: &Item, file: &str, at: usize) -> bool {
    ws.locate(item.span)
        .is_some_and(|loc| &*loc.file == file && loc.bytes.start <= at && at <= loc.bytes.end)
}

fn gate_text(s: &Stability) -> Option<String> {
    match s {
        Stability::Stable { since, deprecated } => Some(match deprecated {
            Some(d) => format!("since {since} · deprecated since {d}"),
            None => format!("since {since}"),
        }),
        Stability::Unstable { feature, .. } => Some(format!("unstable: feature `{feature}`")),
        Stability::Unknown => None,
    }
}

/// The item's WIT signature, as `witlint docs` prints it.
fn signature(ws: &Workspace, item: &Item) -> String {
    let printer = Printer {
        resolve: &ws.resolve,
    };
    match &item.target {
        Target::Function { .. } => match ws.function(&item.target) {
            Some(f) => format!(
                "{}: {}",
                item.path.name(),
                printer.text(|p, out| p.func(out, f))
            ),
            None => item.title(),
        },
        Target::Type(id) => printer.text(|p, out| p.definition(out, *id)),
        _ => item.written_name().into_owned(),
    }
}

/// Hover: the signature, the gate and the docs.
pub fn hover(a: &Analysis, file: &str, at: Position) -> Option<Hover> {
    let source = a.ws.sources.get(file)?;
    let at = offset(source, at);
    let item = item_at(&a.ws, file, at)?;
    let mut value = format!("```wit\n{}\n```\n", signature(&a.ws, item));
    if let Some(gate) = gate_text(item.gate()) {
        value.push_str(&format!("\n*{gate}*\n"));
    }
    if let Some(docs) = &item.docs {
        // As `witlint docs` renders them: raw HTML escaped, unsafe link targets dropped,
        // intra-doc links pointing at the items' places.
        let resolver = crate::workspace::links::LinkResolver::new(&a.ws);
        let link = |name: &str| {
            let target = resolver.resolve(&item.path, name)?;
            let found = a.ws.index().items.iter().find(|i| &i.path == target)?;
            let loc = a.ws.locate(found.span)?;
            let uri = uri_of(Path::new(&*loc.file))?;
            Some(format!("{}#L{}", uri.as_str(), loc.line))
        };
        let rendered = crate::docs::markdown::render(docs, 3, &link);
        value.push_str(&format!("\n{rendered}\n"));
    }
    value.push_str(&format!("\n`{}`", item.path));
    // The name under the cursor, which may be a use of the item elsewhere.
    let word = crate::workspace::word_at(&source.text, at);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: word.map(|w| range(source, &w)),
    })
}

/// Definition: a `use`d type's definition, an interface a world imports or exports.
pub fn definition(a: &Analysis, file: &str, at: Position) -> Option<Location> {
    let ws = &a.ws;
    let at = offset(ws.sources.get(file)?, at);
    let item = item_at(ws, file, at)?;
    // A type named in a signature: its definition (through a `use`, the original).
    if !on_declaration(ws, item, file, at) {
        let original = match &item.target {
            Target::Type(id) if item.is_use => match ws.resolve.types[*id].kind {
                TypeDefKind::Type(Type::Id(other)) => ws.index().of_type(other),
                _ => None,
            },
            _ => None,
        };
        return located(ws, original.unwrap_or(item));
    }
    let target = match &item.target {
        Target::Type(id) => match ws.resolve.types[*id].kind {
            TypeDefKind::Type(Type::Id(other)) => ws.index().of_type(other),
            _ => None,
        },
        Target::WorldItem { world, export, key } => {
            let w = &ws.resolve.worlds[*world];
            let items = if *export { &w.exports } else { &w.imports };
            match items.get(key) {
                Some(WorldItem::Interface { id, .. }) => ws.index().of_interface(*id),
                _ => None,
            }
        }
        _ => None,
    }?;
    located(ws, target)
}

fn symbol_kind(kind: ItemKind) -> SymbolKind {
    match kind {
        ItemKind::Package => SymbolKind::PACKAGE,
        ItemKind::Interface => SymbolKind::INTERFACE,
        ItemKind::World => SymbolKind::MODULE,
        ItemKind::Resource => SymbolKind::CLASS,
        ItemKind::Type => SymbolKind::STRUCT,
        ItemKind::Function | ItemKind::Static => SymbolKind::FUNCTION,
        ItemKind::Method => SymbolKind::METHOD,
        ItemKind::Constructor => SymbolKind::CONSTRUCTOR,
        ItemKind::Import | ItemKind::Export | ItemKind::Include => SymbolKind::NAMESPACE,
        _ => SymbolKind::FIELD,
    }
}

/// Document symbols: the items written in `file`, nested as they are in WIT.
#[allow(
    deprecated,
    reason = "DocumentSymbol's `deprecated` field must be written"
)]
pub fn symbols(a: &Analysis, file: &str) -> Vec<DocumentSymbol> {
    let ws = &a.ws;
    let Some(source) = ws.sources.get(file) else {
        return Vec::new();
    };
    let items = &ws.index().items;
    let mut nodes: Vec<(usize, Option<usize>, DocumentSymbol)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if item.implied || item.kind == ItemKind::Param || item.kind == ItemKind::Package {
            continue;
        }
        let Some(loc) = ws.locate(item.span).filter(|l| &*l.file == file) else {
            continue;
        };
        let r = range(source, &loc.bytes);
        nodes.push((
            i,
            item.parent,
            DocumentSymbol {
                name: item.path.leaf().to_string(),
                detail: gate_text(item.gate()),
                kind: symbol_kind(item.kind),
                tags: None,
                deprecated: None,
                range: r,
                selection_range: r,
                children: None,
            },
        ));
    }
    // Children into their parents, last first, so each child is placed before its parent
    // is itself placed; pushed in reverse and turned around once (linear, however many
    // items a file holds).
    let mut by_index: HashMap<usize, DocumentSymbol> = HashMap::new();
    let order: Vec<(usize, Option<usize>)> = nodes.iter().map(|(i, p, _)| (*i, *p)).collect();
    for (i, _, s) in nodes {
        by_index.insert(i, s);
    }
    let mut roots = Vec::new();
    for (i, parent) in order.into_iter().rev() {
        let Some(mut symbol) = by_index.remove(&i) else {
            continue;
        };
        if let Some(children) = &mut symbol.children {
            children.reverse();
        }
        match parent.and_then(|p| by_index.get_mut(&p)) {
            Some(p) => p.children.get_or_insert_with(Vec::new).push(symbol),
            None => roots.push(symbol),
        }
    }
    roots.reverse();
    roots
}

/// Code actions: each fix with an edit on the requested lines (a quick fix when safe, a
/// refactoring when not), and the file's safe fixes all at once.
/// "Fix all safe fixes in this file": its text now, or built when the editor resolves it.
pub enum FixAll {
    Text(String),
    Later,
}

/// Whether the file has a safe fix with an edit: what "fix all" would apply.
pub fn has_safe_edit(a: &Analysis, file: &str) -> bool {
    a.findings.iter().any(|f| {
        f.fix.as_ref().is_some_and(|fix| {
            fix.applicability == Applicability::Safe
                && fix.edit().is_some_and(|e| &*e.location.file == file)
        })
    })
}

const FIX_ALL_TITLE: &str = "Fix all safe fixes in this file (witlint)";

/// The "fix all" action with its edit: the whole file replaced by `fixed`.
pub fn with_fix_all(
    mut action: CodeAction,
    uri: &lsp_types::Uri,
    text: &str,
    fixed: String,
) -> CodeAction {
    let whole = lsp_types::Range {
        start: Position::new(0, 0),
        end: end_of(text),
    };
    action.edit = Some(WorkspaceEdit {
        changes: Some(HashMap::from([(
            uri.clone(),
            vec![TextEdit {
                range: whole,
                new_text: fixed,
            }],
        )])),
        ..Default::default()
    });
    action
}

/// The position after the last character of `text`, in UTF-16 code units as LSP counts.
fn end_of(text: &str) -> Position {
    let line = text.matches('\n').count() as u32;
    let last = text.rsplit('\n').next().unwrap_or("");
    Position::new(line, last.encode_utf16().count() as u32)
}

pub fn code_actions(
    a: &Analysis,
    file: &str,
    lines: std::ops::Range<u32>,
    fix_all: Option<FixAll>,
) -> Vec<CodeActionOrCommand> {
    let (Some(uri), Some(source)) = (uri_of(Path::new(file)), a.ws.sources.get(file)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for f in a.findings.iter().filter(|f| on_lines(f, source, &lines)) {
        let Some(fix) = &f.fix else { continue };
        if fix.edits.is_empty() {
            continue;
        }
        let kind = match fix.applicability {
            Applicability::Safe => CodeActionKind::QUICKFIX,
            Applicability::Unsafe => CodeActionKind::REFACTOR,
            Applicability::DisplayOnly => continue,
        };
        // Every edit of the fix, in one action: applied together.
        let changes: Vec<TextEdit> = fix
            .edits
            .iter()
            .map(|edit| TextEdit {
                range: range(source, &edit.location.bytes),
                new_text: edit.replacement.clone(),
            })
            .collect();
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!(
                "{} ({}, {})",
                fix.message,
                f.rule.id,
                fix.applicability.as_str()
            ),
            kind: Some(kind),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), changes)])),
                ..Default::default()
            }),
            is_preferred: Some(fix.applicability == Applicability::Safe),
            ..Default::default()
        }));
    }
    let action = CodeAction {
        title: FIX_ALL_TITLE.into(),
        kind: Some(CodeActionKind::SOURCE_FIX_ALL),
        data: Some(serde_json::json!({ "uri": uri.as_str() })),
        ..Default::default()
    };
    match fix_all {
        Some(FixAll::Text(fixed)) if fixed != source.text => out.push(
            CodeActionOrCommand::CodeAction(with_fix_all(action, &uri, &source.text, fixed)),
        ),
        Some(FixAll::Later) => out.push(CodeActionOrCommand::CodeAction(action)),
        _ => {}
    }
    out
}

fn on_lines(f: &Finding, file: &SourceFile, lines: &std::ops::Range<u32>) -> bool {
    f.location.as_ref().is_some_and(|l| {
        let r = range(file, &l.bytes);
        l.file == file.path && r.start.line <= lines.end && r.end.line >= lines.start
    })
}

/// Completion: the gate attributes, for the package the file is in.
pub fn completion(a: &Analysis, file: &str) -> Vec<CompletionItem> {
    let ws = &a.ws;
    let Some(pkg) = ws.sources.get(file).and_then(|_| ws.roots.first()) else {
        return Vec::new();
    };
    let name = &ws.resolve.packages[*pkg].name;
    let mut out = Vec::new();
    if let Some(version) = &name.version {
        out.push(CompletionItem {
            label: format!("@since(version = {version})"),
            kind: Some(CompletionItemKind::SNIPPET),
            detail: Some("released in this package's version".into()),
            insert_text: Some(format!("@since(version = {version})")),
            insert_text_format: Some(InsertTextFormat::PLAIN_TEXT),
            ..Default::default()
        });
    }
    out.push(CompletionItem {
        label: format!("@unstable(feature = {}-…)", name.name),
        kind: Some(CompletionItemKind::SNIPPET),
        detail: Some("not released yet: a feature named after the package".into()),
        insert_text: Some(format!("@unstable(feature = {}-${{1:name}})", name.name)),
        insert_text_format: Some(InsertTextFormat::SNIPPET),
        ..Default::default()
    });
    out
}

/// References: where the item under the cursor is used, across the package's files and
/// its `deps/` (the workspace's query, as editor locations).
pub fn references(a: &Analysis, file: &str, at: Position, declaration: bool) -> Vec<Location> {
    let ws = &a.ws;
    let Some(source) = ws.sources.get(file) else {
        return Vec::new();
    };
    let Some(item) = item_at(ws, file, offset(source, at)) else {
        return Vec::new();
    };
    ws.references_of(item, declaration)
        .iter()
        .filter_map(|loc| {
            Some(Location {
                uri: uri_of(Path::new(&*loc.file))?,
                range: range(ws.sources.get(&loc.file)?, &loc.bytes),
            })
        })
        .collect()
}

fn located(ws: &Workspace, item: &Item) -> Option<Location> {
    let loc = ws.locate(item.span)?;
    Some(Location {
        uri: uri_of(Path::new(&*loc.file))?,
        range: range(ws.sources.get(&loc.file)?, &loc.bytes),
    })
}

/// Workspace symbols: the items of every checked package whose name holds `query`.
#[allow(
    deprecated,
    reason = "SymbolInformation's `deprecated` field must be written"
)]
pub fn workspace_symbols<'a>(
    analyses: impl Iterator<Item = &'a Analysis>,
    query: &str,
) -> Vec<lsp_types::SymbolInformation> {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    for a in analyses {
        for item in a.ws.index().items.iter() {
            if item.implied || item.kind == ItemKind::Param {
                continue;
            }
            if !item.path.leaf().to_lowercase().contains(&query) {
                continue;
            }
            let Some(location) = located(&a.ws, item) else {
                continue;
            };
            out.push(lsp_types::SymbolInformation {
                name: item.path.leaf().to_string(),
                kind: symbol_kind(item.kind),
                tags: None,
                deprecated: None,
                location,
                container_name: Some(item.path.container_part().to_string()),
            });
        }
    }
    out.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then(a.container_name.cmp(&b.container_name))
    });
    out.truncate(500);
    out
}
