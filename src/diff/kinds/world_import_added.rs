use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "world-import-added",
        Level::Warn,
        "a world imports something new",
        r#"A world imports a new interface or function. Components built for the old world do not use it; a host that provides the old world's imports lacks it, so hosts (the providers of imports) break."#,
    ),
    breaks_importers: false,
    breaks_exporters: true,
    breaks_components: false,
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
        &[ItemKind::Import, ItemKind::Function],
        |i| i.world_side() == Some(false),
    );
}
