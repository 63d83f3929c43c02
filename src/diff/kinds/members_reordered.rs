use wit_bindgen_core::wit_parser::TypeDefKind;

use crate::diff::change::{Change, ChangeKind, Section};
use crate::diff::detect::member_names;
use crate::diff::pairing::Pairing;
use crate::diff::types::dealias;
use crate::lint::level::Level;
use crate::lint::rule::Rule;
use crate::workspace::Target;

pub static KIND: ChangeKind = ChangeKind {
    rule: Rule::change_kind(
        "members-reordered",
        Level::Warn,
        "a record's fields, a variant's or enum's cases or a flags type's flags changed order",
        r#"The component model compares record fields, variant and enum cases and flags in order: the canonical ABI lays them out by position, so a value written in the old order is read wrong in the new one. A component built against the old version breaks whichever side it is on, and `wasm-tools component semver-check` fails the change ("expected field name `key`, found `value`"). Only the order of the members both versions have counts: an added or removed member is reported as such.

Reordering what is matched by name stays free: functions in an interface, types, the items of a world and `use` lists.

```wit
// old
record entry { key: string, value: list<u8> }
// new: breaks both sides
record entry { value: list<u8>, key: string }
```"#,
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
    for &(old, new) in &p.matched {
        let (Target::Type(a), Target::Type(b)) = (&old.target, &new.target) else {
            continue;
        };
        let (a, b) = (dealias(p.old, *a), dealias(p.new, *b));
        let what = match p.old.resolve.types[a].kind {
            TypeDefKind::Record(_) => "fields",
            TypeDefKind::Variant(_) | TypeDefKind::Enum(_) => "cases",
            TypeDefKind::Flags(_) => "flags",
            _ => continue,
        };
        let (was, is) = (member_names(p.old, a), member_names(p.new, b));
        let kept_was: Vec<&str> = was.iter().copied().filter(|m| is.contains(m)).collect();
        let kept_is: Vec<&str> = is.iter().copied().filter(|m| was.contains(m)).collect();
        if kept_was != kept_is {
            let message = format!(
                "{}: its {what} are in another order: `{}` was `{}`",
                new.title(),
                kept_is.join(", "),
                kept_was.join(", ")
            );
            out.push(Change::new(&KIND, p, Some(old), Some(new), message));
        }
    }
}
