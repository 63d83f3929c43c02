use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "type-added",
        Level::Info,
        "a type is new",
        r#"A new named type. Nothing that exists uses it yet; the functions that start using it are changes of their own."#,
    ),
    breaks_importers: false,
    breaks_exporters: false,
    breaks_components: false,
    adds_api: true,
    convention: false,
    section: Some(Section::Added),
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::added(p, out, &KIND, &[ItemKind::Type, ItemKind::Resource], |_| {
        true
    });
}
