use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "function-added",
    summary: "a function, method, constructor or static function is new",
    breaks_importers: false,
    breaks_exporters: true,
    adds_api: true,
    convention: false,
    explanation: r#"A new function. Callers built against the old version do not call it, so importers are fine; a component that implements the interface, built against the old version, lacks it, so exporters break. A minor release for importers; major for exporters."#,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::added(
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
