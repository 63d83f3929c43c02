//! Reading apart from building: what an editor does with unsaved buffers. The files on disk
//! are read once; buffers replace or add files in memory; the Workspace is built from that.

use std::path::Path;

use witlint::workspace::{self, read_input};

fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/dep-load-failed/quiet")
}

fn interfaces(ws: &workspace::Workspace) -> Vec<String> {
    let mut names: Vec<String> = ws
        .resolve
        .interfaces
        .iter()
        .filter_map(|(_, i)| i.name.clone())
        .collect();
    names.sort();
    names
}

#[test]
fn a_buffer_replaces_the_file_on_disk() {
    let before = std::fs::read_to_string(fixture().join("world.wit")).unwrap();
    let mut files = read_input(&fixture(), "quiet").unwrap();
    let buffer = format!("{before}\ninterface from-the-buffer {{\n    f: func();\n}}\n");
    assert!(files.set_text("quiet/world.wit", buffer.clone()));
    let ws = witlint::workspace::load(files, witlint::Mode::Check(&[])).unwrap();
    assert!(interfaces(&ws).contains(&"from-the-buffer".to_string()));
    assert_eq!(ws.sources.get("quiet/world.wit").unwrap().text, buffer);
    // Nothing was written.
    assert_eq!(
        std::fs::read_to_string(fixture().join("world.wit")).unwrap(),
        before
    );
}

#[test]
fn a_new_buffer_joins_its_folders_package() {
    let mut files = read_input(&fixture(), "quiet").unwrap();
    assert!(files.set_text(
        "quiet/unsaved.wit",
        "interface unsaved {\n    g: func();\n}\n".to_string()
    ));
    let ws = witlint::workspace::load(files, witlint::Mode::Check(&[])).unwrap();
    assert!(interfaces(&ws).contains(&"unsaved".to_string()));
    assert!(ws.sources.get("quiet/unsaved.wit").is_some());
}

#[test]
fn a_broken_buffer_is_located_in_the_buffer() {
    let mut files = read_input(&fixture(), "quiet").unwrap();
    assert!(files.set_text(
        "quiet/world.wit",
        "package wasi:cloud@0.2.0-draft;\n\nworld imports {\n    import nope\n}\n".to_string()
    ));
    let error = witlint::workspace::load(files, witlint::Mode::Check(&[]))
        .err()
        .expect("the buffer does not parse");
    let at = error.diagnostics[0].location.as_ref().unwrap();
    assert_eq!(&*at.file, "quiet/world.wit");
    assert_eq!(at.line, 5, "{:?}", error.diagnostics[0]);
}

#[test]
fn a_buffer_outside_the_input_is_refused() {
    let mut files = read_input(&fixture(), "quiet").unwrap();
    assert!(!files.set_text("elsewhere/a.wit", String::new()));
}

/// Every item number the index holds (parents, a parameter's function, the lookups by id)
/// points at the right item.
#[test]
fn the_index_numbers_point_at_the_right_items() {
    use workspace::{ItemKind, Target};
    let input = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/WebAssembly__WASI__proposals-http__with-deps/wit");
    let ws = witlint::open(&input, witlint::Mode::Check(&[])).unwrap();
    let index = ws.index();
    assert!(index.items.len() > 500, "a package of many interfaces");
    for (i, item) in index.items.iter().enumerate() {
        let path = item.path.as_str();
        if let Some(p) = item.parent {
            assert!(p < i, "{path}: its parent comes first");
            let parent = index.get(p).path.as_str();
            let container = parent.split(['#', '@']).next().unwrap();
            assert!(path.starts_with(container), "{path} is not in {parent}");
        } else {
            assert_eq!(item.kind, ItemKind::Package, "{path} has no parent");
        }
        match &item.target {
            Target::Param { func, .. } => {
                let func = index.get(*func);
                assert!(
                    path.starts_with(func.path.as_str()),
                    "{path} is not a parameter of {}",
                    func.path.as_str()
                );
            }
            Target::Interface(id) => {
                assert_eq!(index.of_interface(*id).unwrap().path, item.path)
            }
            Target::Type(id) if !item.is_use && !item.implied => {
                assert_eq!(index.of_type(*id).unwrap().path, item.path)
            }
            _ => {}
        }
    }
}
