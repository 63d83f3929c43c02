use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::diff::types::{params, render};
use crate::lint::level::Level;
use crate::lint::rule::Rule;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "handle-kind-changed",
        Level::Warn,
        "a resource is passed `own` where it was `borrow`, or the other way",
        r#"A parameter or result that passes a resource changed between `own<T>` and `borrow<T>` (a bare `T` is `own<T>`). Ownership is part of the type: who drops the handle changes, so a component built against the old version does not link against the new one, on either side."#,
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
    let shown = |ws, t: Option<_>| t.map_or_else(String::new, |t| render(ws, t));
    for (old, new, f_old, f_new) in detect::matched_functions(p) {
        let (was, is) = (params(p.old, f_old), params(p.new, f_new));
        let (was_result, is_result) = (shown(p.old, f_old.result), shown(p.new, f_new.result));
        if detect::only_handles_differ(&was, &is) {
            let message = format!("{} took `{was}` and takes `{is}`", new.title());
            out.push(Change::new(&KIND, p, Some(old), Some(new), message));
        }
        if detect::only_handles_differ(&was_result, &is_result) {
            let message = format!(
                "{} returned `{was_result}` and returns `{is_result}`",
                new.title()
            );
            out.push(Change::new(&KIND, p, Some(old), Some(new), message));
        }
    }
}
