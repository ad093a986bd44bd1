//! `/clients/{id}/contacts`, `/contacts/{id}`: contact persons after a client is made.
use crate::routes::prelude::*;
use crate::views::clients::Contact;
use app::clients::contacts::ContactPatch as Patch;
use domain::clients::commands::{ContactDetails, ContactDraft};
use domain::{ClientId, ContactId};

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ContactInput {
    pub last_name: Option<String>,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
}

impl ContactInput {
    /// The contact person checked; errors are relative to it.
    pub fn details(&self) -> Result<ContactDetails, FieldErrors> {
        ContactDetails::parse(&ContactDraft {
            last_name: self.last_name.as_deref(),
            first_name: &self.first_name,
            middle_name: self.middle_name.as_deref(),
            position: self.position.as_deref(),
            phone: self.phone.as_deref(),
            mobile: self.mobile.as_deref(),
            email: self.email.as_deref(),
        })
    }
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "Client id")), request_body = ContactInput, responses(
    (status = 201, body = Contact),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/clients/{id}/contacts")]
pub async fn create_contact(state: web::Data<AppState>, who: Credentials, id: web::Path<ClientId>, body: Body<ContactInput>) -> Result<HttpResponse, AppError> {
    let details = body.details()?;
    let saved = app::clients::contacts::create(&state, &who, *id, details).await?;
    Ok(HttpResponse::Created().json(Contact::from(saved)))
}

/// Fields left out stay as they are; `null` clears an optional one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactPatch {
    pub version: i32,
    pub first_name: Option<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub last_name: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub middle_name: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub position: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub phone: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub mobile: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub email: Clearable<String>,
}

impl From<ContactPatch> for Patch {
    fn from(p: ContactPatch) -> Self {
        Patch {
            version: p.version, first_name: p.first_name, last_name: p.last_name, middle_name: p.middle_name, position: p.position,
            phone: p.phone, mobile: p.mobile, email: p.email,
        }
    }
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "Contact id")), request_body = ContactPatch, responses(
    (status = 200, body = Contact),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[patch("/contacts/{id}")]
pub async fn update_contact(state: web::Data<AppState>, who: Credentials, id: web::Path<ContactId>, body: Body<ContactPatch>) -> Result<web::Json<Contact>, AppError> {
    // The patch is checked over the stored person, as a whole.
    Ok(web::Json(app::clients::contacts::update(&state, &who, *id, body.into_inner().into()).await?.into()))
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "Contact id")), responses(
    (status = 204, description = "Deleted"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[delete("/contacts/{id}")]
pub async fn delete_contact(state: web::Data<AppState>, who: Credentials, id: web::Path<ContactId>) -> Result<HttpResponse, AppError> {
    app::clients::contacts::delete(&state, &who, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
