//! `witlint lsp` as the editor's front end of the shared pipeline: witlint.toml and the
//! features-off trial, navigation and rename on names as written, fixes carried with
//! diagnostics and built on demand, the configured baseline.

mod common;

use std::process::Command;

use common::lsp_client::{API, Client, api_in, lines, opened, started};
use serde_json::json;

/// The editor checks as `witlint check` does: a broken witlint.toml is a diagnostic at
/// its own line (not silently the defaults), and goes away when the file is fixed; a
/// package that does not load with its `@unstable` features off says so.
#[test]
fn the_config_and_the_features_off_trial_reach_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    let uri = api_in(&wit);
    let config = wit.join("witlint.toml");
    std::fs::write(
        &config,
        "preset = \"wasi\"\n\n[rules]\nno-such-rule = \"off\"\n",
    )
    .unwrap();
    let config_uri = format!("file://{}", config.display());
    let mut client = started();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "wit", "version": 1, "text": API}}),
    );
    let broken = client.diagnostics_for(&config_uri);
    assert_eq!(
        lines(&broken),
        "3:0 config: unknown rule `no-such-rule`",
        "{broken}"
    );
    std::fs::write(&config, "preset = \"wasi\"\n").unwrap();
    let unstable = API.replace(
        "    /// A key.\n    @since(version = 0.1.0)\n    type key = string;",
        "    /// A key.\n    @unstable(feature = lsp-keys)\n    type key = string;",
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": unstable}]}),
    );
    let cleared = client.diagnostics_for(&config_uri);
    assert_eq!(cleared, json!([]), "{cleared}");
    let diagnostics = client.diagnostics_for(&uri);
    assert!(
        lines(&diagnostics).contains("with `@unstable` features off"),
        "{diagnostics}"
    );
}

/// Hover, go-to-definition and references work on a name where it is used, not only
/// where it is declared: `key` in `get: func(k: key) -> …`, `error` in a result.
#[test]
fn names_inside_signatures_hover_and_navigate() {
    let text = "package example:sig@0.1.0;\n\n/// Storing.\ninterface store {\n    /// Why it failed.\n    variant error {\n        /// Gone.\n        gone,\n    }\n    /// A key.\n    type key = string;\n\n    /// Gets a value.\n    get: func(k: key) -> result<option<string>, error>;\n}\n";
    let (_dir, mut client, uri) = opened(text);
    let line = 13;
    let signature = text.lines().nth(line).unwrap();
    let at = |word: &str| signature.rfind(word).unwrap() + 1;
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": at("error>")}}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        shown.contains("variant error") && shown.contains("Why it failed."),
        "{hover}"
    );
    let definition = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": at("key)")}}),
    );
    assert_eq!(definition["range"]["start"]["line"], 10, "{definition}");
    let references = client.request(
        "textDocument/references",
        json!({
            "textDocument": {"uri": uri},
            "position": {"line": line, "character": at("error>")},
            "context": {"includeDeclaration": false}
        }),
    );
    let lines: Vec<u64> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    assert!(lines.contains(&(line as u64)), "{references}");
    // On a keyword or a built-in type there is nothing to say.
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": at("string")}}),
    );
    assert!(nothing.is_null(), "{nothing}");
}

/// A diagnostic carries its fix (`data`: the edit and how safe it is), and an unused
/// `use` is tagged unnecessary, so editors grey it out.
#[test]
fn diagnostics_carry_their_fix_and_unused_uses_are_greyed() {
    let dir = tempfile::tempdir().unwrap();
    let text = API.replace(
        "use types.{key};",
        "use types.{key};\n    use types.{key as spare};",
    );
    let uri = api_in(&dir.path().join("wit"));
    let mut client = started();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "wit", "version": 1, "text": text}}),
    );
    let diagnostics = client.diagnostics_for(&uri);
    let of = |code: &str| {
        diagnostics
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("no {code}: {diagnostics}"))
    };
    let rust = of("error-doc-rust-syntax");
    assert_eq!(rust["data"]["newText"], "none", "{rust}");
    assert_eq!(rust["data"]["applicability"], "safe", "{rust}");
    assert_eq!(rust["data"]["uri"], uri.as_str());
    let unused = of("unused-use");
    assert_eq!(unused["tags"], json!([1]), "{unused}");
}

/// Rename, with `prepareRename`: every spelling of a type's name changes (its declaration
/// and where signatures name it), a keyword is escaped, and a name WIT refuses or one
/// already taken is refused with the reason.
#[test]
fn rename_changes_every_spelling_and_refuses_bad_names() {
    let text = "package example:ren@0.1.0;\n\n/// Storing.\ninterface store {\n    /// Why it failed.\n    variant error {\n        /// Gone.\n        gone,\n    }\n    /// A key.\n    type key = string;\n\n    /// Gets a value.\n    get: func(k: key, fallback: key) -> result<option<string>, error>;\n}\n";
    let (_dir, mut client, uri) = opened(text);
    let on_key = json!({"line": 13, "character": 18});
    let prepared = client.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": uri}, "position": on_key}),
    );
    assert_eq!(prepared["placeholder"], "key", "{prepared}");
    let rename = |client: &mut Client, name: &str| {
        client.request(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri}, "position": on_key, "newName": name}),
        )
    };
    let edit = rename(&mut client, "record-key");
    let edits = edit["changes"][uri.as_str()]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut lines: Vec<u64> = edits
        .iter()
        .map(|e| e["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    lines.sort();
    assert_eq!(lines, [10, 13, 13], "{edit}");
    assert!(edits.iter().all(|e| e["newText"] == "record-key"), "{edit}");
    let keyword = rename(&mut client, "type");
    assert_eq!(
        keyword["changes"][uri.as_str()][0]["newText"],
        "%type",
        "{keyword}"
    );
    for (name, why) in [("Record_Key", "is not a WIT name"), ("error", "is taken")] {
        let refused = client.request_raw(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri}, "position": on_key, "newName": name}),
        );
        let message = refused["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(why), "{name}: {refused}");
    }
}

/// With an editor that resolves edits on demand, "fix all" is offered without its edit and
/// built only when it is chosen (`codeAction/resolve`).
#[test]
fn fix_all_is_built_when_it_is_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let uri = api_in(&dir.path().join("wit"));
    let mut client = Client::start(env!("CARGO_BIN_EXE_witlint"));
    client.request(
        "initialize",
        json!({"capabilities": {"textDocument": {"codeAction": {
            "resolveSupport": {"properties": ["edit"]}
        }}}}),
    );
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "wit", "version": 1, "text": API}}),
    );
    client.diagnostics_for(&uri);
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []}
        }),
    );
    let fix_all = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "source.fixAll")
        .cloned()
        .unwrap_or_else(|| panic!("{actions}"));
    assert!(fix_all["edit"].is_null(), "{fix_all}");
    let resolved = client.request("codeAction/resolve", fix_all);
    let new_text = resolved["edit"]["changes"][uri.as_str()][0]["newText"]
        .as_str()
        .unwrap_or_default();
    assert!(
        new_text.contains("Returns `none` when") && !new_text.contains("`None`"),
        "{resolved}"
    );
}

/// The editor applies the baseline witlint.toml names, as `check` does: a recorded finding
/// is not shown.
#[test]
fn the_editor_applies_the_configured_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    let uri = api_in(&wit);
    let witlint = env!("CARGO_BIN_EXE_witlint");
    let status = Command::new(witlint)
        .current_dir(&wit)
        .args(["check", "--write-baseline", "recorded.json", "."])
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::write(wit.join("witlint.toml"), "baseline = \"recorded.json\"\n").unwrap();
    let mut client = started();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "wit", "version": 1, "text": API}}),
    );
    let diagnostics = client.diagnostics_for(&uri);
    assert_eq!(diagnostics, json!([]), "{diagnostics}");
    // A new finding is shown.
    let changed = API.replace("/// A store.\n", "");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": changed}]}),
    );
    let diagnostics = client.diagnostics_for(&uri);
    assert!(
        lines(&diagnostics).contains("missing-docs"),
        "{diagnostics}"
    );
}

/// `text` with LSP edits applied (line and UTF-16 column positions; ASCII here).
fn apply(text: &str, edits: &serde_json::Value) -> String {
    let mut out = text.to_string();
    let mut edits: Vec<&serde_json::Value> = edits.as_array().unwrap().iter().collect();
    // From the last to the first, so earlier positions hold.
    edits.sort_by_key(|e| {
        let s = &e["range"]["start"];
        std::cmp::Reverse((s["line"].as_u64(), s["character"].as_u64()))
    });
    let offset = |text: &str, at: &serde_json::Value| {
        let (line, col) = (
            at["line"].as_u64().unwrap() as usize,
            at["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        (start + col).min(text.len())
    };
    for e in edits {
        let (from, to) = (
            offset(&out, &e["range"]["start"]),
            offset(&out, &e["range"]["end"]),
        );
        out.replace_range(from..to, e["newText"].as_str().unwrap());
    }
    out
}

/// `textDocument/formatting` runs `witlint fmt` on the editor's buffer, proved as on the
/// command line: one edit over the lines that change; nothing to do on a formatted one.
#[test]
fn formatting_lays_out_the_buffer() {
    let messy = "package example:fmt@0.1.0;\n\n\n/// Storing.\ninterface store {\n\t/// Gets a value.\n  get:func( k:string )->option<string> ;\n}";
    let (_dir, mut client, uri) = opened("package example:fmt@0.1.0;\n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": messy}]}),
    );
    let format = |client: &mut Client| {
        client.request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
    };
    let edits = format(&mut client);
    assert_eq!(edits.as_array().map(Vec::len), Some(1), "{edits}");
    assert_eq!(
        edits[0]["range"]["start"]["line"], 2,
        "the first lines are kept: {edits}"
    );
    let laid = apply(messy, &edits);
    assert_eq!(
        laid,
        // No final line break added: the editor adds it as it saves.
        "package example:fmt@0.1.0;\n\n/// Storing.\ninterface store {\n    /// Gets a value.\n    get: func(k: string) -> option<string>;\n}",
        "{edits}"
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": laid}]}),
    );
    assert_eq!(format(&mut client), json!([]));
}

/// `textDocument/rangeFormatting` formats the lines the selection touches and leaves the
/// rest as written, proved as the whole is.
#[test]
fn range_formatting_changes_the_selected_lines_only() {
    let messy = "package example:fmt@0.1.0;\n\ninterface store {\n  get:func( k:string )->option<string> ;\n  set:func( k:string );\n}\n";
    let (_dir, mut client, uri) = opened("package example:fmt@0.1.0;\n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": messy}]}),
    );
    let edits = client.request(
        "textDocument/rangeFormatting",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 4, "character": 2}, "end": {"line": 4, "character": 9}},
            "options": {"tabSize": 4, "insertSpaces": true},
        }),
    );
    assert_eq!(
        apply(messy, &edits),
        "package example:fmt@0.1.0;\n\ninterface store {\n  get:func( k:string )->option<string> ;\n    set: func(k: string);\n}\n",
        "{edits}"
    );
}
