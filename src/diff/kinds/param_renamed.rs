use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect;
use crate::diff::pairing::Pairing;
use crate::lint::level::Level;
use crate::lint::rule::Rule;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "param-renamed",
        Level::Warn,
        "a parameter has a new name",
        r#"A parameter kept its place and type but has a new name. Parameter names are part of a function's type in the component model: a component built against the old version does not link against the new one, on either side."#,
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
        if f_old.params.len() != f_new.params.len() {
            continue; // a different parameter list: `param-changed`
        }
        let same_types = f_old
            .params
            .iter()
            .zip(&f_new.params)
            .all(|(a, b)| detect::same_type(p, a.ty, b.ty));
        if !same_types {
            continue;
        }
        for (a, b) in f_old.params.iter().zip(&f_new.params) {
            if a.name != b.name {
                let message = format!(
                    "parameter `{}` of {} is now `{}`",
                    a.name,
                    new.title(),
                    b.name
                );
                out.push(Change::new(&KIND, p, Some(old), Some(new), message));
            }
        }
    }
}
