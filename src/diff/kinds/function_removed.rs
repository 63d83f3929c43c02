use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "function-removed",
    summary: "a function, method, constructor or static function is gone",
    breaks_importers: true,
    breaks_exporters: false,
    adds_api: false,
    convention: false,
    explanation: r#"A function of the old version is gone. Components that call it break; implementations of the old version still provide it. Deprecate it first and remove it in a major release."#,
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
