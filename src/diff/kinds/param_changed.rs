use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::diff::types::params;
use crate::lint::level::Level;
use crate::lint::rule::Rule;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "param-changed",
        Level::Warn,
        "a function's parameters changed: added, removed, reordered or retyped",
        r#"A function's parameter list changed: a parameter was added, removed or moved, or its type changed. Callers built against the old version pass the old list, and implementations built against it expect the old list: both sides break. Aliases are followed, so replacing a type by an alias of it is no change."#,
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
        let same_list = f_old.params.len() == f_new.params.len()
            && f_old
                .params
                .iter()
                .zip(&f_new.params)
                .all(|(a, b)| detect::same_type(p, a.ty, b.ty));
        let (was, is) = (params(p.old, f_old), params(p.new, f_new));
        if same_list || detect::only_handles_differ(&was, &is) {
            continue; // renamed (`param-renamed`), or own/borrow (`handle-kind-changed`)
        }
        let message = format!(
            "the parameters of {} changed: `{}` is now `{}`",
            new.title(),
            was,
            is
        );
        out.push(Change::new(&KIND, p, Some(old), Some(new), message));
    }
}
