//! `binding-name-reserved`'s table (src/lint/binding_names.tsv) against a generator
//! itself: every name of the Rust row is renamed by wit-bindgen-rust's `to_rust_ident`
//! (the version witlint builds with) to what the table says, and no other name of the
//! table is. The other generators are not Rust dependencies: their rows name the crate,
//! version and function they were read from.

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
