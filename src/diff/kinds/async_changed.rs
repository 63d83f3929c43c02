use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "async-changed",
        Level::Warn,
        "a function became `async`, or stopped being",
        r#"A function's `async` changed. An async function has another type in the component model (it may block, its caller lowers it another way), so a component built against the old version does not link against the new one, on either side."#,
    ),
    breaks_importers: true,
    breaks_exporters: true,
    breaks_components: true,
    adds_api: false,
    convention: false,
    section: Some(Section::Changed),
    detect,
};

fn detect(p: &Pairing<'_>, out: &mut Vec<Change>) {
    for (old, new, f_old, f_new) in detect::matched_functions(p) {
        let (was, is) = (f_old.kind.is_async(), f_new.kind.is_async());
        if was != is {
            let message = format!(
                "{} {}",
                new.title(),
                if is {
                    "is now `async`"
                } else {
                    "is no longer `async`"
                }
            );
            out.push(Change::new(&KIND, p, Some(old), Some(new), message));
        }
    }
}
