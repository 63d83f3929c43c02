use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "enum-case-removed",
    summary: "an enum case is gone",
    breaks_importers: true,
    breaks_exporters: true,
    adds_api: false,
    convention: false,
    explanation: r#"An enum lost a case. A component built against the old version may send it: both sides break."#,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::removed(p, out, &KIND, &[ItemKind::Case], |i| {
        detect::case_of(p.old, i) == Some(detect::Cases::Enum)
    });
}
