use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "record-field-removed",
    summary: "a record field is gone",
    breaks_importers: true,
    breaks_exporters: true,
    adds_api: false,
    convention: false,
    explanation: r#"A record lost a field. Records are passed whole, so both sides break."#,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::removed(p, out, &KIND, &[ItemKind::Field], |_| true);
}
