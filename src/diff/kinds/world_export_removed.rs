use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "world-export-removed",
    summary: "a world no longer exports something",
    breaks_importers: true,
    breaks_exporters: false,
    adds_api: false,
    convention: false,
    explanation: r#"A world no longer exports an interface or function. Hosts built for the old world that call it break."#,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::removed(
        p,
        out,
        &KIND,
        &[ItemKind::Export, ItemKind::Function],
        |i| i.kind == ItemKind::Export || detect::is_world_function(i, Some(true)),
    );
}
