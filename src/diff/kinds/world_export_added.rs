use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "world-export-added",
        Level::Warn,
        "a world exports something new",
        r#"A world exports a new interface or function. Components built for the old world do not provide it, so they break; hosts built for the old world do not call it."#,
    ),
    breaks_importers: false,
    breaks_exporters: true,
    breaks_components: true,
    adds_api: true,
    convention: false,
    section: Some(Section::Added),
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::added(
        p,
        out,
        &KIND,
        &[ItemKind::Export, ItemKind::Function],
        |i| i.world_side() == Some(true),
    );
}
