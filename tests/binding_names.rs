//! `binding-name-reserved`'s table (src/lint/binding_names.tsv) against a generator
//! itself: every name of the Rust row is renamed by wit-bindgen-rust's `to_rust_ident`
//! (the version witlint builds with) to what the table says, and no other name of the
//! table is. The other generators are not Rust dependencies: their rows name the crate,
//! version and function they were read from.

use wit_bindgen_core::WorldGenerator;

const TABLE: &str = include_str!("../src/lint/binding_names.tsv");

fn rows() -> Vec<Vec<&'static str>> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect()
}

#[test]
fn the_rust_row_is_what_wit_bindgen_rust_renames() {
    let rows = rows();
    assert!(rows.iter().all(|r| r.len() == 6), "six columns a row");
    let rust = rows
        .iter()
        .find(|r| r[0] == "Rust" && r[1].ends_with("to_rust_ident"))
        .expect("a Rust row");
    assert!(
        rust[1].contains("0.63"),
        "the version in Cargo.toml: {}",
        rust[1]
    );
    let renamed: Vec<&str> = rust[5].split(' ').collect();
    for name in &renamed {
        assert_eq!(
            wit_bindgen_rust::to_rust_ident(name),
            format!("{name}_"),
            "{name}"
        );
    }
    let mut others = 0;
    for name in rows.iter().flat_map(|r| r[5].split(' ')) {
        if !renamed.contains(&name) {
            others += 1;
            // Written as it is, in snake case (`take-handle` is `take_handle`).
            let snake = name.replace('-', "_");
            assert_eq!(wit_bindgen_rust::to_rust_ident(name), snake, "{name}");
        }
    }
    assert!(others > 100, "{others} names of other languages");
}

/// The Rust clash row: wit-bindgen-rust gives an imported resource's type `handle`,
/// `take_handle` and `from_handle` of its own, so a WIT method of that name is a second
/// inherent definition (E0592, "duplicate definitions with name"), where the Go generator
/// renames it. Checked on the code wit-bindgen-rust writes.
#[test]
fn the_rust_clash_row_is_what_wit_bindgen_rust_defines_twice() {
    let rows = rows();
    let clash = rows
        .iter()
        .find(|r| r[0] == "Rust" && r[4] == "!")
        .expect("a Rust clash row");
    let names: Vec<&str> = clash[5].split(' ').collect();
    let methods: String = names
        .iter()
        .map(|n| match *n {
            "from-handle" => format!("    {n}: static func(h: u32) -> conn;\n"),
            _ => format!("    {n}: func();\n"),
        })
        .collect();
    let wit = format!(
        "package a:b;\ninterface i {{\n  resource conn {{\n{methods}  }}\n}}\nworld w {{ import i; }}\n"
    );
    let mut resolve = wit_bindgen_core::wit_parser::Resolve::default();
    let pkg = resolve.push_str("a.wit", &wit).expect("parses");
    let world = resolve.select_world(&[pkg], Some("w")).expect("world");
    let mut files = wit_bindgen_core::Files::default();
    wit_bindgen_rust::Opts::default()
        .build()
        .generate(&mut resolve, world, &mut files)
        .expect("generates");
    let code: String = files
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    // The `impl Conn` blocks define each name twice: the generator's own and the WIT
    // method's (the runtime's `Resource<T>` has its own too, another type).
    for name in &names {
        let ident = name.replace('-', "_");
        let mut in_conn = false;
        let mut defined = 0;
        for line in code.lines() {
            if let Some(header) = line.trim_start().strip_prefix("impl") {
                in_conn = header.trim_start().starts_with("Conn");
            }
            defined += usize::from(in_conn && line.contains(&format!("fn {ident}(")));
        }
        assert_eq!(defined, 2, "`{ident}` in `impl Conn`:\n{code}");
    }
}
