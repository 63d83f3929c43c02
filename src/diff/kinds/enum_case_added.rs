use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "enum-case-added",
        Level::Warn,
        "an enum has a new case",
        r#"An enum gained a case. A component built against the old version cannot receive it: both sides break."#,
    ),
    breaks_importers: true,
    breaks_exporters: true,
    breaks_components: true,
    adds_api: true,
    convention: false,
    section: Some(Section::Added),
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::added(p, out, &KIND, &[ItemKind::Case], |i| {
        detect::case_of(p.new, i) == Some(detect::Cases::Enum)
    });
}
