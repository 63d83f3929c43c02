use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::diff::types::render;
use crate::lint::level::Level;
use crate::lint::rule::Rule;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "result-changed",
        Level::Warn,
        "a function returns another type",
        r#"A function's result type changed, or it gained or lost a result. Both sides of the call were built for the old result: both break."#,
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
    let shown = |ws, t: Option<_>| t.map_or_else(|| "nothing".to_string(), |t| render(ws, t));
    for (old, new, f_old, f_new) in detect::matched_functions(p) {
        let same = match (f_old.result, f_new.result) {
            (None, None) => true,
            (Some(a), Some(b)) => detect::same_type(p, a, b),
            _ => false,
        };
        let (was, is) = (shown(p.old, f_old.result), shown(p.new, f_new.result));
        if !same && !detect::only_handles_differ(&was, &is) {
            let message = format!("{} returned `{was}` and now returns `{is}`", new.title());
            out.push(Change::new(&KIND, p, Some(old), Some(new), message));
        }
    }
}
