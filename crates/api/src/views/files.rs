//! Files as a card's timeline and a request show them.
use chrono::{DateTime, Utc};
use persistence::entities::file;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct FileOut {
    pub id: Uuid,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub request_id: Option<Uuid>,
    pub uploaded_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Where to download it (with the same credentials).
    pub url: String,
}

pub fn file_out(f: file::Model, uploaded_by_name: Option<String>) -> FileOut {
    FileOut {
        url: format!("/api/v1/files/{}", f.id),
        uploaded_by_name,
        id: f.id,
        name: f.name,
        content_type: f.content_type,
        size: f.size,
        request_id: f.request_id,
        created_at: f.created_at,
    }
}
