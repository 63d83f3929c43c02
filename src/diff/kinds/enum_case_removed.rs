use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "enum-case-removed",
        Level::Warn,
        "an enum case is gone",
        r#"An enum lost a case. A component built against the old version may send it: both sides break."#,
    ),
    breaks_importers: true,
    breaks_exporters: true,
    breaks_components: true,
    adds_api: false,
    convention: false,
    section: Some(Section::Removed),
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::removed(p, out, &KIND, &[ItemKind::Case], |i| {
        detect::case_of(p.old, i) == Some(detect::Cases::Enum)
    });
}
