//! What people and integrators ask of the sales area, already checked: the API turns a request
//! body into one of these (`TryFrom`), and the conversion is the validation. Checks that need the
//! stored data (does the responsible person exist?) are the use cases'.
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Channel;
use crate::clients::{Email, Phone};
use crate::pipelines::Loss;
use crate::{ClientId, CounterpartyId, Money, OrganizationId, PipelineId, UserId};

/// UTM marks of the ad a lead came through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Utm {
    pub source: Option<String>,
    pub medium: Option<String>,
    pub campaign: Option<String>,
    pub term: Option<String>,
    pub content: Option<String>,
}

/// `{item code: ticked}` for a card's checklist.
pub type ChecklistPatch = BTreeMap<String, bool>;

/// A request that came in: by phone, from the site, an ad, an integration.
#[derive(Debug, Clone)]
pub struct NewLead {
    pub pipeline_id: Option<PipelineId>,
    pub title: Option<String>,
    pub contact_name: Option<String>,
    pub company_name: Option<String>,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub message: Option<String>,
    pub channel: Channel,
    pub keywords: Option<String>,
    pub utm: Utm,
    pub call_tracking_number: Option<Phone>,
    pub responsible_id: Option<UserId>,
    pub expected_revenue: Option<Money>,
    pub organization_id: Option<OrganizationId>,
}

/// An edit of a lead: `None` leaves a field alone, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct LeadChanges {
    pub title: Option<String>,
    pub responsible_id: Option<Option<UserId>>,
    pub client_id: Option<Option<ClientId>>,
    pub contact_name: Option<Option<String>>,
    pub company_name: Option<Option<String>>,
    pub phone: Option<Option<Phone>>,
    pub email: Option<Option<Email>>,
    pub keywords: Option<Option<String>>,
    pub price_range: Option<Option<String>>,
    pub offer_details: Option<Option<String>>,
    pub agreed_individual_offer: Option<bool>,
    pub agreed_design: Option<bool>,
    pub expected_revenue: Option<Option<Money>>,
    pub checklist: Option<ChecklistPatch>,
}

/// A deal made by hand (not from a lead).
#[derive(Debug, Clone)]
pub struct NewDeal {
    pub pipeline_id: Option<PipelineId>,
    pub title: String,
    pub client_id: ClientId,
    pub counterparty_id: Option<CounterpartyId>,
    pub responsible_id: Option<UserId>,
    pub expected_revenue: Option<Money>,
    pub delivery_address: Option<String>,
    pub offer_details: Option<String>,
    pub channel: Channel,
}

/// A review score, 1..=10.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewScore(i32);

impl ReviewScore {
    pub fn parse(score: i32) -> Result<ReviewScore, crate::FieldError> {
        if (1..=10).contains(&score) {
            Ok(ReviewScore(score))
        } else {
            Err(crate::FieldError::new("out_of_range", "Оценка — от 1 до 10 баллов"))
        }
    }

    pub fn get(self) -> i32 {
        self.0
    }
}

/// An edit of a deal: `None` leaves a field alone, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct DealChanges {
    pub title: Option<String>,
    pub counterparty_id: Option<Option<CounterpartyId>>,
    pub responsible_id: Option<Option<UserId>>,
    pub expected_revenue: Option<Option<Money>>,
    pub delivery_address: Option<Option<String>>,
    pub offer_details: Option<Option<String>>,
    pub promised_payment_date: Option<Option<NaiveDate>>,
    pub review_score: Option<Option<ReviewScore>>,
    pub checklist: Option<ChecklistPatch>,
}

/// A person's move of a card, at the version they saw.
#[derive(Debug, Clone)]
pub struct MoveCard {
    pub version: i32,
    /// Stage code.
    pub to: String,
    /// Required when `to` is a lost stage.
    pub loss: Option<Loss>,
}

/// A lead becomes a deal.
#[derive(Debug, Clone, Default)]
pub struct ConvertLead {
    pub version: i32,
    pub deal_pipeline_id: Option<PipelineId>,
    pub title: Option<String>,
    pub expected_revenue: Option<Money>,
    /// An existing client of the lead's organization; default: the lead's, or a new prospect.
    pub client_id: Option<ClientId>,
    /// Where the tiles go: the new deal's, and so its delivery-cost request's.
    pub delivery_address: Option<String>,
}

/// The accountant's notice that the client paid («извещение от бухгалтера»).
#[derive(Debug, Clone)]
pub struct PaymentNotice {
    pub amount: Money,
    pub paid_on: NaiveDate,
    /// Payment order number.
    pub document: Option<String>,
    pub comment: Option<String>,
}

/// An admin's reopening of a closed card: back to the stage it was closed from, at the version
/// the admin saw, with the reason the card records.
#[derive(Debug, Clone)]
pub struct ReopenCard {
    pub version: i32,
    pub reason: String,
}
