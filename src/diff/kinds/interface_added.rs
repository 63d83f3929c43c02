use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    id: "interface-added",
    summary: "an interface is new",
    breaks_importers: false,
    breaks_exporters: false,
    adds_api: true,
    convention: false,
    explanation: r#"A new interface. It breaks no one: components built against the old version do not know it, and nothing has to provide it until a world imports or exports it (that is a world change of its own)."#,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::added(p, out, &KIND, &[ItemKind::Interface], |_| true);
}
