use wit_bindgen_core::wit_parser::{Type, TypeDefKind};

use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::pairing::Pairing;
use crate::diff::types::{dealias, render, render_definition, structurally_equal};
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::{Item, ItemKind, Target, Workspace};

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "type-changed",
        Level::Warn,
        "a type's definition, a field's type or a case's payload changed",
        r#"What a named type is changed (`type size = u32` became `u64`, a record became a variant), or a record field's type or a variant case's payload changed. Values of the type cross the interface both ways: both sides break. Aliases are followed: swapping an alias for the type it names is no change."#,
    ),
    breaks_importers: true,
    breaks_exporters: true,
    breaks_components: true,
    adds_api: false,
    convention: false,
    section: Some(Section::Changed),
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    for &(old, new) in &p.matched {
        let (was, is) = match new.kind {
            ItemKind::Type | ItemKind::Resource => match (&old.target, &new.target) {
                // A type moved to another interface and `use`d back is the same type.
                (Target::Type(a), Target::Type(b))
                    if structurally_equal(p.old, Type::Id(*a), p.new, Type::Id(*b)) =>
                {
                    continue;
                }
                (Target::Type(a), Target::Type(b)) => (
                    render_definition(p.old, dealias(p.old, *a)),
                    render_definition(p.new, dealias(p.new, *b)),
                ),
                _ => continue,
            },
            ItemKind::Field | ItemKind::Case => (member_type(p.old, old), member_type(p.new, new)),
            _ => continue,
        };
        if was != is {
            let message = format!("{} was `{was}` and is now `{is}`", new.title());
            out.push(Change::new(&KIND, p, Some(old), Some(new), message));
        }
    }
}

/// A field's type or a case's payload, written out for comparison.
fn member_type(ws: &Workspace, item: &Item) -> String {
    let Target::Member { ty, index } = item.target else {
        return String::new();
    };
    let payload: Option<Type> = match &ws.resolve.types[ty].kind {
        TypeDefKind::Record(r) => r.fields.get(index).map(|f| f.ty),
        TypeDefKind::Variant(v) => v.cases.get(index).and_then(|c| c.ty),
        _ => None,
    };
    payload.map_or_else(|| "no payload".to_string(), |t| render(ws, t))
}
