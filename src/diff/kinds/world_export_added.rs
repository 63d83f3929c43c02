use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "world-export-added",
    summary: "a world exports something new",
    breaks_importers: false,
    breaks_exporters: true,
    adds_api: true,
    convention: false,
    explanation: r#"A world exports a new interface or function. Components built for the old world do not provide it, so they break; hosts built for the old world do not call it."#,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::added(
        p,
        out,
        &KIND,
        &[ItemKind::Export, ItemKind::Function],
        |i| i.kind == ItemKind::Export || detect::is_world_function(i, Some(true)),
    );
}
