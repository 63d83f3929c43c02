//! `witlint lsp`: a language server over stdio (rust-analyzer's `lsp-server`) that runs
//! the same check as `witlint check` on the package of each open file, with the editor's
//! unsaved text over the files on disk, and answers from that analysis: diagnostics,
//! hover, definition, document symbols, code actions (the fixes) and completion (gates).

mod features;
mod position;
mod rename;
mod session;
pub mod transport;

use std::collections::BTreeSet;
use std::path::PathBuf;

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Exit,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, CodeActionResolveRequest, Completion, DocumentSymbolRequest, Formatting,
    GotoDefinition, HoverRequest, PrepareRenameRequest, RangeFormatting, References, Rename,
    Request as _, Shutdown, WorkspaceSymbolRequest,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, OneOf, PublishDiagnosticsParams, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind,
};

use position::{path_of, uri_of};
use session::{Document, Session, input_of};

/// What the server offers.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR,
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            resolve_provider: Some(true),
            ..Default::default()
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["@".into()]),
            ..Default::default()
        }),
        rename_provider: Some(OneOf::Right(lsp_types::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        ..Default::default()
    }
}

/// Serves one client until it shuts down.
pub fn serve(connection: &Connection) -> anyhow::Result<()> {
    let (id, params) = connection.initialize_start()?;
    let resolves_edits = serde_json::from_value::<lsp_types::InitializeParams>(params)
        .ok()
        .and_then(|p| p.capabilities.text_document?.code_action?.resolve_support)
        .is_some_and(|r| r.properties.iter().any(|p| p == "edit"));
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo {
            name: "witlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    connection.initialize_finish(id, result)?;
    let mut session = Session::default();
    session.resolves_edits = resolves_edits;
    let mut dirty: BTreeSet<PathBuf> = BTreeSet::new();
    let mut shut_down = false;
    loop {
        let Ok(first) = connection.receiver.recv() else {
            return Ok(());
        };
        // What arrived together is handled together: every change first, so a burst of
        // keystrokes is checked once, on the latest text; then the requests, on that text.
        let mut batch = vec![first];
        batch.extend(connection.receiver.try_iter());
        let mut requests = Vec::new();
        for message in batch {
            match message {
                // After `shutdown`, only `exit` is expected; an editor sends the two
                // together, so both may be in one batch.
                Message::Notification(n) if n.method == Exit::METHOD => return Ok(()),
                Message::Request(req) if shut_down => {
                    connection.sender.send(Message::Response(Response::new_err(
                        req.id,
                        lsp_server::ErrorCode::InvalidRequest as i32,
                        "the server is shut down".into(),
                    )))?;
                }
                Message::Request(req) if req.method == Shutdown::METHOD => {
                    answer_all(connection, &mut session, &mut dirty, &mut requests)?;
                    connection
                        .sender
                        .send(Message::Response(Response::new_ok(req.id, ())))?;
                    shut_down = true;
                }
                Message::Request(req) => requests.push(req),
                Message::Notification(n) => match update(&mut session, n) {
                    Updated::Input(input) => {
                        dirty.insert(input);
                    }
                    Updated::Refused(why) => {
                        let warning = show_message(lsp_types::MessageType::WARNING, &why);
                        connection.sender.send(warning)?;
                    }
                    Updated::Nothing => {}
                },
                Message::Response(_) => {}
            }
        }
        answer_all(connection, &mut session, &mut dirty, &mut requests)?;
    }
}

/// Checks what changed, then answers the waiting requests.
fn answer_all(
    connection: &Connection,
    session: &mut Session,
    dirty: &mut BTreeSet<PathBuf>,
    requests: &mut Vec<Request>,
) -> anyhow::Result<()> {
    publish_all(connection, session, dirty)?;
    for req in requests.drain(..) {
        let response = answer(session, req);
        connection.sender.send(Message::Response(response))?;
    }
    Ok(())
}

/// A `window/showMessage` to the user.
fn show_message(typ: lsp_types::MessageType, message: &str) -> Message {
    Message::Notification(Notification::new(
        ShowMessage::METHOD.into(),
        lsp_types::ShowMessageParams {
            typ,
            message: format!("witlint lsp: {message}"),
        },
    ))
}

/// Checks the packages that changed and publishes their diagnostics.
fn publish_all(
    connection: &Connection,
    session: &mut Session,
    dirty: &mut BTreeSet<PathBuf>,
) -> anyhow::Result<()> {
    for input in std::mem::take(dirty) {
        for (file, diagnostics) in session.analyze(&input) {
            let Some(uri) = uri_of(&file) else { continue };
            let version = session.docs.get(&file).map(|d| d.version);
            let params = PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            };
            connection
                .sender
                .send(Message::Notification(Notification::new(
                    PublishDiagnostics::METHOD.into(),
                    params,
                )))?;
        }
    }
    Ok(())
}

/// What a document notification did.
enum Updated {
    /// The package to check again.
    Input(PathBuf),
    /// A document refused, and why (the file on disk stands for it).
    Refused(String),
    Nothing,
}

/// Applies a document notification.
fn update(session: &mut Session, n: Notification) -> Updated {
    fn params<P: serde::de::DeserializeOwned>(n: Notification) -> Option<P> {
        serde_json::from_value(n.params).ok()
    }
    let updated = match n.method.as_str() {
        DidOpenTextDocument::METHOD => params::<lsp_types::DidOpenTextDocumentParams>(n).map(|p| {
            let doc = p.text_document;
            set_text(session, &doc.uri, doc.text, doc.version)
        }),
        // Full sync: the last change is the whole text.
        DidChangeTextDocument::METHOD => params::<lsp_types::DidChangeTextDocumentParams>(n)
            .and_then(|p| {
                let text = p.content_changes.into_iter().last()?.text;
                let doc = p.text_document;
                Some(set_text(session, &doc.uri, text, doc.version))
            }),
        DidSaveTextDocument::METHOD => params::<lsp_types::DidSaveTextDocumentParams>(n)
            .and_then(|p| path_of(&p.text_document.uri))
            .map(|path| Updated::Input(input_of(&path))),
        DidCloseTextDocument::METHOD => params::<lsp_types::DidCloseTextDocumentParams>(n)
            .and_then(|p| path_of(&p.text_document.uri))
            .map(|path| {
                session.docs.remove(&path);
                Updated::Input(input_of(&path))
            }),
        _ => None,
    };
    updated.unwrap_or(Updated::Nothing)
}

/// An open document's new text; one over the limit of a file is refused, and the file on
/// disk stands for it.
fn set_text(session: &mut Session, uri: &lsp_types::Uri, text: String, version: i32) -> Updated {
    let Some(path) = path_of(uri) else {
        return Updated::Nothing;
    };
    let input = input_of(&path);
    if text.len() as u64 > crate::input::MAX_FILE_BYTES {
        session.docs.remove(&path);
        return Updated::Refused(format!(
            "{} holds {} MiB, more than the {} MiB witlint reads from one file: it is checked as saved",
            path.display(),
            text.len() >> 20,
            crate::input::MAX_FILE_BYTES >> 20
        ));
    }
    session.docs.insert(path, Document { text, version });
    Updated::Input(input)
}

/// `witlint fmt` on an open file, through the same code and proof, with the editor's
/// buffers over the disk: on `lines` of it only (0-based, the end excluded) for a range,
/// else whole. One edit, over the lines that change; none when there is nothing to do.
fn format_document(
    session: &Session,
    uri: &lsp_types::Uri,
    lines: Option<std::ops::Range<usize>>,
) -> Result<Vec<lsp_types::TextEdit>, String> {
    use crate::project::format::{Settings, format_lines, format_with};
    let path = path_of(uri).ok_or("not a file")?;
    let input = input_of(&path);
    let shown = crate::workspace::display(&input);
    let settings = Settings::of(&input, &shown).map_err(|e| e.to_string())?;
    let overlays = session.overlays();
    let file = match lines {
        Some(lines) => format_lines(&input, &shown, &overlays, &settings, &path, lines),
        None => format_with(&input, &shown, &overlays, &settings)
            .map(|files| files.into_iter().find(|f| f.path == path)),
    }
    .map_err(|e| e.to_string())?;
    Ok(file
        .and_then(|f| {
            // A missing final line break is the editor's to add when it saves (Neovim's
            // `fixeol`, VS Code's `insertFinalNewline`): one added here too makes two there.
            let after = match f.before.ends_with('\n') {
                true => f.after.as_str(),
                false => f.after.strip_suffix('\n').unwrap_or(&f.after),
            };
            changed_lines(&f.before, after)
        })
        .into_iter()
        .collect())
}

/// The edit that turns `before` into `after`: the lines between what they start and end
/// with in common, replaced.
fn changed_lines(before: &str, after: &str) -> Option<lsp_types::TextEdit> {
    let (was, now): (Vec<&str>, Vec<&str>) = (
        before.split_inclusive('\n').collect(),
        after.split_inclusive('\n').collect(),
    );
    let same_start = was.iter().zip(&now).take_while(|(a, b)| a == b).count();
    if same_start == was.len() && same_start == now.len() {
        return None;
    }
    let same_end = was[same_start..]
        .iter()
        .rev()
        .zip(now[same_start..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let line = |n: usize| lsp_types::Position::new(n as u32, 0);
    // A last line without a line break ends where its text does.
    let end = if same_end == 0 && !before.ends_with('\n') && !was.is_empty() {
        let last = was.len() - 1;
        lsp_types::Position::new(last as u32, was[last].encode_utf16().count() as u32)
    } else {
        line(was.len() - same_end)
    };
    Some(lsp_types::TextEdit {
        range: lsp_types::Range::new(line(same_start), end),
        new_text: now[same_start..now.len() - same_end].concat(),
    })
}

/// The analysis of the package a file is in (checked now if it never was: every change
/// before a request is checked before it), and the file's name in it.
fn analysis_for<'s>(
    session: &'s mut Session,
    uri: &lsp_types::Uri,
) -> Option<(&'s session::Analysis, String)> {
    let path = path_of(uri)?;
    let input = input_of(&path);
    if !session.analyses.contains_key(&input) {
        session.analyze(&input);
    }
    Some((
        session.analyses.get(&input)?,
        crate::workspace::display(&path),
    ))
}

/// The response to a request.
fn answer(session: &mut Session, req: Request) -> Response {
    let id = req.id.clone();
    // A rename that cannot be done says why, as the protocol's failed request.
    let refused =
        |id, why: String| Response::new_err(id, lsp_server::ErrorCode::RequestFailed as i32, why);
    match req.method.as_str() {
        PrepareRenameRequest::METHOD => {
            return match params::<lsp_types::TextDocumentPositionParams>(req).and_then(|p| {
                let (a, file) = analysis_for(session, &p.text_document.uri)
                    .ok_or("the file is not checked yet")?;
                rename::prepare(a, &file, p.position)
            }) {
                Ok(value) => Response::new_ok(id, to_json(value)),
                Err(why) => refused(id, why),
            };
        }
        Formatting::METHOD => {
            return match params::<lsp_types::DocumentFormattingParams>(req)
                .and_then(|p| format_document(session, &p.text_document.uri, None))
            {
                Ok(edits) => Response::new_ok(id, to_json(edits)),
                Err(why) => refused(id, why),
            };
        }
        RangeFormatting::METHOD => {
            return match params::<lsp_types::DocumentRangeFormattingParams>(req).and_then(|p| {
                // Lines the range touches: its end line too, unless it ends at its start.
                let (start, end) = (p.range.start, p.range.end);
                let last = if end.character == 0 && end.line > start.line {
                    end.line
                } else {
                    end.line + 1
                };
                let lines = start.line as usize..last as usize;
                format_document(session, &p.text_document.uri, Some(lines))
            }) {
                Ok(edits) => Response::new_ok(id, to_json(edits)),
                Err(why) => refused(id, why),
            };
        }
        Rename::METHOD => {
            return match params::<lsp_types::RenameParams>(req).and_then(|p| {
                let doc = p.text_document_position;
                let (a, file) = analysis_for(session, &doc.text_document.uri)
                    .ok_or("the file is not checked yet")?;
                rename::rename(a, &file, doc.position, &p.new_name)
            }) {
                Ok(edit) => Response::new_ok(id, to_json(edit)),
                Err(why) => refused(id, why),
            };
        }
        _ => {}
    }
    let result = match req.method.as_str() {
        HoverRequest::METHOD => params::<lsp_types::HoverParams>(req).map(|p| {
            let doc = p.text_document_position_params;
            analysis_for(session, &doc.text_document.uri)
                .and_then(|(a, file)| features::hover(a, &file, doc.position))
                .map_or(serde_json::Value::Null, to_json)
        }),
        GotoDefinition::METHOD => params::<lsp_types::GotoDefinitionParams>(req).map(|p| {
            let doc = p.text_document_position_params;
            analysis_for(session, &doc.text_document.uri)
                .and_then(|(a, file)| features::definition(a, &file, doc.position))
                .map_or(serde_json::Value::Null, to_json)
        }),
        References::METHOD => params::<lsp_types::ReferenceParams>(req).map(|p| {
            let doc = p.text_document_position;
            analysis_for(session, &doc.text_document.uri)
                .map(|(a, file)| {
                    features::references(a, &file, doc.position, p.context.include_declaration)
                })
                .map_or(serde_json::Value::Null, to_json)
        }),
        WorkspaceSymbolRequest::METHOD => {
            params::<lsp_types::WorkspaceSymbolParams>(req).map(|p| {
                to_json(features::workspace_symbols(
                    session.analyses.values(),
                    &p.query,
                ))
            })
        }
        DocumentSymbolRequest::METHOD => params::<lsp_types::DocumentSymbolParams>(req).map(|p| {
            analysis_for(session, &p.text_document.uri)
                .map(|(a, file)| features::symbols(a, &file))
                .map_or(serde_json::Value::Null, to_json)
        }),
        CodeActionRequest::METHOD => params::<lsp_types::CodeActionParams>(req).map(|p| {
            let uri = p.text_document.uri.clone();
            // "Fix all" is built when it is chosen, if the editor resolves edits on demand.
            let fix_all = if session.resolves_edits {
                analysis_for(session, &uri)
                    .filter(|(a, file)| features::has_safe_edit(a, file))
                    .map(|_| features::FixAll::Later)
            } else {
                fixed_text(session, &uri).map(features::FixAll::Text)
            };
            analysis_for(session, &uri)
                .map(|(a, file)| {
                    features::code_actions(a, &file, p.range.start.line..p.range.end.line, fix_all)
                })
                .map_or(serde_json::Value::Null, to_json)
        }),
        CodeActionResolveRequest::METHOD => params::<lsp_types::CodeAction>(req).map(|action| {
            let uri = action
                .data
                .as_ref()
                .and_then(|d| d["uri"].as_str())
                .and_then(|u| u.parse::<lsp_types::Uri>().ok());
            let fixed = uri
                .as_ref()
                .and_then(|u| Some((u, fixed_text(session, u)?)));
            let source = uri
                .as_ref()
                .and_then(|u| analysis_for(session, u))
                .and_then(|(a, file)| Some(a.ws.sources.get(&file)?.text.clone()));
            to_json(match (fixed, source) {
                (Some((uri, fixed)), Some(text)) => {
                    features::with_fix_all(action, uri, &text, fixed)
                }
                _ => action,
            })
        }),
        Completion::METHOD => params::<lsp_types::CompletionParams>(req).map(|p| {
            let uri = p.text_document_position.text_document.uri;
            analysis_for(session, &uri)
                .map(|(a, file)| features::completion(a, &file))
                .map_or(serde_json::Value::Null, to_json)
        }),
        _ => Err(format!("witlint does not answer `{}`", req.method)),
    };
    match result {
        Ok(value) => Response::new_ok(id, value),
        Err(message) => {
            Response::new_err(id, lsp_server::ErrorCode::MethodNotFound as i32, message)
        }
    }
}

fn params<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, String> {
    serde_json::from_value(req.params).map_err(|e| format!("bad parameters: {e}"))
}

fn to_json(value: impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// The text of a file with the safe fixes of its package's last check applied (one pass,
/// no new check: a code action is answered at once, whatever the package's size).
fn fixed_text(session: &Session, uri: &lsp_types::Uri) -> Option<String> {
    let path = path_of(uri)?;
    let analysis = session.analyses.get(&input_of(&path))?;
    let file = crate::workspace::display(&path);
    let source = analysis.ws.sources.get(&file)?;
    Some(crate::project::check::apply_safe_once(
        &analysis.findings,
        &file,
        &source.text,
        &analysis.config,
    ))
}
