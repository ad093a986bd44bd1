//! `/files/{id}`: a stored file, for those who may read the card (or the request) it is on.
use super::prelude::*;
use domain::FileId;

/// Types a browser may show in place: documents and pictures that carry no script.
const SAFE_PREVIEWS: &[&str] = &["application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"];

#[utoipa::path(tag = "files", params(("id" = Uuid, Path)), responses(
    (status = 200, description = "The file", content_type = "application/octet-stream"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/files/{id}")]
pub async fn download_file(state: web::Data<AppState>, who: Credentials, id: web::Path<FileId>) -> Result<HttpResponse, AppError> {
    use actix_web::http::header::{Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue};
    let (f, bytes) = app::files::download(&state, &who, *id).await?;
    // Shown in the browser only when it is a type that cannot run anything; everything else is a
    // download, and the browser never second-guesses the type the uploader claimed.
    let preview = SAFE_PREVIEWS.contains(&f.content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase().as_str());
    let disposition = ContentDisposition {
        disposition: if preview { DispositionType::Inline } else { DispositionType::Attachment },
        parameters: vec![DispositionParam::FilenameExt(ExtendedValue { charset: Charset::Ext("UTF-8".into()), language_tag: None, value: f.name.into_bytes() })],
    };
    Ok(HttpResponse::Ok()
        .content_type(f.content_type)
        .insert_header(disposition)
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"))
        .body(bytes))
}
