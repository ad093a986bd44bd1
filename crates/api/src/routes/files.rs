//! `/files/{id}`: a stored file, for those who may read the card (or the request) it is on.
use super::prelude::*;
use domain::FileId;

#[utoipa::path(tag = "files", params(("id" = Uuid, Path)), responses(
    (status = 200, description = "The file", content_type = "application/octet-stream"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/files/{id}")]
pub async fn download_file(state: web::Data<AppState>, who: Credentials, id: web::Path<FileId>) -> Result<HttpResponse, AppError> {
    use actix_web::http::header::{Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue};
    let (f, bytes) = app::sales::timeline::download(&state, &who, *id).await?;
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::FilenameExt(ExtendedValue { charset: Charset::Ext("UTF-8".into()), language_tag: None, value: f.name.into_bytes() })],
    };
    Ok(HttpResponse::Ok().content_type(f.content_type).insert_header(disposition).body(bytes))
}
