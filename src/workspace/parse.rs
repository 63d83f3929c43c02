//! Parsing what was read ([`super::read`]): the root and each entry of `deps/` on its own,
//! in parallel, into [`Unit`]s, with the files they hold as [`Sources`].

use rayon::prelude::*;
use wit_bindgen_core::wit_parser::{ParseError, SourceMap};

use super::deps::{Parsed, Unit};
use super::diagnostic::{self, LoadDiagnostic};
use super::guard;
use super::metadata::PackageMetadata;
use super::read::{UnitContent, UnitFiles};
use super::sources::{Location, SourceFile, Sources};

/// Parses every unit on all cores. Units keep the order of `files`, and so do the sources
/// (each unit's files sorted by name).
pub(super) fn parse_units(files: Vec<UnitFiles>) -> (Vec<Unit>, Sources) {
    let parsed: Vec<(Unit, Sources)> = files.into_par_iter().map(parse_unit).collect();
    let mut units = Vec::with_capacity(parsed.len());
    let mut sources = Sources::default();
    for (unit, read) in parsed {
        units.push(unit);
        sources.append(read);
    }
    name_failed_units(&mut units, &sources);
    (units, sources)
}

fn parse_unit(unit: UnitFiles) -> (Unit, Sources) {
    let mut sources = Sources::default();
    let parsed = match unit.content {
        UnitContent::Unreadable(d) => Err(d),
        UnitContent::Wasm { bytes, is_wat } => {
            // Read before decoding, and only of a binary: text carries no metadata sections.
            let metadata = if is_wat {
                None
            } else {
                guard::third_party(|| PackageMetadata::of_wasm(&bytes)).unwrap_or(None)
            };
            let mut unit = Unit::new(
                unit.shown.clone(),
                unit.role,
                parse_wasm(bytes, is_wat, &unit.shown),
            );
            unit.metadata = metadata;
            return (unit, sources);
        }
        UnitContent::Wit(files) => {
            let first = files.first().map(|f| f.shown.clone()).unwrap_or_default();
            let problem = files.iter().find_map(|f| f.problem.clone());
            let mut map = SourceMap::new();
            for file in files {
                if problem.is_none() {
                    map.push_str(&file.shown, file.text.clone());
                }
                sources.add(SourceFile::wit(file.shown, file.text));
            }
            match problem {
                Some(d) => Err(d),
                None => parse_wit(map, &first, &sources),
            }
        }
    };
    (Unit::new(unit.shown, unit.role, parsed), sources)
}

/// Parses a unit's `.wit` files; a parse error is located in `sources`, the same files.
#[allow(
    clippy::result_large_err,
    reason = "a cold error path; boxing would only add noise"
)]
fn parse_wit(map: SourceMap, first: &str, sources: &Sources) -> Result<Parsed, LoadDiagnostic> {
    match guard::third_party(|| map.parse()) {
        Ok(Ok(group)) => Ok(Parsed::Wit(group)),
        Ok(Err((map, error))) => Err(locate_parse_error(&error, &map, first, sources)),
        Err(panic) => Err(parser_panicked(&panic, first, sources)),
    }
}

#[allow(
    clippy::result_large_err,
    reason = "a cold error path; boxing would only add noise"
)]
fn parse_wasm(bytes: Vec<u8>, is_wat: bool, shown: &str) -> Result<Parsed, LoadDiagnostic> {
    guard::third_party(|| decode(bytes, is_wat, shown)).unwrap_or_else(|panic| {
        Err(LoadDiagnostic::new(
            "wasm-decode",
            format!(
                "the WebAssembly decoder failed on `{shown}`: {}",
                guard::reason(&panic)
            ),
        )
        .at(Some(Location::whole_file(shown)))
        .hint("the file is not a WIT package or component that tools can read"))
    })
}

/// Walks a `.wasm` file's sections before anything decodes it: a section that claims more
/// bytes than the file holds is an error here, not an allocation of that size later, and
/// a core module or a component with nothing in it is no package.
fn wasm_structure(bytes: &[u8]) -> Result<(), String> {
    use wasmparser::{Encoding, Payload};
    let mut sections = 0usize;
    for (i, payload) in wasmparser::Parser::new(0).parse_all(bytes).enumerate() {
        match payload.map_err(|e| e.to_string())? {
            // The file's own header says what it is; a component holds core modules of
            // its own (a guest does), each with a header of its own.
            Payload::Version {
                encoding: Encoding::Module,
                ..
            } if i == 0 => return Err("it is a core WebAssembly module".into()),
            Payload::Version { .. } | Payload::End(_) => {}
            _ => sections += 1,
        }
    }
    if sections == 0 {
        return Err("the component is empty".into());
    }
    Ok(())
}

/// wit-parser panicked instead of returning an error: the input is wrong, and the parser
/// names the place only in its panic message (a span over the unit's files, in order).
fn parser_panicked(panic: &str, first: &str, sources: &Sources) -> LoadDiagnostic {
    let located = guard::span(panic).and_then(|(start, end)| {
        let mut offset = 0;
        for file in sources.iter() {
            // wit-parser's source map adds a newline after each file.
            let len = file.text.len() + 1;
            if start < offset + len {
                return Some(file.location(start - offset..end.saturating_sub(offset)));
            }
            offset += len;
        }
        None
    });
    let at = located.or_else(|| sources.get(first).map(|f| f.location(0..0)));
    LoadDiagnostic::new(
        "wit-parse",
        format!(
            "wit-parser failed on this input instead of reporting an error: {}",
            guard::reason(panic)
        ),
    )
    .at(at)
    .hint("the WIT here is invalid; wasm-tools and wit-bindgen crash on it too")
}

#[allow(
    clippy::result_large_err,
    reason = "a cold error path; boxing would only add noise"
)]
fn decode(bytes: Vec<u8>, is_wat: bool, shown: &str) -> Result<Parsed, LoadDiagnostic> {
    let bytes = if is_wat {
        wat::parse_bytes(&bytes)
            .map(|b| b.into_owned())
            .map_err(|e| {
                LoadDiagnostic::new(
                    "wasm-decode",
                    format!("`{shown}` is not valid WebAssembly text: {e}"),
                )
                .at(Some(Location::whole_file(shown)))
                .hint("a `.wat` dependency must hold a WIT package or a component in text form")
            })?
    } else {
        bytes
    };
    if let Err(why) = wasm_structure(&bytes) {
        return Err(LoadDiagnostic::new(
            "wasm-decode",
            format!("`{shown}` is not a WIT package or component: {why}"),
        )
        .at(Some(Location::whole_file(shown)))
        .hint(
            "pass a WIT package encoded with `wasm-tools component wit --wasm`, or a component",
        ));
    }
    wit_component::decode(&bytes)
        .map(|decoded| {
            // The package the file is (a component's: its world's); the others it holds
            // are the ones that package uses.
            let main = match &decoded {
                wit_component::DecodedWasm::WitPackage(resolve, pkg) => {
                    Some(resolve.packages[*pkg].name.clone())
                }
                wit_component::DecodedWasm::Component(resolve, world) => resolve.worlds[*world]
                    .package
                    .map(|p| resolve.packages[p].name.clone()),
            };
            Parsed::Wasm(decoded.resolve().clone(), main)
        })
        .map_err(|e| {
            LoadDiagnostic::new(
                "wasm-decode",
                format!("`{shown}` holds no WIT package or component: {e:#}"),
            )
            .at(Some(Location::whole_file(shown)))
            .hint(
                "pass a WIT package encoded with `wasm-tools component wit --wasm`, or a component",
            )
        })
}

/// A parse error, located; one wit-parser gives no span for (a missing `package` line)
/// points at the start of the unit's first file.
fn locate_parse_error(
    error: &ParseError,
    map: &SourceMap,
    first: &str,
    sources: &Sources,
) -> LoadDiagnostic {
    let d = diagnostic::from_parse_error(error, map, sources);
    match d.location {
        Some(_) => d,
        None => {
            let at = sources.get(first).map(|f| f.location(0..0));
            d.at(at)
        }
    }
}

/// A unit that failed to parse still says which package it is on its `package` line.
fn name_failed_units(units: &mut [Unit], sources: &Sources) {
    for u in units.iter_mut().filter(|u| u.names.is_empty()) {
        u.names = sources
            .of_unit(&u.display)
            .flat_map(|f| f.trivia().packages.iter())
            .filter_map(|d| {
                let (ns, rest) = d.name.split_once(':')?;
                let (name, version) = match rest.split_once('@') {
                    Some((n, v)) => (n, Some(v.parse().ok()?)),
                    None => (rest, None),
                };
                Some(wit_bindgen_core::wit_parser::PackageName {
                    namespace: ns.to_string(),
                    name: name.to_string(),
                    version,
                })
            })
            .take(1)
            .collect();
    }
}
