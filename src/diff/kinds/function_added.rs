use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "function-added",
        Level::Warn,
        "a function, method, constructor or static function is new",
        r#"A new function. Callers built against the old version do not call it, so importers are fine; a component that implements the interface, built against the old version, lacks it, so exporters break. A minor release for importers; major for exporters."#,
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
        &[
            ItemKind::Function,
            ItemKind::Method,
            ItemKind::Static,
            ItemKind::Constructor,
        ],
        |i| !detect::is_world_function(i, None),
    );
}
