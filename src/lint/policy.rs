//! Which packages and files a check looks at: lint policy, decided here rather than in
//! the workspace, which only knows what the WIT is.

use wit_bindgen_core::wit_parser::{PackageId, Stability};

use crate::workspace::Workspace;
use crate::workspace::deps::UnitRole;

/// Whether a package shows that it follows WASI conventions: it is in the `wasi`
/// namespace, or it gates most of its own items.
pub fn opts_into_wasi_conventions(ws: &Workspace, pkg: PackageId) -> bool {
    ws.resolve.packages[pkg].name.namespace == "wasi" || mostly_gated(ws, pkg)
}

/// Whether most of a package's own items that can carry a gate carry one: a package that
/// gates one include, or a few experiments, is not WASI-style for that.
fn mostly_gated(ws: &Workspace, pkg: PackageId) -> bool {
    if !ws.index().uses_gates(pkg) {
        return false;
    }
    let (gated, all) = ws
        .index()
        .items
        .iter()
        .filter(|i| i.package == pkg && !i.implied && !i.is_use && i.kind.can_be_gated())
        .fold((0usize, 0usize), |(g, a), i| {
            let has = !matches!(i.gate(), Stability::Unknown);
            (g + usize::from(has), a + 1)
        });
    gated * 2 > all
}

/// Whether a file's findings are wanted: files of the input itself, and of `deps/` when
/// `lint_deps` is on.
pub fn file_is_linted(ws: &Workspace, file: &str, lint_deps: bool) -> bool {
    ws.unit_of_file(file)
        .is_some_and(|u| u.role == UnitRole::Root || lint_deps)
}
