use wit_bindgen_core::wit_parser::Stability;

use crate::diff::change::{Change, ChangeKind};
use crate::diff::pairing::Pairing;

pub static KIND: ChangeKind = ChangeKind {
    id: "unstable-promoted",
    summary: "an `@unstable` item became stable",
    breaks_importers: false,
    breaks_exporters: false,
    adds_api: true,
    convention: false,
    explanation: r#"An item that was `@unstable(feature = …)` is now `@since(version = …)`: it joins the API, an addition like a new item. Components that enabled the feature already know it."#,
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
