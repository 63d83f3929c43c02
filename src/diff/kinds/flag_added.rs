use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "flag-added",
    summary: "a flags type has a new flag",
    breaks_importers: true,
    breaks_exporters: true,
    adds_api: true,
    convention: false,
    explanation: r#"A flags type gained a flag. Its representation changes size at some counts, and a component built against the old version cannot read it: both sides break."#,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::added(p, out, &KIND, &[ItemKind::Flag], |_| true);
}
