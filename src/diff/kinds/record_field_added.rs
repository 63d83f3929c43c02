use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "record-field-added",
    summary: "a record has a new field",
    breaks_importers: true,
    breaks_exporters: true,
    adds_api: true,
    convention: false,
    explanation: r#"A record gained a field. Records are passed whole: a caller built against the old version sends the record without it, and an implementation built against the old version returns it without it. Both sides break."#,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::added(p, out, &KIND, &[ItemKind::Field], |_| true);
}
