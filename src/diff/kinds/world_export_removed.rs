use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "world-export-removed",
        Level::Warn,
        "a world no longer exports something",
        r#"A world no longer exports an interface or function. Hosts built for the old world that call it break."#,
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
        &[ItemKind::Export, ItemKind::Function],
        |i| i.world_side() == Some(true),
    );
}
