//! Clients, counterparties, contacts and bank accounts as the client card, the list and the
//! editing forms' answers show them.
use crate::app::clients::clients::ClientNames;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use domain::clients::{CounterpartyKind, PersonKind, Relationship};
use persistence::entities::{bank_account, client, contact, counterparty};
use persistence::repo::clients::ClientRow;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct Counterparty {
    pub id: Uuid,
    pub client_id: Uuid,
    pub kind: CounterpartyKind,
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

/// A counterparty with those of `accounts` that are its own.
pub fn counterparty(c: counterparty::Model, accounts: &[bank_account::Model]) -> Result<Counterparty, AppError> {
    let bank_accounts = accounts.iter().filter(|a| a.counterparty_id == c.id).cloned().map(Into::into).collect();
    Ok(Counterparty {
        kind: c.kind()?,
        bank_accounts,
        id: c.id, client_id: c.client_id, name: c.name, inn: c.inn, kpp: c.kpp, ogrn: c.ogrn,
        okpo: c.okpo, legal_address: c.legal_address, actual_address: c.actual_address, approved: c.approved,
        approved_at: c.approved_at, version: c.version,
    })
}

#[derive(Serialize, ToSchema)]
pub struct ClientSummary {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub organization_name: String,
    pub name: String,
    pub public_name: Option<String>,
    pub person_kind: PersonKind,
    pub relationship: Relationship,
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

pub fn summary(c: &client::Model, cps: &[counterparty::Model], names: &ClientNames) -> Result<ClientSummary, AppError> {
    Ok(ClientSummary {
        organization_name: names.organizations.get(&c.organization_id()).cloned().unwrap_or_default(),
        manager_name: c.manager_id.and_then(|m| names.users.get(&m.into()).cloned()),
        id: c.id, organization_id: c.organization_id, name: c.name.clone(), public_name: c.public_name.clone(),
        person_kind: c.person_kind()?, relationship: c.relationship()?, segment: c.segment.clone(),
        client_type: c.client_type.clone(), email: c.email.clone(), phone: c.phone.clone(), manager_id: c.manager_id,
        inn: cps.iter().find(|cp| cp.client_id == c.id).and_then(|cp| cp.inn.clone()),
        created_at: c.created_at, updated_at: c.updated_at, version: c.version,
    })
}

#[derive(Serialize, ToSchema)]
pub struct ClientDetail {
    #[serde(flatten)]
    pub summary: ClientSummary,
    pub notes: Option<String>,
    pub counterparties: Vec<Counterparty>,
    pub contacts: Vec<Contact>,
}

pub fn detail(row: ClientRow, names: &ClientNames) -> Result<ClientDetail, AppError> {
    let accounts = row.bank_accounts;
    Ok(ClientDetail {
        summary: summary(&row.client, &row.counterparties, names)?,
        notes: row.client.notes.clone(),
        counterparties: row.counterparties.into_iter().map(|c| counterparty(c, &accounts)).collect::<Result<_, _>>()?,
        contacts: row.contacts.into_iter().map(Into::into).collect(),
    })
}
