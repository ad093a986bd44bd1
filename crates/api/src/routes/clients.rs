use super::prelude::*;
use domain::{AccountNumber, Bik, Email, Inn, Kpp, Ogrn, Okpo, Phone, normalize_company_name};
use persistence::entities::{bank_account, client, contact, counterparty};

// ---------- clients ----------

// Closed value sets, as the spec (and the web app's generated types) name them. Requests carry
// them as strings and are checked with `one_of`, so a bad value is a 422 naming the field.

/// `legal` (company) or `person`.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PersonKind { Legal, Person }

/// The relationship with the client.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relationship { Prospect, Client, Partner }

/// Legal form of a counterparty.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CounterpartyKind { LegalEntity, SoleTrader, Person }

/// What a history entry records.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction { Create, Update, Delete, Approve }

/// Why a client was found similar.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SimilarReason { Inn, Phone, Email, Name }

const PERSON_KINDS: &[&str] = &["legal", "person"];
const RELATIONSHIPS: &[&str] = &["prospect", "client", "partner"];
const COUNTERPARTY_KINDS: &[&str] = &["legal_entity", "sole_trader", "person"];

#[derive(Serialize, ToSchema)]
pub struct Counterparty {
    pub id: Uuid,
    pub client_id: Uuid,
    #[schema(value_type = CounterpartyKind)]
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
    pub organization_name: String,
    pub name: String,
    pub public_name: Option<String>,
    #[schema(value_type = PersonKind)]
    pub person_kind: String,
    #[schema(value_type = Relationship)]
    pub relationship: String,
    pub segment: Option<String>,
    pub client_type: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub manager_id: Option<Uuid>,
    pub manager_name: Option<String>,
    /// The first counterparty's INN.
    pub inn: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// Names of the organizations and managers of a set of clients, looked up once per response.
#[derive(Default)]
struct Names {
    organizations: std::collections::HashMap<Uuid, String>,
    users: std::collections::HashMap<Uuid, String>,
}

impl Names {
    async fn of(db: &persistence::Db, clients: &[&client::Model]) -> Result<Names, ApiError> {
        Ok(Names {
            organizations: repo::organization_names(db, clients.iter().map(|c| c.organization_id)).await?,
            users: repo::user_names(db, clients.iter().filter_map(|c| c.manager_id)).await?,
        })
    }
}

fn summary(c: &client::Model, cps: &[counterparty::Model], names: &Names) -> ClientSummary {
    ClientSummary {
        organization_name: names.organizations.get(&c.organization_id).cloned().unwrap_or_default(),
        manager_name: c.manager_id.and_then(|m| names.users.get(&m).cloned()),
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

async fn detail(db: &persistence::Db, row: repo::ClientRow) -> Result<ClientDetail, ApiError> {
    let names = Names::of(db, &[&row.client]).await?;
    let accounts = row.bank_accounts;
    Ok(ClientDetail {
        summary: summary(&row.client, &row.counterparties, &names),
        notes: row.client.notes.clone(),
        counterparties: row.counterparties.into_iter().map(|c| Counterparty::with_accounts(c, &accounts)).collect(),
        contacts: row.contacts.into_iter().map(Into::into).collect(),
    })
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
    /// `name` (default), `-name`, `created_at`, `-created_at`, `updated_at`, `-updated_at`.
    #[param(value_type = Option<ClientSort>)]
    pub sort: Option<String>,
    /// 1..=200, default 50.
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// Client list orders (`-` = descending).
#[derive(Serialize, ToSchema)]
pub enum ClientSort {
    #[serde(rename = "name")] Name,
    #[serde(rename = "-name")] NameDesc,
    #[serde(rename = "created_at")] Created,
    #[serde(rename = "-created_at")] CreatedDesc,
    #[serde(rename = "updated_at")] Updated,
    #[serde(rename = "-updated_at")] UpdatedDesc,
}

#[utoipa::path(tag = "clients", params(ClientListQuery), responses(
    (status = 200, body = ClientPage),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "unknown `sort` or `relationship`"),
))]
#[get("/clients")]
pub async fn list_clients(state: web::Data<AppState>, actor: Actor, q: web::Query<ClientListQuery>) -> Result<web::Json<ClientPage>, ApiError> {
    actor.require(Permission::ClientsRead)?;
    let q = q.into_inner();
    let mut errors = FieldErrors::new();
    let sort = q.sort.as_deref().map_or(Some(repo::ClientSort::Name), repo::ClientSort::parse);
    if sort.is_none() {
        errors.add("sort", FieldError::new("invalid_value", "Допустимые значения: name, -name, created_at, -created_at, updated_at, -updated_at"));
    }
    if let Some(r) = &q.relationship {
        one_of(&mut errors, "relationship", r, RELATIONSHIPS);
    }
    errors.into_result()?;
    let filter = repo::ClientFilter {
        q: q.q.map(|s| s.trim().to_lowercase()),
        relationship: q.relationship,
        organization_id: q.organization_id,
        manager_id: q.manager_id,
        sort: sort.unwrap_or_default(),
    };
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let (rows, next_cursor) = repo::list_clients(&state.db, actor.scope, &filter, limit, q.cursor.as_deref()).await?;
    let cps = repo::counterparties_of(&state.db, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    let names = Names::of(&state.db, &rows.iter().collect::<Vec<_>>()).await?;
    Ok(web::Json(ClientPage { items: rows.iter().map(|c| summary(c, &cps, &names)).collect(), next_cursor }))
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path)), responses(
    (status = 200, body = ClientDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/clients/{id}")]
pub async fn get_client(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<web::Json<ClientDetail>, ApiError> {
    actor.require(Permission::ClientsRead)?;
    Ok(web::Json(detail(&state.db, repo::get_client(&state.db, actor.scope, *id).await?).await?))
}

#[derive(Deserialize, ToSchema, Default)]
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

#[derive(Deserialize, ToSchema)]
pub struct NewClient {
    pub name: String,
    pub public_name: Option<String>,
    #[schema(value_type = PersonKind)]
    pub person_kind: String,
    /// Default `client`.
    #[schema(value_type = Option<Relationship>)]
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


/// Validates a counterparty's requisites by its kind (seed 001 §2.2) into a row of `client_id`; errors are relative to it.
fn validate_counterparty(input: &CounterpartyInput, errors: &mut FieldErrors, client_id: Uuid, organization_id: Uuid, now: DateTime<Utc>) -> counterparty::Model {
    one_of(errors, "kind", &input.kind, COUNTERPARTY_KINDS);
    let name = errors.required("name", Some(&input.name), |s| domain::text(500, s));
    let inn = match input.kind.as_str() {
        "person" => errors.optional("inn", input.inn.as_deref(), Inn::parse),
        _ => errors.required("inn", input.inn.as_deref(), Inn::parse),
    };
    let wrong = |msg: &str| FieldError::new("invalid_value", msg);
    match (input.kind.as_str(), &inn) {
        ("legal_entity", Some(i)) if !i.is_legal_entity() => errors.add("inn", wrong("У юридического лица ИНН из 10 цифр")),
        ("sole_trader" | "person", Some(i)) if i.is_legal_entity() => errors.add("inn", wrong("У ИП и физического лица ИНН из 12 цифр")),
        _ => {}
    }
    let kpp = if input.kind == "legal_entity" {
        errors.required("kpp", input.kpp.as_deref(), Kpp::parse)
    } else {
        if input.kpp.as_deref().is_some_and(|k| !k.trim().is_empty()) {
            errors.add("kpp", FieldError::new("not_allowed", "КПП есть только у юридических лиц"));
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
    let legal_address = opt_text(errors, "legal_address", input.legal_address.as_deref(), 1000);
    let actual_address = opt_text(errors, "actual_address", input.actual_address.as_deref(), 1000);
    counterparty::Model {
        id: Uuid::now_v7(), client_id, organization_id, kind: input.kind.clone(), name: name.unwrap_or_default(),
        inn: inn.map(|v| v.as_str().to_owned()), kpp: kpp.map(|v| v.as_str().to_owned()),
        ogrn: ogrn.map(|v| v.as_str().to_owned()), okpo: okpo.map(|v| v.as_str().to_owned()), legal_address, actual_address,
        approved: false, approved_by: None, approved_at: None, created_at: now, updated_at: now, version: 1,
    }
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
    one_of(&mut errors, "person_kind", &b.person_kind, PERSON_KINDS);
    let relationship = b.relationship.unwrap_or_else(|| "client".into());
    one_of(&mut errors, "relationship", &relationship, RELATIONSHIPS);
    let segment = opt_text(&mut errors, "segment", b.segment.as_deref(), 100);
    let client_type = opt_text(&mut errors, "client_type", b.client_type.as_deref(), 100);
    let notes = opt_text(&mut errors, "notes", b.notes.as_deref(), 5000);
    let email = errors.optional("email", b.email.as_deref(), Email::parse);
    let phone = errors.optional("phone", b.phone.as_deref(), Phone::parse);
    let organization_id = b.organization_id.unwrap_or(actor.organization_id);
    let now = Utc::now();
    let id = Uuid::now_v7();
    let mut cp_errors = FieldErrors::new();
    let cps: Vec<_> = b.counterparty.iter().map(|cp| validate_counterparty(cp, &mut cp_errors, id, organization_id, now)).collect();
    errors.merge_prefixed("counterparty", cp_errors);
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
    let row = repo::insert_client(&state.db, actor.scope, model, cps, contacts, &actor.audit(&state.db).await?).await?;
    Ok(HttpResponse::Created().json(detail(&state.db, row).await?))
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
    #[schema(value_type = Vec<SimilarReason>)]
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
    let names = Names::of(&state.db, &found.iter().collect::<Vec<_>>()).await?;
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
            SimilarClient { client: summary(c, &cps, &names), reasons }
        })
        .collect();
    Ok(web::Json(SimilarList { items }))
}

// ---------- client edits and history ----------


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
        one_of(&mut errors, "person_kind", k, PERSON_KINDS);
    }
    if let Some(r) = &b.relationship {
        one_of(&mut errors, "relationship", r, RELATIONSHIPS);
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
    Ok(web::Json(detail(&state.db, row).await?))
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_name: String,
    #[schema(value_type = AuditAction)]
    pub action: String,
    /// client | counterparty | contact | bank_account
    pub entity_type: String,
    pub entity_id: Uuid,
    /// What changed, by field.
    pub changes: std::collections::BTreeMap<String, FieldChange>,
}

/// One field's value before and after (`null` when it was or became empty).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct FieldChange {
    pub old: serde_json::Value,
    pub new: serde_json::Value,
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
            changes: serde_json::from_str(&r.changes).unwrap_or_default(),
        })
        .collect();
    Ok(web::Json(AuditList { items }))
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

// ---------- bank accounts ----------

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

// ---------- counterparties after creation ----------

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "Client id")), request_body = CounterpartyInput, responses(
    (status = 201, body = Counterparty),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/clients/{id}/counterparties")]
pub async fn create_counterparty(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<CounterpartyInput>) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ClientsWrite)?;
    let mut errors = FieldErrors::new();
    // The owning organization is the client's; the repository sets it after finding the client in scope.
    let model = validate_counterparty(&body, &mut errors, *id, actor.organization_id, Utc::now());
    errors.into_result()?;
    let saved = repo::insert_counterparty(&state.db, actor.scope, model, &actor.audit(&state.db).await?).await?;
    Ok(HttpResponse::Created().json(Counterparty::from(saved)))
}

/// Fields left out stay as they are; `null` clears an optional one.
#[derive(Deserialize, ToSchema)]
pub struct CounterpartyPatch {
    pub version: i32,
    #[schema(value_type = Option<CounterpartyKind>)]
    pub kind: Option<String>,
    pub name: Option<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub inn: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub kpp: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub ogrn: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub okpo: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub legal_address: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub actual_address: Option<Option<String>>,
}

/// `patch` over `current`: the requisites are validated as a whole, since the rules tie them to the kind.
fn patched_counterparty(current: &counterparty::Model, p: CounterpartyPatch) -> CounterpartyInput {
    let pick = |patch: Option<Option<String>>, now: &Option<String>| patch.unwrap_or_else(|| now.clone());
    CounterpartyInput {
        kind: p.kind.unwrap_or_else(|| current.kind.clone()),
        name: p.name.unwrap_or_else(|| current.name.clone()),
        inn: pick(p.inn, &current.inn),
        kpp: pick(p.kpp, &current.kpp),
        ogrn: pick(p.ogrn, &current.ogrn),
        okpo: pick(p.okpo, &current.okpo),
        legal_address: pick(p.legal_address, &current.legal_address),
        actual_address: pick(p.actual_address, &current.actual_address),
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
pub async fn update_counterparty(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<CounterpartyPatch>) -> Result<web::Json<Counterparty>, ApiError> {
    actor.require(Permission::ClientsWrite)?;
    let current = repo::get_counterparty(&state.db, actor.scope, *id).await?;
    let b = body.into_inner();
    let version = b.version;
    let mut errors = FieldErrors::new();
    let next = validate_counterparty(&patched_counterparty(&current, b), &mut errors, current.client_id, current.organization_id, Utc::now());
    errors.into_result()?;
    let saved = repo::update_counterparty(&state.db, actor.scope, *id, version, &actor.audit(&state.db).await?, |c| {
        c.kind = next.kind;
        c.name = next.name;
        c.inn = next.inn;
        c.kpp = next.kpp;
        c.ogrn = next.ogrn;
        c.okpo = next.okpo;
        c.legal_address = next.legal_address;
        c.actual_address = next.actual_address;
    })
    .await?;
    let accounts = repo::get_client(&state.db, actor.scope, saved.client_id).await?.bank_accounts;
    Ok(web::Json(Counterparty::with_accounts(saved, &accounts)))
}

// ---------- contacts after creation ----------

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "Client id")), request_body = ContactInput, responses(
    (status = 201, body = Contact),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/clients/{id}/contacts")]
pub async fn create_contact(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<ContactInput>) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ClientsWrite)?;
    let mut errors = FieldErrors::new();
    let model = validate_contact(&body, &mut errors, *id, actor.organization_id, Utc::now());
    errors.into_result()?;
    let saved = repo::insert_contact(&state.db, actor.scope, model, &actor.audit(&state.db).await?).await?;
    Ok(HttpResponse::Created().json(Contact::from(saved)))
}

/// Fields left out stay as they are; `null` clears an optional one.
#[derive(Deserialize, ToSchema)]
pub struct ContactPatch {
    pub version: i32,
    pub first_name: Option<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub last_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub middle_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub position: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub mobile: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "Contact id")), request_body = ContactPatch, responses(
    (status = 200, body = Contact),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[patch("/contacts/{id}")]
pub async fn update_contact(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<ContactPatch>) -> Result<web::Json<Contact>, ApiError> {
    actor.require(Permission::ClientsWrite)?;
    let current = repo::find_contact(&state.db, actor.scope, *id).await?;
    let p = body.into_inner();
    let pick = |patch: Option<Option<String>>, now: &Option<String>| patch.unwrap_or_else(|| now.clone());
    let merged = ContactInput {
        first_name: p.first_name.unwrap_or_else(|| current.first_name.clone()),
        last_name: pick(p.last_name, &current.last_name),
        middle_name: pick(p.middle_name, &current.middle_name),
        position: pick(p.position, &current.position),
        phone: pick(p.phone, &current.phone),
        mobile: pick(p.mobile, &current.mobile),
        email: pick(p.email, &current.email),
    };
    let mut errors = FieldErrors::new();
    let next = validate_contact(&merged, &mut errors, current.client_id, current.organization_id, Utc::now());
    errors.into_result()?;
    let saved = repo::update_contact(&state.db, actor.scope, *id, p.version, &actor.audit(&state.db).await?, |c| {
        c.first_name = next.first_name;
        c.last_name = next.last_name;
        c.middle_name = next.middle_name;
        c.position = next.position;
        c.phone = next.phone;
        c.mobile = next.mobile;
        c.email = next.email;
    })
    .await?;
    Ok(web::Json(saved.into()))
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "Contact id")), responses(
    (status = 204, description = "Deleted"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[delete("/contacts/{id}")]
pub async fn delete_contact(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ClientsWrite)?;
    repo::delete_contact(&state.db, actor.scope, *id, &actor.audit(&state.db).await?).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "Bank account id")), responses(
    (status = 204, description = "Deleted"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[delete("/bank-accounts/{id}")]
pub async fn delete_bank_account(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ClientsWrite)?;
    repo::delete_bank_account(&state.db, actor.scope, *id, &actor.audit(&state.db).await?).await?;
    Ok(HttpResponse::NoContent().finish())
}
