//! Renaming a type, resource, function, interface or world of the package: every place
//! the name is written (its declaration, `use`s, signatures, fields, cases, aliases and
//! world statements), refusing names WIT does not allow and names already taken.

use std::collections::HashMap;

use lsp_types::{Position, PrepareRenameResponse, TextEdit, Uri, WorkspaceEdit};

use super::features::{item_at, references};
use super::position::{offset, range};
use super::session::Analysis;
use crate::workspace::{Item, ItemKind, Workspace, word_at};

/// Whether the item can be renamed here: a kind a rename can follow, in the package being
/// edited (a vendored package's names are upstream's).
fn renameable(ws: &Workspace, item: &Item) -> Result<(), String> {
    if !ws.is_root(item.package) {
        return Err(format!(
            "{} belongs to a vendored package: rename it upstream",
            item.title()
        ));
    }
    match item.kind {
        ItemKind::Type
        | ItemKind::Resource
        | ItemKind::Function
        | ItemKind::Method
        | ItemKind::Static
        | ItemKind::Interface
        | ItemKind::World => Ok(()),
        _ => Err(format!(
            "witlint renames types, functions, interfaces and worlds, not a {}",
            item.kind.noun()
        )),
    }
}

/// `prepareRename`: the name under the cursor, when it can be renamed.
pub fn prepare(a: &Analysis, file: &str, at: Position) -> Result<PrepareRenameResponse, String> {
    let ws = &a.ws;
    let source = ws.sources.get(file).ok_or("the file is not checked yet")?;
    let at = offset(source, at);
    let item = item_at(ws, file, at).ok_or("nothing to rename here")?;
    renameable(ws, item)?;
    let word = word_at(&source.text, at).ok_or("nothing to rename here")?;
    Ok(PrepareRenameResponse::RangeWithPlaceholder {
        range: range(source, &word),
        placeholder: source.text[word].trim_start_matches('%').to_string(),
    })
}

/// How a name is written in WIT: as given when it is an identifier, `%name` when it is a
/// keyword (`type`, `func`, …); an error when WIT has no such name.
pub fn as_written(name: &str) -> Result<String, String> {
    let bare = name.strip_prefix('%').unwrap_or(name);
    wit_bindgen_core::wit_parser::validate_id(bare)
        .map_err(|e| format!("`{name}` is not a WIT name: {e}"))?;
    // A keyword parses only escaped.
    let parses = |written: &str| {
        wit_bindgen_core::wit_parser::UnresolvedPackageGroup::parse(
            "name.wit",
            &format!("package a:b;\ninterface i {{\n    type {written} = u8;\n}}\n"),
        )
        .is_ok()
    };
    if parses(bare) {
        Ok(bare.to_string())
    } else {
        Ok(format!("%{bare}"))
    }
}

/// `rename`: every spelling of the item's name, in the package's own files.
pub fn rename(
    a: &Analysis,
    file: &str,
    at: Position,
    new_name: &str,
) -> Result<WorkspaceEdit, String> {
    let ws = &a.ws;
    let source = ws.sources.get(file).ok_or("the file is not checked yet")?;
    let offset_at = offset(source, at);
    let item = item_at(ws, file, offset_at).ok_or("nothing to rename here")?;
    renameable(ws, item)?;
    let written = as_written(new_name)?;
    let bare = written.trim_start_matches('%');
    // Names are unique among an item's siblings (wit-parser refuses two).
    let taken = ws.index().items.iter().any(|other| {
        other.parent == item.parent && !std::ptr::eq(other, item) && other.path.name() == bare
    });
    if taken {
        return Err(format!(
            "`{bare}` is taken: another item beside {} has that name",
            item.title()
        ));
    }
    // By file, in the order `references` gives them (the map is the protocol's type).
    let mut by_file: Vec<(Uri, Vec<TextEdit>)> = Vec::new();
    for location in references(a, file, at, true) {
        let edit = TextEdit {
            range: location.range,
            new_text: written.clone(),
        };
        match by_file.iter_mut().find(|(uri, _)| *uri == location.uri) {
            Some((_, edits)) => edits.push(edit),
            None => by_file.push((location.uri, vec![edit])),
        }
    }
    if by_file.is_empty() {
        return Err("found no place the name is written".into());
    }
    Ok(WorkspaceEdit {
        changes: Some(HashMap::from_iter(by_file)),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::as_written;

    #[test]
    fn names_are_checked_and_keywords_escaped() {
        assert_eq!(as_written("stock-level").unwrap(), "stock-level");
        assert_eq!(as_written("type").unwrap(), "%type");
        assert_eq!(as_written("%type").unwrap(), "%type");
        assert!(as_written("Stock_Level").is_err());
        assert!(as_written("2fast").is_err());
        assert!(as_written("").is_err());
    }
}
