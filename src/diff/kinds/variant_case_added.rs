use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "variant-case-added",
        Level::Warn,
        "a variant has a new case",
        r#"A variant gained a case. Values of a variant cross the interface in both directions, and a component built against the old version that receives the new case cannot read it: both sides break. This is why WASI error variants end with an `other` case."#,
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
        detect::case_of(p.new, i) == Some(detect::Cases::Variant)
    });
}
