use crate::diff::change::{Change, ChangeKind};
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "docs-changed",
        Level::Info,
        "an item's documentation changed",
        r#"An item kept in the new version has other doc comments (changes of whitespace alone do not count). Documentation is not API: nothing breaks. It is still a change to what the package promises in words, so a release that changes only docs is a patch release.

Release notes leave these out: they count them in one closing line."#,
    ),
    breaks_importers: false,
    breaks_exporters: false,
    breaks_components: false,
    adds_api: false,
    convention: false,
    section: None,
    detect,
};

/// The words of a doc comment: reflowing it is not a change.
fn words(docs: Option<&str>) -> impl Iterator<Item = &str> {
    docs.unwrap_or("").split_whitespace()
}

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    for &(old, new) in &p.matched {
        if !words(old.docs.as_deref()).eq(words(new.docs.as_deref())) {
            let message = format!("the documentation of {} changed", new.title());
            out.push(Change::new(&KIND, p, Some(old), Some(new), message));
        }
    }
}
