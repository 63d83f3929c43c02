use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "enum-case-added",
    summary: "an enum has a new case",
    breaks_importers: true,
    breaks_exporters: true,
    adds_api: true,
    convention: false,
    explanation: r#"An enum gained a case. A component built against the old version cannot receive it: both sides break."#,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::added(p, out, &KIND, &[ItemKind::Case], |i| {
        detect::case_of(p.new, i) == Some(detect::Cases::Enum)
    });
}
