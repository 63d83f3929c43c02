//! `witlint lsp`: a language server over stdio (rust-analyzer's `lsp-server`) that runs
//! the same check as `witlint check` on the package of each open file, with the editor's
//! unsaved text over the files on disk, and answers from that analysis: diagnostics,
//! hover, definition, document symbols, code actions (the fixes) and completion (gates).

mod features;
mod position;
mod session;

use std::collections::BTreeSet;
use std::path::PathBuf;

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest, References,
    Request as _, WorkspaceSymbolRequest,
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
        workspace_symbol_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR,
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            ..Default::default()
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["@".into()]),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Serves one client until it shuts down.
pub fn serve(connection: &Connection) -> anyhow::Result<()> {
    let (id, _params) = connection.initialize_start()?;
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo {
            name: "witlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    connection.initialize_finish(id, result)?;
    let mut session = Session::default();
    let mut dirty: BTreeSet<PathBuf> = BTreeSet::new();
    loop {
        let Ok(first) = connection.receiver.recv() else {
            return Ok(());
        };
        // What arrived together is handled together: a burst of changes is checked once.
        let mut batch = vec![first];
        batch.extend(connection.receiver.try_iter());
        for message in batch {
            match message {
                Message::Request(req) => {
                    if connection.handle_shutdown(&req)? {
                        return Ok(());
                    }
                    // A request sees every change made before it.
                    publish_all(connection, &mut session, &mut dirty)?;
                    let response = answer(&mut session, req);
                    connection.sender.send(Message::Response(response))?;
                }
                Message::Notification(n) => {
                    if let Some(input) = update(&mut session, n) {
                        dirty.insert(input);
                    }
                }
                Message::Response(_) => {}
            }
        }
        publish_all(connection, &mut session, &mut dirty)?;
    }
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

/// Applies a document notification; returns the package to check again.
fn update(session: &mut Session, n: Notification) -> Option<PathBuf> {
    match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            let p: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(n.params).ok()?;
            let path = path_of(&p.text_document.uri)?;
            session.docs.insert(
                path.clone(),
                Document {
                    text: p.text_document.text,
                    version: p.text_document.version,
                },
            );
            Some(input_of(&path))
        }
        DidChangeTextDocument::METHOD => {
            let p: lsp_types::DidChangeTextDocumentParams =
                serde_json::from_value(n.params).ok()?;
            let path = path_of(&p.text_document.uri)?;
            // Full sync: the last change is the whole text.
            let text = p.content_changes.into_iter().last()?.text;
            session.docs.insert(
                path.clone(),
                Document {
                    text,
                    version: p.text_document.version,
                },
            );
            Some(input_of(&path))
        }
        DidSaveTextDocument::METHOD => {
            let p: lsp_types::DidSaveTextDocumentParams = serde_json::from_value(n.params).ok()?;
            Some(input_of(&path_of(&p.text_document.uri)?))
        }
        DidCloseTextDocument::METHOD => {
            let p: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(n.params).ok()?;
            let path = path_of(&p.text_document.uri)?;
            session.docs.remove(&path);
            Some(input_of(&path))
        }
        _ => None,
    }
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
            let fix_all = fixed_text(session, &uri);
            analysis_for(session, &uri)
                .map(|(a, file)| {
                    features::code_actions(a, &file, p.range.start.line..p.range.end.line, fix_all)
                })
                .map_or(serde_json::Value::Null, to_json)
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

/// The text of a file with its package's safe fixes applied (`--fix`), if any applies.
fn fixed_text(session: &Session, uri: &lsp_types::Uri) -> Option<String> {
    let path = path_of(uri)?;
    let input = input_of(&path);
    let config = &session.analyses.get(&input)?.config;
    let files = session.input_files(&input).ok()?;
    let (fixed, _) = crate::lint::fix::fix(files, config, false).ok()?;
    let file = crate::workspace::display(&path);
    fixed.files.get(&file).map(|(_, after)| after.clone())
}
