//! `witlint lsp` over stdio, spoken to as an editor does: initialize, open, change, the
//! diagnostics, hover, definition, document symbols, code actions, completion, shutdown.

mod common;

use std::process::{Command, Stdio};

use common::copy_dir;
use common::lsp_client::{API, Client, api_in, lines, started};
use serde_json::{Value, json};

#[test]
fn an_editor_session() {
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    std::fs::create_dir(&wit).unwrap();
    let file = wit.join("api.wit");
    std::fs::write(&file, API).unwrap();
    let uri = format!("file://{}", file.display());
    let mut client = Client::start(env!("CARGO_BIN_EXE_witlint"));
    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(init["serverInfo"]["name"], "witlint");
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    client.notify("initialized", json!({}));

    // Open: the findings of `check` on the package, on the unsaved text.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "wit", "version": 1, "text": API}}),
    );
    let opened = client.diagnostics_for(&uri);
    insta::assert_snapshot!("diagnostics_on_open", lines(&opened));
    let rust = opened
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "error-doc-rust-syntax")
        .expect("the Rust spelling is reported")
        .clone();
    assert!(
        rust["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("error-doc-rust-syntax.md")
    );

    // A change is checked without saving.
    let changed = API
        .replace("get: func", "get-value: func")
        .replace("`None`", "`none`");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": changed}]}),
    );
    let after = client.diagnostics_for(&uri);
    assert!(
        !lines(&after).contains("error-doc-rust-syntax"),
        "{}",
        lines(&after)
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": API}]}),
    );
    client.diagnostics_for(&uri);

    // Hover on `get`: its signature, gate and docs.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 17, "character": 5}}),
    );
    let shown = hover["contents"]["value"]
        .as_str()
        .unwrap()
        .replace(&format!("file://{}", dir.path().display()), "file://DIR");
    insta::assert_snapshot!("hover_on_get", shown);

    // Definition of the `use`d `key`: the alias in `types`.
    let definition = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": {"line": 13, "character": 16}}),
    );
    assert_eq!(definition["uri"], uri.as_str());
    assert_eq!(definition["range"]["start"]["line"], 7);

    // References of `key` (from its definition): the alias itself and the `use` of it.
    let references = client.request(
        "textDocument/references",
        json!({
            "textDocument": {"uri": uri},
            "position": {"line": 7, "character": 10},
            "context": {"includeDeclaration": true}
        }),
    );
    let at: Vec<i64> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["range"]["start"]["line"].as_i64().unwrap())
        .collect();
    assert_eq!(at, [7, 13, 17], "{references}");
    // Workspace symbols by name.
    let found = client.request("workspace/symbol", json!({"query": "ge"}));
    assert_eq!(found[0]["name"], "get", "{found}");
    assert_eq!(found[0]["containerName"], "example:lsp/store@0.1.0");

    // Symbols, nested as written.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names: Vec<String> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let children: Vec<&str> = s["children"]
                .as_array()
                .map(|c| c.iter().map(|c| c["name"].as_str().unwrap()).collect())
                .unwrap_or_default();
            format!("{} [{}]", s["name"].as_str().unwrap(), children.join(", "))
        })
        .collect();
    assert_eq!(names, ["types [key]", "store [key, get]"]);

    // Code actions on the line of the Rust spelling: the fix, and the file's safe fixes.
    let line = rust["range"]["start"]["line"].clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
            "context": {"diagnostics": []}
        }),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    insta::assert_snapshot!("code_actions", titles.join("\n"));
    let quick = &actions[0];
    assert_eq!(quick["kind"], "quickfix");
    assert_eq!(quick["edit"]["changes"][uri.as_str()][0]["newText"], "none");

    // Completion of a gate.
    let completion = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": 16, "character": 4}}),
    );
    let labels: Vec<&str> = completion
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["@since(version = 0.1.0)", "@unstable(feature = lsp-…)"]
    );

    // A file that does not parse says why.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": API.replace("get: func", "get func")}]}),
    );
    let broken = client.diagnostics_for(&uri);
    assert_eq!(broken[0]["code"], "wit-parse", "{broken}");

    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert!(status.success(), "{status}");
}

/// A real editor: Neovim's built-in LSP client (headless, configured by
/// tests/nvim/witlint.lua) on a copy of wasi-keyvalue receives witlint's diagnostics,
/// applies the quick fix of one through its own code-action machinery, and saves, which
/// formats the file (the README's format on save).
#[test]
fn neovim_receives_diagnostics_applies_a_fix_and_formats_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    copy_dir(
        &common::corpus().join("WebAssembly__wasi-keyvalue/wit"),
        &wit,
    );
    let file = wit.join("atomic.wit");
    let out = dir.path().join("diagnostics.json");
    // The README's own setup, then the driver.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let setup = readme
        .split("```lua\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README shows a Neovim setup");
    let driver = std::fs::read_to_string(root.join("tests/nvim/witlint.lua")).unwrap();
    let lua = dir.path().join("init.lua");
    std::fs::write(&lua, format!("{setup}\n{driver}")).unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_witlint"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let status = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-u"])
        .arg(&lua)
        .current_dir(&wit)
        .env("PATH", path)
        .env("WITLINT_FILE", &file)
        .env("WITLINT_OUT", &out)
        .env("WITLINT_CODE", "error-doc-rust-syntax")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot run `nvim` ({e}): `.ci/run` installs Debian's neovim"));
    let error = std::fs::read_to_string(out.with_extension("json.error")).unwrap_or_default();
    assert!(
        status.success() && error.is_empty(),
        "neovim: {status}: {error}"
    );
    let received: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let codes: Vec<&str> = received
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"error-doc-rust-syntax"), "{codes:?}");
    // The fix, through Neovim, on disk.
    let before =
        std::fs::read_to_string(common::corpus().join("WebAssembly__wasi-keyvalue/wit/atomic.wit"))
            .unwrap();
    let after = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        before.matches("`Err(error)`").count(),
        after.matches("`Err(error)`").count() + 1
    );
    assert_eq!(
        after.matches("`err(error)`").count(),
        before.matches("`err(error)`").count() + 1
    );
    // Saved formatted: the tabs of wasi-keyvalue's file are four spaces a level now.
    assert!(before.contains("\n\t") && !after.contains('\t'), "{after}");
    assert_eq!(witlint::fmt::format_text(&after, 100), after);
}

/// A burst of changes that arrive while the server is busy is checked once, on the latest
/// text, and the requests behind it are answered on that text: the server is driven in
/// memory with every message queued before it starts.
#[test]
fn a_burst_of_changes_is_checked_once() {
    use lsp_server::{Connection, Message, Notification, Request, RequestId};
    let dir = tempfile::tempdir().unwrap();
    let uri = api_in(&dir.path().join("wit"));
    let (server, client) = Connection::memory();
    let request = |id: i32, method: &str, params: Value| {
        Message::Request(Request::new(RequestId::from(id), method.into(), params))
    };
    let notify = |method: &str, params: Value| {
        Message::Notification(Notification::new(method.into(), params))
    };
    let send = |m: Message| client.sender.send(m).unwrap();
    send(request(1, "initialize", json!({"capabilities": {}})));
    send(notify("initialized", json!({})));
    send(notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "wit", "version": 1, "text": API}}),
    ));
    for version in 2..=20 {
        let text = API.replace("Gets a value.", &format!("Gets a value (edit {version})."));
        send(notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        ));
    }
    send(request(
        2,
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    ));
    send(request(3, "shutdown", Value::Null));
    send(notify("exit", Value::Null));
    let served = std::thread::spawn(move || witlint::lsp::serve(&server));
    served.join().unwrap().unwrap();
    let received: Vec<Value> = client
        .receiver
        .try_iter()
        .map(|m| serde_json::to_value(&m).unwrap())
        .collect();
    let published: Vec<&Value> = received
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .collect();
    assert_eq!(published.len(), 1, "{received:#?}");
    assert_eq!(published[0]["params"]["version"], 20);
    let symbols = received.iter().find(|m| m["id"] == 2).expect("answered");
    assert!(
        symbols["result"].as_array().is_some_and(|s| !s.is_empty()),
        "{symbols}"
    );
    assert!(received.iter().any(|m| m["id"] == 3), "shutdown answered");
}

/// A client that says a message holds 10^12 bytes gets an error and nothing is allocated
/// for it; the server ends cleanly when the client goes.
#[test]
fn a_huge_message_size_is_refused_not_allocated() {
    use std::io::{Read, Write};
    let mut child = Command::new(env!("CARGO_BIN_EXE_witlint"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let init =
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
            .to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{init}", init.len()).unwrap();
    write!(stdin, "Content-Length: 1000000000000\r\n\r\n{{\"jsonrpc\":").unwrap();
    drop(stdin);
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("memory allocation"), "{err}");
    assert!(status.code().is_some(), "the server was killed: {status}");
    assert!(out.contains("1000000000000 bytes was refused"), "{out}");
}

/// An open buffer over the 16 MiB a file may hold is refused with a message (the file on
/// disk stands for it), and the server goes on answering.
#[test]
fn a_buffer_over_the_file_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let uri = api_in(&dir.path().join("wit"));
    let mut client = started();
    let huge = format!(
        "{API}{}",
        "// filler line of a huge buffer\n".repeat(600_000)
    );
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "wit", "version": 1, "text": huge}}),
    );
    let message = loop {
        let m = client.read();
        if m["method"] == "window/showMessage" {
            break m;
        }
    };
    assert!(
        message["params"]["message"]
            .as_str()
            .unwrap()
            .contains("more than the 16 MiB"),
        "{message}"
    );
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(
        symbols.as_array().is_some_and(|s| !s.is_empty()),
        "{symbols}"
    );
}

/// A project that lives under some folder named `deps` is a project of its own, not a
/// dependency of the folder above.
#[test]
fn a_project_under_a_folder_named_deps_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let uri = api_in(&dir.path().join("deps/project/wit"));
    let mut client = started();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "wit", "version": 1, "text": API}}),
    );
    let diagnostics = client.diagnostics_for(&uri);
    assert!(
        diagnostics
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "error-doc-rust-syntax"),
        "{diagnostics}"
    );
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(
        symbols.as_array().is_some_and(|s| !s.is_empty()),
        "{symbols}"
    );
}
