use wit_bindgen_core::wit_parser::Stability;

use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "unstable-promoted",
        Level::Info,
        "an `@unstable` item became stable",
        r#"An item that was `@unstable(feature = …)` is now `@since(version = …)`: it joins the API, an addition like a new item. Components that enabled the feature already know it."#,
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
    for &(old, new) in &p.matched {
        if let (Stability::Unstable { feature, .. }, Stability::Stable { since, .. }) =
            (old.gate(), new.gate())
        {
            let message = format!(
                "{} was `@unstable(feature = {feature})` and is `@since(version = {since})`",
                new.title()
            );
            out.push(Change::new(&KIND, p, Some(old), Some(new), message));
        }
    }
}
