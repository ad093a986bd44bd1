//! HTTP handlers: parse input into domain types, call persistence under the caller's scope, map out.
use crate::auth::{Actor, LoginLimiter, issue_access_token, verify_password};
use crate::error::{ApiError, Problem};
use crate::AppState;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use domain::{AccountNumber, Bik, Email, FieldErrors, Inn, Kpp, Ogrn, Okpo, OrganizationKind, Permission, Phone, Role, normalize_company_name};
use persistence::entities::{bank, bank_account, client, contact, counterparty, organization};
use persistence::repo;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

// ---------- auth ----------

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    /// Opaque, single use: `POST /auth/refresh` returns a new pair; reusing an old one ends the session.
    pub refresh_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

const REFRESH_TTL_DAYS: i64 = 30;

use crate::auth::sha256_hex;

/// Issues an access token and a new refresh token in `family` (a new family at login).
async fn token_pair(state: &AppState, user: &persistence::entities::user::Model, family: Uuid) -> Result<TokenPair, ApiError> {
    use base64::Engine;
    use rand::RngCore;
    let org = repo::get_organization(&state.db, persistence::AccessScope::All, user.organization_id).await?;
    let role = Role::parse(&user.role).ok_or_else(|| ApiError::Internal(anyhow::anyhow!("bad role in db")))?;
    let access_token = issue_access_token(&state.keys, user.id, org.id, role, org_kind(&org), state.config.access_ttl_secs)?;
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let refresh_token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
    let now = Utc::now();
    repo::insert_refresh_token(&state.db, persistence::entities::refresh_token::Model {
        id: Uuid::now_v7(), user_id: user.id, family_id: family, token_hash: sha256_hex(&refresh_token),
        expires_at: now + chrono::Duration::days(REFRESH_TTL_DAYS), created_at: now, used_at: None, revoked_at: None,
    })
    .await?;
    Ok(TokenPair { access_token, refresh_token, token_type: "Bearer", expires_in: state.config.access_ttl_secs })
}

#[utoipa::path(tag = "auth", request_body = RefreshRequest, security(()), responses(
    (status = 200, body = TokenPair),
    (status = 401, body = Problem, content_type = "application/problem+json", description = "invalid_refresh_token"),
))]
#[post("/auth/refresh")]
pub async fn refresh(state: web::Data<AppState>, body: web::Json<RefreshRequest>) -> Result<web::Json<TokenPair>, ApiError> {
    let invalid = ApiError::Unauthorized("invalid_refresh_token");
    let now = Utc::now();
    let Some(token) = repo::find_refresh_token(&state.db, &sha256_hex(body.refresh_token.trim())).await? else { return Err(invalid) };
    if token.revoked_at.is_some() || token.expires_at < now {
        return Err(invalid);
    }
    if !repo::use_refresh_token(&state.db, token.id, now).await? {
        // A used token came back: it was stolen or replayed. End the whole session.
        tracing::warn!(user = %token.user_id, "refresh token reuse: revoking its family");
        repo::revoke_refresh_family(&state.db, token.family_id, now).await?;
        return Err(invalid);
    }
    let user = repo::get_user(&state.db, token.user_id).await?;
    if !user.is_active {
        return Err(invalid);
    }
    Ok(web::Json(token_pair(&state, &user, token.family_id).await?))
}

#[utoipa::path(tag = "auth", request_body = RefreshRequest, security(()), responses((status = 204, description = "The session is ended")))]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, body: web::Json<RefreshRequest>) -> Result<HttpResponse, ApiError> {
    if let Some(token) = repo::find_refresh_token(&state.db, &sha256_hex(body.refresh_token.trim())).await? {
        repo::revoke_refresh_family(&state.db, token.family_id, Utc::now()).await?;
    }
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(tag = "auth", request_body = LoginRequest, security(()), responses(
    (status = 200, body = TokenPair),
    (status = 401, body = Problem, content_type = "application/problem+json", description = "invalid_credentials"),
    (status = 429, body = Problem, content_type = "application/problem+json", description = "too_many_attempts"),
))]
#[post("/auth/login")]
pub async fn login(state: web::Data<AppState>, req: HttpRequest, body: web::Json<LoginRequest>) -> Result<web::Json<TokenPair>, ApiError> {
    let email = body.email.trim().to_lowercase();
    let addr = req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default();
    let (acct_key, addr_key) = (format!("acct:{email}"), format!("addr:{addr}"));
    let limiter: &LoginLimiter = &state.login_limiter;
    if let Some(wait) = limiter.blocked(&[&acct_key, &addr_key]) {
        return Err(ApiError::TooManyAttempts(wait));
    }
    let user = repo::find_user_by_email(&state.db, &email).await?;
    let user = match user {
        Some(u) if u.is_active && verify_password(&body.password, &u.password_hash) => u,
        _ => {
            limiter.fail(&[&acct_key, &addr_key]);
            return Err(ApiError::Unauthorized("invalid_credentials"));
        }
    };
    limiter.clear(&acct_key);
    Ok(web::Json(token_pair(&state, &user, Uuid::now_v7()).await?))
}

fn org_kind(o: &organization::Model) -> OrganizationKind {
    if o.kind == "head" { OrganizationKind::Head } else { OrganizationKind::Production }
}

#[derive(Serialize, ToSchema)]
pub struct OrganizationRef {
    pub id: Uuid,
    pub name: String,
    pub kind: String,
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    pub role: String,
    pub locale: String,
    pub organization: OrganizationRef,
    pub permissions: Vec<String>,
}

#[utoipa::path(tag = "auth", responses(
    (status = 200, body = Me),
    (status = 401, body = Problem, content_type = "application/problem+json"),
))]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<Me>, ApiError> {
    let user = repo::get_user(&state.db, actor.user_id.ok_or(ApiError::NotFound)?).await?;
    let org = repo::get_organization(&state.db, persistence::AccessScope::All, user.organization_id).await?;
    Ok(web::Json(Me {
        id: user.id,
        email: user.email,
        full_name: user.full_name,
        role: actor.role.as_str().to_owned(),
        locale: user.locale,
        organization: OrganizationRef { id: org.id, name: org.name, kind: org.kind },
        permissions: actor.role.permissions().iter().map(|p| p.as_str().to_owned()).collect(),
    }))
}

// ---------- organizations ----------

#[derive(Serialize, ToSchema)]
pub struct Organization {
    pub id: Uuid,
    pub kind: String,
    pub name: String,
    pub inn: Option<String>,
    pub kpp: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub created_at: DateTime<Utc>,
}

impl From<organization::Model> for Organization {
    fn from(o: organization::Model) -> Self {
        Organization {
            id: o.id, kind: o.kind, name: o.name, inn: o.inn, kpp: o.kpp, city: o.city, region: o.region,
            address: o.address, latitude: o.latitude, longitude: o.longitude, created_at: o.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrganizationList {
    pub items: Vec<Organization>,
}

#[utoipa::path(tag = "organizations", responses(
    (status = 200, body = OrganizationList),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/organizations")]
pub async fn list_organizations(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<OrganizationList>, ApiError> {
    actor.require(Permission::OrganizationsRead)?;
    let items = repo::list_organizations(&state.db, actor.scope).await?;
    Ok(web::Json(OrganizationList { items: items.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(tag = "organizations", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Organization),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/organizations/{id}")]
pub async fn get_organization(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<web::Json<Organization>, ApiError> {
    actor.require(Permission::OrganizationsRead)?;
    Ok(web::Json(repo::get_organization(&state.db, actor.scope, *id).await?.into()))
}

// ---------- clients ----------

#[derive(Serialize, ToSchema)]
pub struct Counterparty {
    pub id: Uuid,
    pub client_id: Uuid,
    pub kind: String,
    pub name: String,
    pub inn: Option<String>,
    pub kpp: Option<String>,
    pub ogrn: Option<String>,
    pub okpo: Option<String>,
    pub legal_address: Option<String>,
    pub actual_address: Option<String>,
    pub approved: bool,
    pub approved_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub bank_accounts: Vec<BankAccount>,
}

#[derive(Serialize, ToSchema)]
pub struct BankAccount {
    pub id: Uuid,
    pub counterparty_id: Uuid,
    pub account_number: String,
    pub bik: String,
    pub corr_account: Option<String>,
    pub bank_name: String,
    pub city: Option<String>,
    pub version: i32,
}

impl From<bank_account::Model> for BankAccount {
    fn from(b: bank_account::Model) -> Self {
        BankAccount {
            id: b.id, counterparty_id: b.counterparty_id, account_number: b.account_number, bik: b.bik,
            corr_account: b.corr_account, bank_name: b.bank_name, city: b.city, version: b.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Contact {
    pub id: Uuid,
    pub client_id: Uuid,
    pub last_name: Option<String>,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub version: i32,
}

impl From<contact::Model> for Contact {
    fn from(c: contact::Model) -> Self {
        Contact {
            id: c.id, client_id: c.client_id, last_name: c.last_name, first_name: c.first_name, middle_name: c.middle_name,
            position: c.position, phone: c.phone, mobile: c.mobile, email: c.email, version: c.version,
        }
    }
}

impl Counterparty {
    fn with_accounts(c: counterparty::Model, accounts: &[bank_account::Model]) -> Self {
        let bank_accounts = accounts.iter().filter(|a| a.counterparty_id == c.id).cloned().map(Into::into).collect();
        Counterparty { bank_accounts, ..c.into() }
    }
}

impl From<counterparty::Model> for Counterparty {
    fn from(c: counterparty::Model) -> Self {
        Counterparty {
            bank_accounts: vec![],
            id: c.id, client_id: c.client_id, kind: c.kind, name: c.name, inn: c.inn, kpp: c.kpp, ogrn: c.ogrn,
            okpo: c.okpo, legal_address: c.legal_address, actual_address: c.actual_address, approved: c.approved,
            approved_at: c.approved_at, version: c.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ClientSummary {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
    pub public_name: Option<String>,
    pub person_kind: String,
    pub relationship: String,
    pub segment: Option<String>,
    pub client_type: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub manager_id: Option<Uuid>,
    pub inn: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

fn summary(c: &client::Model, cps: &[counterparty::Model]) -> ClientSummary {
    ClientSummary {
        id: c.id, organization_id: c.organization_id, name: c.name.clone(), public_name: c.public_name.clone(),
        person_kind: c.person_kind.clone(), relationship: c.relationship.clone(), segment: c.segment.clone(),
        client_type: c.client_type.clone(), email: c.email.clone(), phone: c.phone.clone(), manager_id: c.manager_id,
        inn: cps.iter().find(|cp| cp.client_id == c.id).and_then(|cp| cp.inn.clone()),
        created_at: c.created_at, updated_at: c.updated_at, version: c.version,
    }
}

#[derive(Serialize, ToSchema)]
pub struct ClientDetail {
    #[serde(flatten)]
    pub summary: ClientSummary,
    pub notes: Option<String>,
    pub counterparties: Vec<Counterparty>,
    pub contacts: Vec<Contact>,
}

fn detail(row: repo::ClientRow) -> ClientDetail {
    let accounts = row.bank_accounts;
    ClientDetail {
        summary: summary(&row.client, &row.counterparties),
        notes: row.client.notes.clone(),
        counterparties: row.counterparties.into_iter().map(|c| Counterparty::with_accounts(c, &accounts)).collect(),
        contacts: row.contacts.into_iter().map(Into::into).collect(),
    }
}

#[derive(Serialize, ToSchema)]
pub struct ClientPage {
    pub items: Vec<ClientSummary>,
    pub next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct ClientListQuery {
    /// Searches name, public name, INN, phone and e-mail.
    pub q: Option<String>,
    pub relationship: Option<String>,
    pub organization_id: Option<Uuid>,
    pub manager_id: Option<Uuid>,
    /// 1..=200, default 50.
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

#[utoipa::path(tag = "clients", params(ClientListQuery), responses(
    (status = 200, body = ClientPage),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/clients")]
pub async fn list_clients(state: web::Data<AppState>, actor: Actor, q: web::Query<ClientListQuery>) -> Result<web::Json<ClientPage>, ApiError> {
    actor.require(Permission::ClientsRead)?;
    let q = q.into_inner();
    let filter = repo::ClientFilter {
        q: q.q.map(|s| s.trim().to_lowercase()),
        relationship: q.relationship,
        organization_id: q.organization_id,
        manager_id: q.manager_id,
    };
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let (rows, next_cursor) = repo::list_clients(&state.db, actor.scope, &filter, limit, q.cursor.as_deref()).await?;
    let cps = repo::counterparties_of(&state.db, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    Ok(web::Json(ClientPage { items: rows.iter().map(|c| summary(c, &cps)).collect(), next_cursor }))
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path)), responses(
    (status = 200, body = ClientDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/clients/{id}")]
pub async fn get_client(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<web::Json<ClientDetail>, ApiError> {
    actor.require(Permission::ClientsRead)?;
    Ok(web::Json(detail(repo::get_client(&state.db, actor.scope, *id).await?)))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct CounterpartyInput {
    /// legal_entity | sole_trader | person
    pub kind: String,
    pub name: String,
    pub inn: Option<String>,
    pub kpp: Option<String>,
    pub ogrn: Option<String>,
    pub okpo: Option<String>,
    pub legal_address: Option<String>,
    pub actual_address: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct NewClient {
    pub name: String,
    pub public_name: Option<String>,
    /// legal | person
    pub person_kind: String,
    /// prospect | client | partner (default client)
    pub relationship: Option<String>,
    pub segment: Option<String>,
    pub client_type: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub manager_id: Option<Uuid>,
    /// Head office only: the owning organization (default: the caller's).
    pub organization_id: Option<Uuid>,
    pub notes: Option<String>,
    pub counterparty: Option<CounterpartyInput>,
    pub contact: Option<ContactInput>,
}

#[derive(Deserialize, ToSchema, Default)]
pub struct ContactInput {
    pub last_name: Option<String>,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
}

/// Validates a contact person; errors are relative to it.
fn validate_contact(c: &ContactInput, errors: &mut FieldErrors, client_id: Uuid, organization_id: Uuid, now: DateTime<Utc>) -> contact::Model {
    let first_name = errors.required("first_name", Some(&c.first_name), |s| domain::text(100, s));
    let last_name = opt_text(errors, "last_name", c.last_name.as_deref(), 100);
    let middle_name = opt_text(errors, "middle_name", c.middle_name.as_deref(), 100);
    let position = opt_text(errors, "position", c.position.as_deref(), 200);
    let phone = errors.optional("phone", c.phone.as_deref(), Phone::parse);
    let mobile = errors.optional("mobile", c.mobile.as_deref(), Phone::parse);
    let email = errors.optional("email", c.email.as_deref(), Email::parse);
    contact::Model {
        id: Uuid::now_v7(), client_id, organization_id, last_name, first_name: first_name.unwrap_or_default(), middle_name, position,
        phone: phone.map(|p| p.as_str().to_owned()), mobile: mobile.map(|p| p.as_str().to_owned()), email: email.map(|e| e.as_str().to_owned()),
        created_at: now, updated_at: now, version: 1,
    }
}

fn one_of(errors: &mut FieldErrors, field: &str, value: &str, allowed: &[&str]) {
    if !allowed.contains(&value) {
        errors.add(field, domain::FieldError::new("invalid_value", format!("Допустимые значения: {}", allowed.join(", "))));
    }
}

/// Validates a counterparty's requisites by its kind (seed 001 §2.2); errors are relative to it.
fn validate_counterparty(input: &CounterpartyInput, errors: &mut FieldErrors) -> Option<[Option<String>; 4]> {
    one_of(errors, "kind", &input.kind, &["legal_entity", "sole_trader", "person"]);
    errors.required("name", Some(&input.name), |s| domain::text(500, s));
    let inn = match input.kind.as_str() {
        "person" => errors.optional("inn", input.inn.as_deref(), Inn::parse),
        _ => errors.required("inn", input.inn.as_deref(), Inn::parse),
    };
    let wrong = |msg: &str| domain::FieldError::new("invalid_value", msg);
    match (input.kind.as_str(), &inn) {
        ("legal_entity", Some(i)) if !i.is_legal_entity() => errors.add("inn", wrong("У юридического лица ИНН из 10 цифр")),
        ("sole_trader" | "person", Some(i)) if i.is_legal_entity() => errors.add("inn", wrong("У ИП и физического лица ИНН из 12 цифр")),
        _ => {}
    }
    let kpp = if input.kind == "legal_entity" {
        errors.required("kpp", input.kpp.as_deref(), Kpp::parse)
    } else {
        if input.kpp.as_deref().is_some_and(|k| !k.trim().is_empty()) {
            errors.add("kpp", domain::FieldError::new("not_allowed", "КПП есть только у юридических лиц"));
        }
        None
    };
    let ogrn = errors.optional("ogrn", input.ogrn.as_deref(), Ogrn::parse);
    match (input.kind.as_str(), &ogrn) {
        ("legal_entity", Some(o)) if o.is_ogrnip() => errors.add("ogrn", wrong("ОГРН юридического лица — 13 цифр")),
        ("sole_trader", Some(o)) if !o.is_ogrnip() => errors.add("ogrn", wrong("ОГРНИП — 15 цифр")),
        _ => {}
    }
    let okpo = errors.optional("okpo", input.okpo.as_deref(), Okpo::parse);
    errors.is_empty().then(|| {
        [inn.map(|v| v.as_str().to_owned()), kpp.map(|v| v.as_str().to_owned()), ogrn.map(|v| v.as_str().to_owned()), okpo.map(|v| v.as_str().to_owned())]
    })
}

fn opt_text(errors: &mut FieldErrors, field: &str, v: Option<&str>, max: usize) -> Option<String> {
    errors.optional(field, v, |s| domain::text(max, s))
}

#[utoipa::path(tag = "clients", request_body = NewClient, responses(
    (status = 201, body = ClientDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "organization_id outside the caller's scope"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/clients")]
pub async fn create_client(state: web::Data<AppState>, actor: Actor, body: web::Json<NewClient>) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ClientsWrite)?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let name = errors.required("name", Some(&b.name), |s| domain::text(300, s));
    let public_name = opt_text(&mut errors, "public_name", b.public_name.as_deref(), 300);
    one_of(&mut errors, "person_kind", &b.person_kind, &["legal", "person"]);
    let relationship = b.relationship.unwrap_or_else(|| "client".into());
    one_of(&mut errors, "relationship", &relationship, &["prospect", "client", "partner"]);
    let segment = opt_text(&mut errors, "segment", b.segment.as_deref(), 100);
    let client_type = opt_text(&mut errors, "client_type", b.client_type.as_deref(), 100);
    let notes = opt_text(&mut errors, "notes", b.notes.as_deref(), 5000);
    let email = errors.optional("email", b.email.as_deref(), Email::parse);
    let phone = errors.optional("phone", b.phone.as_deref(), Phone::parse);
    let mut cp_errors = FieldErrors::new();
    let requisites = b.counterparty.as_ref().map(|cp| validate_counterparty(cp, &mut cp_errors));
    errors.merge_prefixed("counterparty", cp_errors);
    let organization_id = b.organization_id.unwrap_or(actor.organization_id);
    let now = Utc::now();
    let id = Uuid::now_v7();
    let mut contact_errors = FieldErrors::new();
    let contacts: Vec<_> = b.contact.iter().map(|c| validate_contact(c, &mut contact_errors, id, organization_id, now)).collect();
    errors.merge_prefixed("contact", contact_errors);
    errors.into_result()?;
    let name = name.unwrap_or_default();
    // An organization outside the caller's scope does not exist for it.
    repo::get_organization(&state.db, actor.scope, organization_id).await?;
    let model = client::Model {
        id,
        organization_id,
        // Derived by the repository.
        name_norm: String::new(),
        sort_name: String::new(),
        search_text: String::new(),
        name,
        public_name,
        person_kind: b.person_kind,
        relationship,
        segment,
        client_type,
        email: email.map(|e| e.as_str().to_owned()),
        phone: phone.map(|p| p.as_str().to_owned()),
        manager_id: b.manager_id.or(actor.user_id),
        notes,
        created_by: actor.user_id,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let mut cps = vec![];
    if let (Some(cp), Some(Some([inn, kpp, ogrn, okpo]))) = (b.counterparty, requisites) {
        cps.push(counterparty::Model {
            id: Uuid::now_v7(), client_id: id, organization_id, kind: cp.kind, name: cp.name.trim().to_owned(), inn, kpp, ogrn, okpo,
            legal_address: cp.legal_address.filter(|s| !s.trim().is_empty()),
            actual_address: cp.actual_address.filter(|s| !s.trim().is_empty()),
            approved: false, approved_by: None, approved_at: None, created_at: now, updated_at: now, version: 1,
        });
    }
    let row = repo::insert_client(&state.db, actor.scope, model, cps, contacts, &actor.audit(&state.db).await?).await?;
    Ok(HttpResponse::Created().json(detail(row)))
}

#[derive(Deserialize, IntoParams)]
pub struct SimilarQuery {
    pub name: Option<String>,
    pub inn: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub exclude_id: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct SimilarClient {
    pub client: ClientSummary,
    /// inn | phone | email | name
    pub reasons: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SimilarList {
    pub items: Vec<SimilarClient>,
}

#[utoipa::path(tag = "clients", params(SimilarQuery), responses(
    (status = 200, body = SimilarList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/clients/similar")]
pub async fn similar_clients(state: web::Data<AppState>, actor: Actor, q: web::Query<SimilarQuery>) -> Result<web::Json<SimilarList>, ApiError> {
    actor.require(Permission::ClientsRead)?;
    // Partial input is normal while typing: unparsable values are simply not matched on.
    let name_norm = q.name.as_deref().map(normalize_company_name).filter(|n| !n.is_empty());
    let inn = q.inn.as_deref().and_then(|s| Inn::parse(s).ok());
    let phone = q.phone.as_deref().and_then(|s| Phone::parse(s).ok());
    let email = q.email.as_deref().and_then(|s| Email::parse(s).ok());
    let (inn, phone, email) = (inn.as_ref().map(|v| v.as_str()), phone.as_ref().map(|v| v.as_str()), email.as_ref().map(|v| v.as_str()));
    let found = repo::similar_clients(&state.db, actor.scope, name_norm.as_deref(), inn, phone, email).await?;
    let found: Vec<_> = found.into_iter().filter(|c| Some(c.id) != q.exclude_id).collect();
    let cps = repo::counterparties_of(&state.db, &found.iter().map(|c| c.id).collect::<Vec<_>>()).await?;
    let items = found
        .iter()
        .map(|c| {
            let mut reasons = vec![];
            if inn.is_some() && cps.iter().any(|cp| cp.client_id == c.id && cp.inn.as_deref() == inn) {
                reasons.push("inn".to_owned());
            }
            if phone.is_some() && c.phone.as_deref() == phone {
                reasons.push("phone".to_owned());
            }
            if email.is_some() && c.email.as_deref() == email {
                reasons.push("email".to_owned());
            }
            if name_norm.as_deref().is_some_and(|n| c.name_norm.contains(n)) {
                reasons.push("name".to_owned());
            }
            SimilarClient { client: summary(c, &cps), reasons }
        })
        .collect();
    Ok(web::Json(SimilarList { items }))
}

// ---------- service ----------

#[utoipa::path(tag = "service", responses((status = 200, description = "The process is up")))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

#[utoipa::path(tag = "service", responses(
    (status = 200, description = "The database answers"),
    (status = 503, body = Problem, content_type = "application/problem+json"),
))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    match repo::ping(&state.db).await {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("ready"),
        Err(e) => {
            tracing::warn!(error = %e, "database not ready");
            HttpResponse::ServiceUnavailable().content_type("text/plain").body("database unavailable")
        }
    }
}

// ---------- banks and bank accounts ----------

#[derive(Serialize, ToSchema)]
pub struct Bank {
    pub bik: String,
    pub name: String,
    pub city: Option<String>,
    pub corr_account: Option<String>,
    pub address: Option<String>,
}

impl From<bank::Model> for Bank {
    fn from(b: bank::Model) -> Self {
        Bank { bik: b.bik, name: b.name, city: b.city, corr_account: b.corr_account, address: b.address }
    }
}

#[utoipa::path(tag = "banks", params(("bik" = String, Path)), responses(
    (status = 200, body = Bank),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/banks/{bik}")]
pub async fn get_bank(state: web::Data<AppState>, _actor: Actor, bik: web::Path<String>) -> Result<web::Json<Bank>, ApiError> {
    let bank = repo::get_bank(&state.db, bik.trim()).await?.ok_or(ApiError::NotFound)?;
    Ok(web::Json(bank.into()))
}

#[derive(Serialize, ToSchema)]
pub struct ImportResult {
    pub imported: usize,
    pub skipped: usize,
}

pub async fn import_directory(db: &persistence::Db, bytes: &[u8]) -> Result<ImportResult, ApiError> {
    let parsed = crate::bank_directory::parse_ed807(bytes).map_err(ApiError::BadRequest)?;
    let now = Utc::now();
    let rows = parsed
        .entries
        .into_iter()
        .map(|e| bank::Model { bik: e.bik, name: e.name, city: e.city, corr_account: e.corr_account, address: e.address, updated_at: now })
        .collect();
    let imported = repo::upsert_banks(db, rows).await?;
    Ok(ImportResult { imported, skipped: parsed.skipped })
}

#[utoipa::path(tag = "banks", request_body(content = String, content_type = "application/xml", description = "ED807 XML file as published by the Central Bank"),
    responses(
        (status = 200, body = ImportResult),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[post("/banks/import")]
pub async fn import_banks(state: web::Data<AppState>, actor: Actor, body: web::Bytes) -> Result<web::Json<ImportResult>, ApiError> {
    actor.require(Permission::BanksImport)?;
    Ok(web::Json(import_directory(&state.db, &body).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct NewBankAccount {
    pub account_number: String,
    pub bik: String,
    /// Only needed when the BIK is not in the directory.
    pub corr_account: Option<String>,
    pub bank_name: Option<String>,
    pub city: Option<String>,
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "Counterparty id")), request_body = NewBankAccount, responses(
    (status = 201, body = BankAccount),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/counterparties/{id}/bank-accounts")]
pub async fn create_bank_account(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    body: web::Json<NewBankAccount>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ClientsWrite)?;
    let cp = repo::get_counterparty(&state.db, actor.scope, *id).await?;
    let mut errors = FieldErrors::new();
    let bik = errors.required("bik", Some(&body.bik), Bik::parse);
    let account = errors.required("account_number", Some(&body.account_number), AccountNumber::parse);
    if let (Some(bik), Some(account)) = (&bik, &account)
        && let Err(e) = account.check_key(bik) {
            errors.add("account_number", e);
        }
    let known = match &bik {
        Some(b) => repo::get_bank(&state.db, b.as_str()).await?,
        None => None,
    };
    let manual_name = opt_text(&mut errors, "bank_name", body.bank_name.as_deref(), 300);
    let manual_corr = errors.optional("corr_account", body.corr_account.as_deref(), AccountNumber::parse);
    if bik.is_some() && known.is_none() && (manual_name.is_none() || manual_corr.is_none()) {
        errors.add("bik", domain::FieldError::new("unknown_bik", "Банк с таким БИК не найден в справочнике"));
    }
    errors.into_result()?;
    let (Some(bik), Some(account)) = (bik, account) else { return Err(ApiError::Internal(anyhow::anyhow!("validated"))) };
    let (bank_name, corr_account, city) = match known {
        Some(b) => (b.name, b.corr_account, b.city),
        None => (manual_name.unwrap_or_default(), manual_corr.map(|c| c.as_str().to_owned()), body.city.clone()),
    };
    let now = Utc::now();
    let saved = repo::insert_bank_account(&state.db, actor.scope, bank_account::Model {
        id: Uuid::now_v7(), counterparty_id: cp.id, client_id: cp.client_id, organization_id: cp.organization_id,
        account_number: account.as_str().to_owned(), bik: bik.as_str().to_owned(), corr_account, bank_name, city,
        created_at: now, updated_at: now, version: 1,
    }, &actor.audit(&state.db).await?)
    .await?;
    Ok(HttpResponse::Created().json(BankAccount::from(saved)))
}

// ---------- client edits and history ----------

/// `null` clears a field; an absent field is left alone.
fn clearable<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Deserialize, ToSchema)]
pub struct ClientPatch {
    /// The version the edit was made on; a stale one is 409 `version_conflict`.
    pub version: i32,
    pub name: Option<String>,
    pub person_kind: Option<String>,
    pub relationship: Option<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub public_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub segment: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub client_type: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub notes: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<Uuid>)]
    pub manager_id: Option<Option<Uuid>>,
}

/// What the audit log compares for a client.
fn client_snapshot(c: &client::Model) -> serde_json::Value {
    serde_json::json!({
        "name": c.name, "public_name": c.public_name, "person_kind": c.person_kind, "relationship": c.relationship,
        "segment": c.segment, "client_type": c.client_type, "email": c.email, "phone": c.phone, "notes": c.notes,
        "manager_id": c.manager_id,
    })
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path)), request_body = ClientPatch, responses(
    (status = 200, body = ClientDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[patch("/clients/{id}")]
pub async fn update_client(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<ClientPatch>) -> Result<web::Json<ClientDetail>, ApiError> {
    actor.require(Permission::ClientsWrite)?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let name = b.name.as_deref().and_then(|n| errors.required("name", Some(n), |s| domain::text(300, s)));
    if let Some(k) = &b.person_kind {
        one_of(&mut errors, "person_kind", k, &["legal", "person"]);
    }
    if let Some(r) = &b.relationship {
        one_of(&mut errors, "relationship", r, &["prospect", "client", "partner"]);
    }
    let text_field = |errors: &mut FieldErrors, f: &str, v: &Option<Option<String>>, max: usize| {
        v.as_ref().map(|inner| opt_text(errors, f, inner.as_deref(), max))
    };
    let public_name = text_field(&mut errors, "public_name", &b.public_name, 300);
    let segment = text_field(&mut errors, "segment", &b.segment, 100);
    let client_type = text_field(&mut errors, "client_type", &b.client_type, 100);
    let notes = text_field(&mut errors, "notes", &b.notes, 5000);
    let email = b.email.as_ref().map(|v| errors.optional("email", v.as_deref(), Email::parse).map(|e| e.as_str().to_owned()));
    let phone = b.phone.as_ref().map(|v| errors.optional("phone", v.as_deref(), Phone::parse).map(|p| p.as_str().to_owned()));
    errors.into_result()?;
    let audit = actor.audit(&state.db).await?;
    repo::update_client(&state.db, actor.scope, *id, b.version, &audit, |c| {
        if let Some(n) = name { c.name = n }
        if let Some(v) = b.person_kind { c.person_kind = v }
        if let Some(v) = b.relationship { c.relationship = v }
        if let Some(v) = public_name { c.public_name = v }
        if let Some(v) = segment { c.segment = v }
        if let Some(v) = client_type { c.client_type = v }
        if let Some(v) = notes { c.notes = v }
        if let Some(v) = email { c.email = v }
        if let Some(v) = phone { c.phone = v }
        if let Some(v) = b.manager_id { c.manager_id = v }
    }, client_snapshot)
    .await?;
    let row = repo::get_client(&state.db, actor.scope, *id).await?;
    Ok(web::Json(detail(row)))
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_name: String,
    /// create | update | delete | approve
    pub action: String,
    pub entity_type: String,
    pub entity_id: Uuid,
    /// `{field: {old, new}}`
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
}

#[derive(Serialize, ToSchema)]
pub struct AuditList {
    pub items: Vec<AuditEntry>,
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path)), responses(
    (status = 200, body = AuditList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/clients/{id}/history")]
pub async fn client_history(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<web::Json<AuditList>, ApiError> {
    actor.require(Permission::ClientsRead)?;
    let rows = repo::client_history(&state.db, actor.scope, *id).await?;
    let items = rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id, at: r.at, actor_name: r.actor_name, action: r.action, entity_type: r.entity_type, entity_id: r.entity_id,
            changes: serde_json::from_str(&r.changes).unwrap_or(serde_json::Value::Null),
        })
        .collect();
    Ok(web::Json(AuditList { items }))
}

// ---------- API keys for integrators ----------

#[derive(Serialize, ToSchema)]
pub struct ApiKey {
    pub id: Uuid,
    pub name: String,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    pub role: String,
    pub organization_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<persistence::entities::api_key::Model> for ApiKey {
    fn from(k: persistence::entities::api_key::Model) -> Self {
        ApiKey {
            id: k.id, name: k.name, prefix: k.prefix, role: k.role, organization_id: k.organization_id,
            created_at: k.created_at, revoked_at: k.revoked_at, last_used_at: k.last_used_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ApiKeyList {
    pub items: Vec<ApiKey>,
}

#[derive(Deserialize, ToSchema)]
pub struct NewApiKey {
    pub name: String,
    pub role: String,
    pub organization_id: Uuid,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedApiKey {
    pub api_key: ApiKey,
    /// Shown once; send it as `Authorization: Bearer …` or `X-Api-Key: …`.
    pub secret: String,
}

#[utoipa::path(tag = "api-keys", responses(
    (status = 200, body = ApiKeyList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/api-keys")]
pub async fn list_api_keys(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<ApiKeyList>, ApiError> {
    actor.require(Permission::ApiKeysManage)?;
    let items = repo::list_api_keys(&state.db, actor.scope).await?;
    Ok(web::Json(ApiKeyList { items: items.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(tag = "api-keys", request_body = NewApiKey, responses(
    (status = 201, body = CreatedApiKey),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/api-keys")]
pub async fn create_api_key(state: web::Data<AppState>, actor: Actor, body: web::Json<NewApiKey>) -> Result<HttpResponse, ApiError> {
    use base64::Engine;
    use rand::RngCore;
    actor.require(Permission::ApiKeysManage)?;
    let mut errors = FieldErrors::new();
    let name = errors.required("name", Some(&body.name), |s| domain::text(200, s));
    let role = Role::parse(&body.role);
    if role.is_none() {
        errors.add("role", domain::FieldError::new("invalid_value", "Неизвестная роль"));
    }
    errors.into_result()?;
    let (Some(name), Some(role)) = (name, role) else { return Err(ApiError::Internal(anyhow::anyhow!("validated"))) };
    repo::get_organization(&state.db, actor.scope, body.organization_id).await?;
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let secret = format!("{}{}", crate::auth::API_KEY_PREFIX, base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw));
    let key = repo::insert_api_key(&state.db, persistence::entities::api_key::Model {
        id: Uuid::now_v7(), organization_id: body.organization_id, name, prefix: secret.chars().take(10).collect(),
        role: role.as_str().to_owned(), key_hash: sha256_hex(&secret), created_by: actor.user_id, created_at: Utc::now(),
        revoked_at: None, last_used_at: None,
    })
    .await?;
    Ok(HttpResponse::Created().json(CreatedApiKey { api_key: key.into(), secret }))
}

#[utoipa::path(tag = "api-keys", params(("id" = Uuid, Path)), responses(
    (status = 204, description = "Revoked"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[delete("/api-keys/{id}")]
pub async fn revoke_api_key(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ApiKeysManage)?;
    repo::revoke_api_key(&state.db, actor.scope, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

// ---------- counterparty approval (seed 001 §3.1: the administrator checks requisites and approves) ----------

#[derive(Deserialize, ToSchema)]
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
pub async fn approve_counterparty(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<Approval>) -> Result<web::Json<Counterparty>, ApiError> {
    actor.require(Permission::CounterpartiesApprove)?;
    let audit = actor.audit(&state.db).await?;
    let saved = repo::set_counterparty_approval(&state.db, actor.scope, *id, body.version, body.approved, &audit).await?;
    Ok(web::Json(saved.into()))
}

// ---------- users (admin manages users and roles) ----------

#[derive(Serialize, ToSchema)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    pub role: String,
    pub organization_id: Uuid,
    pub is_active: bool,
    pub locale: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl From<persistence::entities::user::Model> for User {
    fn from(u: persistence::entities::user::Model) -> Self {
        User {
            id: u.id, email: u.email, full_name: u.full_name, role: u.role, organization_id: u.organization_id, is_active: u.is_active,
            locale: u.locale, created_at: u.created_at, updated_at: u.updated_at, version: u.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct UserPage {
    pub items: Vec<User>,
    pub next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct UserListQuery {
    pub q: Option<String>,
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

#[utoipa::path(tag = "users", params(UserListQuery), responses(
    (status = 200, body = UserPage),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/users")]
pub async fn list_users(state: web::Data<AppState>, actor: Actor, q: web::Query<UserListQuery>) -> Result<web::Json<UserPage>, ApiError> {
    actor.require(Permission::UsersManage)?;
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let search = q.q.as_deref().map(|s| s.trim().to_lowercase());
    let mut items = repo::list_users(&state.db, actor.scope, search.as_deref(), limit + 1, q.cursor.as_deref()).await?;
    let next_cursor = if items.len() as u64 > limit {
        items.truncate(limit as usize);
        items.last().map(|u| u.email.clone())
    } else {
        None
    };
    Ok(web::Json(UserPage { items: items.into_iter().map(Into::into).collect(), next_cursor }))
}

#[utoipa::path(tag = "users", params(("id" = Uuid, Path)), responses(
    (status = 200, body = User),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/users/{id}")]
pub async fn get_user(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<web::Json<User>, ApiError> {
    actor.require(Permission::UsersManage)?;
    Ok(web::Json(repo::get_user_scoped(&state.db, actor.scope, *id).await?.into()))
}

#[derive(Deserialize, ToSchema)]
pub struct NewUser {
    pub email: String,
    pub full_name: String,
    pub role: String,
    pub organization_id: Uuid,
    pub password: String,
}

fn password_ok(errors: &mut FieldErrors, p: &str) {
    if p.chars().count() < 8 {
        errors.add("password", domain::FieldError::new("invalid_length", "Пароль — не короче 8 символов"));
    }
}

#[utoipa::path(tag = "users", request_body = NewUser, responses(
    (status = 201, body = User),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "`email` `taken` when the address is in use"),
))]
#[post("/users")]
pub async fn create_user(state: web::Data<AppState>, actor: Actor, body: web::Json<NewUser>) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::UsersManage)?;
    let mut errors = FieldErrors::new();
    let email = errors.required("email", Some(&body.email), Email::parse);
    let full_name = errors.required("full_name", Some(&body.full_name), |s| domain::text(200, s));
    let role = Role::parse(&body.role);
    if role.is_none() {
        errors.add("role", domain::FieldError::new("invalid_value", "Неизвестная роль"));
    }
    password_ok(&mut errors, &body.password);
    errors.into_result()?;
    let (Some(email), Some(full_name), Some(role)) = (email, full_name, role) else { return Err(ApiError::Internal(anyhow::anyhow!("validated"))) };
    repo::get_organization(&state.db, actor.scope, body.organization_id).await?;
    let now = Utc::now();
    let user = repo::insert_user(&state.db, persistence::entities::user::Model {
        id: Uuid::now_v7(), organization_id: body.organization_id, email: email.as_str().to_owned(), full_name, role: role.as_str().to_owned(),
        password_hash: crate::auth::hash_password(&body.password)?, is_active: true, locale: "ru".into(), created_at: now, updated_at: now, version: 1,
    })
    .await?;
    Ok(HttpResponse::Created().json(User::from(user)))
}

#[derive(Deserialize, ToSchema)]
pub struct UserPatch {
    pub version: i32,
    pub full_name: Option<String>,
    pub role: Option<String>,
    pub is_active: Option<bool>,
    pub password: Option<String>,
    pub locale: Option<String>,
}

#[utoipa::path(tag = "users", params(("id" = Uuid, Path)), request_body = UserPatch, responses(
    (status = 200, body = User),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[patch("/users/{id}")]
pub async fn update_user(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<UserPatch>) -> Result<web::Json<User>, ApiError> {
    actor.require(Permission::UsersManage)?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let full_name = b.full_name.as_deref().and_then(|n| errors.required("full_name", Some(n), |s| domain::text(200, s)));
    let role = b.role.as_deref().map(Role::parse);
    if role == Some(None) {
        errors.add("role", domain::FieldError::new("invalid_value", "Неизвестная роль"));
    }
    if let Some(l) = &b.locale {
        one_of(&mut errors, "locale", l, &["ru", "en"]);
    }
    if let Some(p) = &b.password {
        password_ok(&mut errors, p);
    }
    if b.is_active == Some(false) && actor.user_id == Some(*id) {
        errors.add("is_active", domain::FieldError::new("not_allowed", "Нельзя отключить самого себя"));
    }
    errors.into_result()?;
    let mut user = repo::get_user_scoped(&state.db, actor.scope, *id).await?;
    if user.version != b.version {
        return Err(ApiError::VersionConflict);
    }
    if let Some(n) = full_name { user.full_name = n }
    if let Some(Some(r)) = role { user.role = r.as_str().to_owned() }
    if let Some(a) = b.is_active { user.is_active = a }
    if let Some(l) = b.locale { user.locale = l }
    if let Some(p) = &b.password { user.password_hash = crate::auth::hash_password(p)? }
    user.version += 1;
    user.updated_at = Utc::now();
    Ok(web::Json(repo::update_user(&state.db, b.version, user).await?.into()))
}
