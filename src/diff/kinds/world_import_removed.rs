use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "world-import-removed",
        Level::Warn,
        "a world no longer imports something",
        r#"A world no longer imports an interface or function. Components built for the old world that call it cannot be linked against a host of the new world."#,
    ),
    breaks_importers: true,
    breaks_exporters: false,
    breaks_components: true,
    adds_api: false,
    convention: false,
    section: Some(Section::Removed),
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::removed(
        p,
        out,
        &KIND,
        &[ItemKind::Import, ItemKind::Function],
        |i| i.world_side() == Some(false),
    );
}
