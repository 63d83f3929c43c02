//! The server's end of stdio: JSON-RPC messages framed by `Content-Length`, read by a
//! thread of their own and written by another (lsp-server's framing, with two changes).
//!
//! - A client says how large a message is before sending it: a size over the most
//!   witlint reads ([`MAX_MESSAGE_BYTES`]) is never allocated. The body is skipped and the
//!   client is told, and the server goes on.
//! - Messages queue up while a check runs (up to [`QUEUED`]), so the server sees a burst of
//!   changes at once and checks only the latest text.

use std::io::{self, BufRead, Read, Write};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Connection, Message};

/// The largest message read: an open or changed document carries one file's text, within
/// the input limits of the command line (JSON escapes may double it).
pub const MAX_MESSAGE_BYTES: u64 = crate::input::MAX_INPUT_BYTES;

/// Messages read ahead of the server.
const QUEUED: usize = 64;

/// The longest header line: `Content-Length: …` and `Content-Type: …` are short.
const MAX_HEADER_LINE: u64 = 1024;

/// The reader and writer threads of a connection.
pub struct IoThreads {
    reader: JoinHandle<io::Result<()>>,
    writer: JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Waits for both threads (after the connection is dropped).
    pub fn join(self) -> io::Result<()> {
        let reader = self
            .reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("reader")));
        let writer = self
            .writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("writer")));
        reader.and(writer)
    }
}

/// A connection over `input` and `output` (the process's stdin and stdout, for the
/// command line), each served by a thread of its own.
pub fn connect(
    mut input: impl BufRead + Send + 'static,
    mut output: impl Write + Send + 'static,
) -> (Connection, IoThreads) {
    let (to_client, outgoing) = crossbeam_channel::bounded::<Message>(QUEUED);
    let (incoming, from_client) = crossbeam_channel::bounded::<Message>(QUEUED);
    let writer = std::thread::spawn(move || write_all(&outgoing, &mut output));
    let complaints = to_client.clone();
    let reader = std::thread::spawn(move || read_all(&mut input, &incoming, &complaints));
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        IoThreads { reader, writer },
    )
}

fn write_all(outgoing: &Receiver<Message>, out: &mut impl Write) -> io::Result<()> {
    for message in outgoing {
        message.write(out)?;
    }
    Ok(())
}

/// Reads messages until the client closes stdin or says `exit`; a message refused is
/// reported to the client and skipped.
pub fn read_all(
    input: &mut impl BufRead,
    incoming: &Sender<Message>,
    complaints: &Sender<Message>,
) -> io::Result<()> {
    while let Some(read) = read_message(input)? {
        match read {
            Ok(message) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if incoming.send(message).is_err() || exit {
                    break;
                }
            }
            Err(why) => {
                let _ = complaints.send(super::show_message(lsp_types::MessageType::ERROR, &why));
            }
        }
    }
    Ok(())
}

/// One message: `None` at the end of input, `Some(Err)` for a message that was refused
/// (too large, not JSON-RPC) and skipped. A header that breaks the framing is an error:
/// the stream cannot be followed after it.
pub fn read_message(input: &mut impl BufRead) -> io::Result<Option<Result<Message, String>>> {
    let mut size: Option<u64> = None;
    let mut any = false;
    loop {
        let mut line = Vec::new();
        let n = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return if any {
                Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "end of input in a header",
                ))
            } else {
                Ok(None)
            };
        }
        if !line.ends_with(b"\n") {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "a header line longer than 1 KiB",
            ));
        }
        any = true;
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            size = Some(value.trim().parse().map_err(|_| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("Content-Length `{}` is not a number", value.trim()),
                )
            })?);
        }
    }
    let Some(size) = size else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "a message without Content-Length",
        ));
    };
    if size > MAX_MESSAGE_BYTES {
        // Skipped as it streams past, never held.
        io::copy(&mut input.by_ref().take(size), &mut io::sink())?;
        return Ok(Some(Err(format!(
            "a message of {size} bytes was refused: witlint reads at most {} MiB in one message",
            MAX_MESSAGE_BYTES >> 20
        ))));
    }
    let mut body = Vec::new();
    input.by_ref().take(size).read_to_end(&mut body)?;
    if (body.len() as u64) < size {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "end of input in a message",
        ));
    }
    Ok(Some(serde_json::from_slice(&body).map_err(|e| {
        format!("a message that is not JSON-RPC was skipped: {e}")
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn a_huge_size_is_refused_without_allocating_and_the_next_message_is_read() {
        let next = framed(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        // Claims 10^12 bytes, sends a few: skipped to the end of input, never allocated.
        let text = "Content-Length: 1000000000000\r\n\r\nxx".to_string();
        let mut input = io::Cursor::new(text.into_bytes());
        let refused = read_message(&mut input).unwrap().unwrap().unwrap_err();
        assert!(refused.contains("1000000000000 bytes"), "{refused}");
        assert!(read_message(&mut input).unwrap().is_none());
        // Over the limit, but sent in full: skipped, and the next message is read.
        let big = MAX_MESSAGE_BYTES as usize + 1;
        let text = format!("Content-Length: {big}\r\n\r\n{}{next}", " ".repeat(big));
        let mut input = io::Cursor::new(text.into_bytes());
        assert!(read_message(&mut input).unwrap().unwrap().is_err());
        let exit = read_message(&mut input).unwrap().unwrap().unwrap();
        assert!(matches!(exit, Message::Notification(n) if n.method == "exit"));
    }

    #[test]
    fn broken_framing_is_an_error_not_a_hang() {
        let mut long = io::Cursor::new(vec![b'x'; 5000]);
        assert!(read_message(&mut long).is_err());
        let mut no_size = io::Cursor::new(b"Content-Type: x\r\n\r\n{}".to_vec());
        assert!(read_message(&mut no_size).is_err());
        let mut not_json = io::Cursor::new(framed("{nope").into_bytes());
        assert!(read_message(&mut not_json).unwrap().unwrap().is_err());
    }
}
