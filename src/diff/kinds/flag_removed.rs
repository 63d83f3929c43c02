use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "flag-removed",
    summary: "a flag is gone",
    breaks_importers: true,
    breaks_exporters: true,
    adds_api: false,
    convention: false,
    explanation: r#"A flags type lost a flag: both sides break."#,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::removed(p, out, &KIND, &[ItemKind::Flag], |_| true);
}
