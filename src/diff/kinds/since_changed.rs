use wit_bindgen_core::wit_parser::Stability;

use crate::diff::change::{Change, ChangeKind};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "since-changed",
        Level::Error,
        "an item's `@since` version changed",
        r#"An item kept in the new version says it arrived in another release than the old version said. `@since` records when an item became API, and that never changes: tools and readers rely on it to know which release a component needs. A major version that restarts every gate at its own version is no change (WASI 0.3.0 gates everything `@since(version = 0.3.0)`)."#,
    ),
    breaks_importers: false,
    breaks_exporters: false,
    breaks_components: false,
    adds_api: false,
    convention: true,
    section: None,
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    let restarts = detect::major_release(p);
    for &(old, new) in &p.matched {
        let (Stability::Stable { since: was, .. }, Stability::Stable { since: is, .. }) =
            (old.gate(), new.gate())
        else {
            continue;
        };
        if was == is || (restarts && detect::new_version(p, new).as_ref() == Some(is)) {
            continue;
        }
        let message = format!(
            "{} was `@since(version = {was})` and is now `@since(version = {is})`",
            new.title()
        );
        out.push(Change::new(&KIND, p, Some(old), Some(new), message));
    }
}
