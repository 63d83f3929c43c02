use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "function-removed",
        Level::Warn,
        "a function, method, constructor or static function is gone",
        r#"A function of the old version is gone. Components that call it break; implementations of the old version still provide it. Deprecate it first and remove it in a major release."#,
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
        &[
            ItemKind::Function,
            ItemKind::Method,
            ItemKind::Static,
            ItemKind::Constructor,
        ],
        |i| !detect::is_world_function(i, None),
    );
}
