use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "world-import-added",
    summary: "a world imports something new",
    breaks_importers: false,
    breaks_exporters: true,
    adds_api: true,
    convention: false,
    explanation: r#"A world imports a new interface or function. Components built for the old world do not use it; a host that provides the old world's imports lacks it, so hosts (the providers of imports) break."#,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::added(
        p,
        out,
        &KIND,
        &[ItemKind::Import, ItemKind::Function],
        |i| i.kind == ItemKind::Import || detect::is_world_function(i, Some(false)),
    );
}
