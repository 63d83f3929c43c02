use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "record-field-added",
        Level::Warn,
        "a record has a new field",
        r#"A record gained a field. Records are passed whole: a caller built against the old version sends the record without it, and an implementation built against the old version returns it without it. Both sides break."#,
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
    detect::added(p, out, &KIND, &[ItemKind::Field], |_| true);
}
