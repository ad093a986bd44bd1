//! What people ask of the clients area, already checked (see `crate::sales::commands`).
use super::requisites::{AccountNumber, Bik, Email, Phone, text};
use super::{PersonKind, Relationship, Requisites};
use crate::error::{FieldError, FieldErrors};
use crate::{OrganizationId, UserId};

/// A contact person as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct ContactDraft<'a> {
    pub last_name: Option<&'a str>,
    pub first_name: &'a str,
    pub middle_name: Option<&'a str>,
    pub position: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub mobile: Option<&'a str>,
    pub email: Option<&'a str>,
}

/// A checked contact person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactDetails {
    pub last_name: Option<String>,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub position: Option<String>,
    pub phone: Option<Phone>,
    pub mobile: Option<Phone>,
    pub email: Option<Email>,
}

impl ContactDetails {
    /// Every problem at once, by field (`first_name`, `phone`, …).
    pub fn parse(d: &ContactDraft<'_>) -> Result<ContactDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        let first_name = errors.required("first_name", Some(d.first_name), |s| text(100, s));
        let last_name = errors.optional("last_name", d.last_name, |s| text(100, s));
        let middle_name = errors.optional("middle_name", d.middle_name, |s| text(100, s));
        let position = errors.optional("position", d.position, |s| text(200, s));
        let phone = errors.optional("phone", d.phone, Phone::parse);
        let mobile = errors.optional("mobile", d.mobile, Phone::parse);
        let email = errors.optional("email", d.email, Email::parse);
        errors.into_result()?;
        let first_name = first_name.ok_or_else(FieldErrors::new)?;
        Ok(ContactDetails { last_name, first_name, middle_name, position, phone, mobile, email })
    }
}

/// A new client, with its first counterparty and contact person.
#[derive(Debug, Clone)]
pub struct NewClient {
    pub name: String,
    pub public_name: Option<String>,
    pub person_kind: PersonKind,
    pub relationship: Relationship,
    pub segment: Option<String>,
    pub client_type: Option<String>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    /// Default: the caller.
    pub manager_id: Option<UserId>,
    /// Head office only: the owning organization (default: the caller's).
    pub organization_id: Option<OrganizationId>,
    pub notes: Option<String>,
    pub counterparty: Option<Requisites>,
    pub contact: Option<ContactDetails>,
}

/// An edit of a client: `None` leaves a field alone, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct ClientChanges {
    pub version: i32,
    pub name: Option<String>,
    pub person_kind: Option<PersonKind>,
    pub relationship: Option<Relationship>,
    pub public_name: Option<Option<String>>,
    pub segment: Option<Option<String>>,
    pub client_type: Option<Option<String>>,
    pub email: Option<Option<Email>>,
    pub phone: Option<Option<Phone>>,
    pub notes: Option<Option<String>>,
    pub manager_id: Option<Option<UserId>>,
}

/// A counterparty's bank account; the account number fits the BIK's control key.
#[derive(Debug, Clone)]
pub struct NewBankAccount {
    pub account_number: AccountNumber,
    pub bik: Bik,
    /// Only needed when the BIK is not in the directory.
    pub corr_account: Option<AccountNumber>,
    pub bank_name: Option<String>,
    pub city: Option<String>,
}

impl NewBankAccount {
    /// Checks the account against the BIK's control key; every problem at once.
    pub fn parse(account_number: &str, bik: &str, corr_account: Option<&str>, bank_name: Option<&str>, city: Option<&str>) -> Result<NewBankAccount, FieldErrors> {
        let mut errors = FieldErrors::new();
        let bik = errors.required("bik", Some(bik), Bik::parse);
        let account = errors.required("account_number", Some(account_number), AccountNumber::parse);
        if let (Some(bik), Some(account)) = (&bik, &account)
            && let Err(e) = account.check_key(bik)
        {
            errors.add("account_number", e);
        }
        let bank_name = errors.optional("bank_name", bank_name, |s| text(300, s));
        let corr_account = errors.optional("corr_account", corr_account, AccountNumber::parse);
        let city = city.map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned);
        errors.into_result()?;
        match (bik, account) {
            (Some(bik), Some(account_number)) => Ok(NewBankAccount { account_number, bik, corr_account, bank_name, city }),
            _ => Err(FieldErrors::new()),
        }
    }

    /// A BIK the directory does not know needs the bank's name and correspondent account typed in.
    pub fn unknown_bank_error() -> FieldError {
        FieldError::new("unknown_bik", "Банк с таким БИК не найден в справочнике")
    }
}
