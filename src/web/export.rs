//! Streaming an export to the client: the first bytes leave before the last row is read.

use actix_web::HttpResponse;
use actix_web::http::header;
use actix_web::web::Bytes;
use tokio_stream::wrappers::ReceiverStream;

use super::state::AppState;
use crate::domain::clock;
use crate::services::export::{self, ExportRequest, Format};

/// Streams `request` as a dated attachment, written on the blocking pool a page at a time.
pub fn stream(state: &AppState, request: ExportRequest) -> HttpResponse {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let database = state.db.clone();
    let base_url = state.config.base_url.to_string();
    let format = request.format;
    tokio::task::spawn_blocking(move || {
        let outcome = export::write(&mut database.access(), &request, &base_url, |chunk| {
            sender.blocking_send(Ok(Bytes::from(chunk))).is_ok()
        });
        if let Err(error) = outcome {
            tracing::error!(%error, "export failed part-way");
            let _ = sender.blocking_send(Err(std::io::Error::other("export failed")));
        }
    });
    let day = clock::now().format("%Y-%m-%d");
    let (content_type, extension) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Json => ("application/json", "json"),
    };
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"ideas-{day}.{extension}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .streaming(ReceiverStream::new(receiver))
}
