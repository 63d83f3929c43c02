use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::ItemKind;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "interface-added",
        Level::Info,
        "an interface is new",
        r#"A new interface. It breaks no one: components built against the old version do not know it, and nothing has to provide it until a world imports or exports it (that is a world change of its own)."#,
    ),
    breaks_importers: false,
    breaks_exporters: false,
    breaks_components: false,
    adds_api: true,
    convention: false,
    section: Some(Section::Added),
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    detect::added(p, out, &KIND, &[ItemKind::Interface], |_| true);
}
