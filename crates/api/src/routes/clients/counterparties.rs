//! `/clients/{id}/counterparties`, `/counterparties/{id}`: counterparties after a client is made,
//! and the admin's approval of their requisites (seed 001 §3.1).
use crate::routes::prelude::*;
use crate::views::clients::{Counterparty, counterparty};
use app::clients::counterparties::RequisitesPatch;
use domain::clients::{CounterpartyDraft, CounterpartyKind, Requisites};
use domain::{ClientId, CounterpartyId};

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct CounterpartyInput {
    #[schema(value_type = CounterpartyKind)]
    pub kind: String,
    pub name: String,
    pub inn: Option<String>,
    pub kpp: Option<String>,
    pub ogrn: Option<String>,
    pub okpo: Option<String>,
    pub legal_address: Option<String>,
    pub actual_address: Option<String>,
}

impl CounterpartyInput {
    /// The requisites checked by their kind (domain rules); errors are relative to the counterparty.
    pub fn requisites(&self) -> Result<Requisites, FieldErrors> {
        Requisites::parse(&CounterpartyDraft {
            kind: &self.kind,
            name: &self.name,
            inn: self.inn.as_deref(),
            kpp: self.kpp.as_deref(),
            ogrn: self.ogrn.as_deref(),
            okpo: self.okpo.as_deref(),
            legal_address: self.legal_address.as_deref(),
            actual_address: self.actual_address.as_deref(),
        })
    }
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "Client id")), request_body = CounterpartyInput, responses(
    (status = 201, body = Counterparty),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/clients/{id}/counterparties")]
pub async fn create_counterparty(state: web::Data<AppState>, who: Credentials, id: web::Path<ClientId>, body: Body<CounterpartyInput>) -> Result<HttpResponse, AppError> {
    let requisites = body.requisites()?;
    let saved = app::clients::counterparties::create(&state, &who, *id, requisites).await?;
    Ok(HttpResponse::Created().json(counterparty(saved, &[])?))
}

/// Fields left out stay as they are; `null` clears an optional one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CounterpartyPatch {
    pub version: i32,
    #[schema(value_type = Option<CounterpartyKind>)]
    pub kind: Option<String>,
    pub name: Option<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub inn: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub kpp: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub ogrn: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub okpo: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub legal_address: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub actual_address: Clearable<String>,
}

impl From<CounterpartyPatch> for RequisitesPatch {
    fn from(p: CounterpartyPatch) -> Self {
        RequisitesPatch {
            version: p.version, kind: p.kind, name: p.name, inn: p.inn, kpp: p.kpp, ogrn: p.ogrn, okpo: p.okpo,
            legal_address: p.legal_address, actual_address: p.actual_address,
        }
    }
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "Counterparty id")), request_body = CounterpartyPatch, responses(
    (status = 200, body = Counterparty, description = "Changed requisites withdraw the approval"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[patch("/counterparties/{id}")]
pub async fn update_counterparty(state: web::Data<AppState>, who: Credentials, id: web::Path<CounterpartyId>, body: Body<CounterpartyPatch>) -> Result<web::Json<Counterparty>, AppError> {
    // The patch is checked over the stored requisites, as a whole: the rules tie them to the kind.
    let (saved, accounts) = app::clients::counterparties::update(&state, &who, *id, body.into_inner().into()).await?;
    Ok(web::Json(counterparty(saved, &accounts)?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    pub approved: bool,
    pub version: i32,
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "Counterparty id")), request_body = Approval, responses(
    (status = 200, body = Counterparty),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
))]
#[post("/counterparties/{id}/approval")]
pub async fn approve_counterparty(state: web::Data<AppState>, who: Credentials, id: web::Path<CounterpartyId>, body: Body<Approval>) -> Result<web::Json<Counterparty>, AppError> {
    let saved = app::clients::counterparties::approve(&state, &who, *id, body.version, body.approved).await?;
    Ok(web::Json(counterparty(saved, &[])?))
}
