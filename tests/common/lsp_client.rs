//! A language client over a `witlint lsp` process's stdin and stdout, as an editor
//! speaks to it: for the protocol tests and the latency benchmark.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

/// A language client over the server's stdin and stdout.
pub struct Client {
    pub child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
    /// Notifications read while waiting for a response.
    notifications: Vec<Value>,
}

impl Client {
    pub fn start(witlint: &str) -> Client {
        let mut child = Command::new(witlint)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("witlint lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Client {
            child,
            stdin,
            stdout,
            next_id: 1,
            notifications: Vec::new(),
        }
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn read(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).unwrap() > 0,
                "the server hung up"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let message = self.request_raw(method, params);
        assert!(message["error"].is_null(), "{method}: {message}");
        message["result"].clone()
    }

    /// The whole response to a request: its `result`, or its `error`.
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.read();
            if message["id"] == id {
                return message;
            }
            self.notifications.push(message);
        }
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next diagnostics published for `uri`.
    pub fn diagnostics_for(&mut self, uri: &str) -> Value {
        if let Some(at) = self.notifications.iter().position(|n| {
            n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri
        }) {
            return self.notifications.remove(at)["params"]["diagnostics"].clone();
        }
        loop {
            let message = self.read();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                return message["params"]["diagnostics"].clone();
            }
            // Another file's turn may come next: kept, not lost.
            if message["method"].is_string() {
                self.notifications.push(message);
            }
        }
    }
}

/// A small package with a finding of each kind the editor tests need.
pub const API: &str = "package example:lsp@0.1.0;

/// Shared types.
@since(version = 0.1.0)
interface types {
    /// A key.
    @since(version = 0.1.0)
    type key = string;
}

/// A store.
@since(version = 0.1.0)
interface store {
    use types.{key};

    /// Gets a value. Returns `None` when the [`key`] is missing. <b>Not HTML</b>.
    @since(version = 0.1.0)
    get: func(k: key) -> option<string>;
}
";

/// Diagnostics as `line:col code: message` lines.
pub fn lines(diagnostics: &Value) -> String {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{} {}: {}",
                d["range"]["start"]["line"],
                d["range"]["start"]["character"],
                d["code"].as_str().unwrap_or("-"),
                d["message"].as_str().unwrap().lines().next().unwrap()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `API` written as `api.wit` in the folder `wit` (made); its URI.
pub fn api_in(wit: &std::path::Path) -> String {
    std::fs::create_dir_all(wit).unwrap();
    let file = wit.join("api.wit");
    std::fs::write(&file, API).unwrap();
    format!("file://{}", file.display())
}

/// A server, initialized.
pub fn started() -> Client {
    let mut client = Client::start(env!("CARGO_BIN_EXE_witlint"));
    client.request("initialize", json!({"capabilities": {}}));
    client.notify("initialized", json!({}));
    client
}

/// A server with `text` open as `wit/api.wit` in a fresh folder, its first diagnostics
/// read: the folder (kept alive), the client and the file's URI.
pub fn opened(text: &str) -> (tempfile::TempDir, Client, String) {
    let dir = tempfile::tempdir().unwrap();
    let wit = dir.path().join("wit");
    std::fs::create_dir_all(&wit).unwrap();
    let file = wit.join("api.wit");
    std::fs::write(&file, text).unwrap();
    let uri = format!("file://{}", file.display());
    let mut client = started();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "wit", "version": 1, "text": text}}),
    );
    client.diagnostics_for(&uri);
    (dir, client, uri)
}
