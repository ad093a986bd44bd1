//! A card — a lead or a deal — in the one shape the pipeline engine works on: its state for the
//! engine ([`Card::state`]), the fields its guards look at ([`Card::filled`]), and a versioned
//! save. The stage events of its moves are written here too.
use crate::entities::{deal, lead, stage_event};
use crate::repo::*;
use domain::pipelines::{CardState, Fact, Loss, RequestKind, RequestStatus};
use domain::sales::{CardId, CardKind, CardStatus, Channel};
use domain::{OrganizationId, PipelineId};
use std::collections::{BTreeMap, BTreeSet};

/// A lead or a deal.
#[derive(Debug, Clone)]
pub enum Card {
    Lead(lead::Model),
    Deal(deal::Model),
}

fn json_set<T: serde::de::DeserializeOwned + Ord>(s: &str) -> Result<BTreeSet<T>, RepoError> {
    serde_json::from_str::<Vec<T>>(s).map(|v| v.into_iter().collect()).map_err(|e| RepoError::Corrupt(format!("card list {s:?}: {e}")))
}

fn json_list<T: serde::Serialize>(set: &BTreeSet<T>) -> String {
    serde_json::to_string(&set.iter().collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into())
}

macro_rules! both {
    ($card:expr, $c:ident => $e:expr) => {
        match $card {
            Card::Lead($c) => $e,
            Card::Deal($c) => $e,
        }
    };
}

impl lead::Model {
    pub fn status(&self) -> Result<CardStatus, RepoError> {
        named(&self.status)
    }

    pub fn channel(&self) -> Result<Channel, RepoError> {
        named(&self.channel)
    }
}

impl deal::Model {
    pub fn status(&self) -> Result<CardStatus, RepoError> {
        named(&self.status)
    }

    pub fn channel(&self) -> Result<Channel, RepoError> {
        named(&self.channel)
    }

    pub fn kind(&self) -> Result<domain::sales::DealKind, RepoError> {
        named(&self.kind)
    }

    pub fn currency(&self) -> Result<domain::Currency, RepoError> {
        named(&self.currency)
    }
}

impl Card {
    pub fn kind(&self) -> CardKind {
        match self {
            Card::Lead(_) => CardKind::Lead,
            Card::Deal(_) => CardKind::Deal,
        }
    }
    pub fn id(&self) -> CardId {
        match self {
            Card::Lead(l) => CardId::Lead(l.id.into()),
            Card::Deal(d) => CardId::Deal(d.id.into()),
        }
    }
    pub fn organization_id(&self) -> OrganizationId {
        both!(self, c => c.organization_id.into())
    }
    pub fn pipeline_id(&self) -> PipelineId {
        both!(self, c => c.pipeline_id.into())
    }
    pub fn number(&self) -> i64 {
        both!(self, c => c.number)
    }
    pub fn title(&self) -> &str {
        both!(self, c => &c.title)
    }
    pub fn stage(&self) -> &str {
        both!(self, c => &c.stage)
    }
    pub fn version(&self) -> i32 {
        both!(self, c => c.version)
    }
    pub fn status(&self) -> Result<CardStatus, RepoError> {
        both!(self, c => c.status())
    }
    pub fn responsible_id(&self) -> Option<domain::UserId> {
        both!(self, c => c.responsible_id.map(Into::into))
    }
    pub fn checklist(&self) -> Result<BTreeSet<String>, RepoError> {
        both!(self, c => json_set(&c.checklist))
    }
    pub fn facts(&self) -> Result<BTreeSet<Fact>, RepoError> {
        both!(self, c => json_set(&c.facts))
    }

    /// The card as the engine sees it; `requests` are the statuses of a deal's latest request of
    /// each kind (a lead has none).
    pub fn state(&self, requests: BTreeMap<RequestKind, RequestStatus>) -> Result<CardState, RepoError> {
        let (stage, entered_at) = both!(self, c => (c.stage.clone(), c.stage_entered_at));
        Ok(CardState { stage, entered_at, checklist: self.checklist()?, filled: self.filled(), requests, facts: self.facts()? })
    }

    /// Codes of the catalogue fields (`domain::pipelines::fields_for`) this card has filled.
    pub fn filled(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut put = |code: &str, filled: bool| {
            if filled {
                out.insert(code.to_owned());
            }
        };
        let text = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        match self {
            Card::Lead(l) => {
                put("responsible", l.responsible_id.is_some());
                put("client", l.client_id.is_some());
                put("contact", text(&l.phone) || text(&l.email));
                put("company_name", text(&l.company_name));
                put("price_range", text(&l.price_range));
                put("offer_details", text(&l.offer_details));
                put("agreed_individual_offer", l.agreed_individual_offer);
                put("agreed_design", l.agreed_design);
                put("expected_revenue", l.expected_revenue_minor.is_some_and(|m| m > 0));
            }
            Card::Deal(d) => {
                put("responsible", d.responsible_id.is_some());
                put("client", true);
                put("counterparty", d.counterparty_id.is_some());
                put("expected_revenue", d.expected_revenue_minor.is_some_and(|m| m > 0));
                put("delivery_address", text(&d.delivery_address));
                put("offer_details", text(&d.offer_details));
                put("promised_payment_date", d.promised_payment_date.is_some());
                put("review_score", d.review_score.is_some());
            }
        }
        out
    }

    /// Fills the lower-cased search column from what people search cards by. Only this module writes it.
    fn derive_search(&mut self) {
        match self {
            Card::Lead(l) => {
                l.search_text = [Some(&l.title), l.contact_name.as_ref(), l.company_name.as_ref(), l.phone.as_ref(), l.email.as_ref()]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            }
            Card::Deal(d) => d.search_text = d.title.to_lowercase(),
        }
    }

    /// Puts the engine's new state on the card; entering a won or lost stage closes it.
    pub fn set_state(&mut self, state: &CardState, status: CardStatus, now: chrono::DateTime<chrono::Utc>) {
        let checklist = json_list(&state.checklist);
        let facts = json_list(&state.facts);
        both!(self, c => {
            if c.status == CardStatus::Open.as_str() && status != CardStatus::Open {
                c.closed_at = Some(now);
            }
            c.stage = state.stage.clone();
            c.stage_entered_at = state.entered_at;
            c.status = status.as_str().to_owned();
            c.checklist = checklist;
            c.facts = facts;
        })
    }

    /// Replaces the ticked checklist items.
    pub fn set_checklist(&mut self, ticked: &BTreeSet<String>) {
        let json = json_list(ticked);
        both!(self, c => c.checklist = json);
    }

    /// Drops a recorded fact; true when the card had it.
    pub fn forget_fact(&mut self, fact: &Fact) -> Result<bool, RepoError> {
        let mut facts = self.facts()?;
        let had = facts.remove(fact);
        let json = json_list(&facts);
        both!(self, c => c.facts = json);
        Ok(had)
    }

    /// Opens a closed card again in `stage` (entered `now`): no longer closed, no longer lost.
    pub fn reopen(&mut self, stage: &str, now: chrono::DateTime<chrono::Utc>) {
        both!(self, c => {
            c.stage = stage.to_owned();
            c.stage_entered_at = now;
            c.status = CardStatus::Open.as_str().to_owned();
            c.closed_at = None;
            c.loss_reason = None;
            c.loss_objections = None;
            c.add_to_mailing = false;
        })
    }

    /// A lead that became a deal.
    pub fn converted(&self) -> bool {
        matches!(self, Card::Lead(l) if l.deal_id.is_some())
    }

    pub fn set_loss(&mut self, loss: &Loss) {
        both!(self, c => {
            c.loss_reason = Some(loss.reason().to_owned());
            c.loss_objections = loss.objections().map(str::to_owned);
            c.add_to_mailing = loss.add_to_mailing();
        })
    }
}

/// A card the caller can see.
pub async fn find(db: &impl ConnectionTrait, scope: AccessScope, id: CardId) -> Result<Card, RepoError> {
    Ok(match id {
        CardId::Lead(id) => Card::Lead(find_in_scope::<lead::Entity>(db, scope, id).await?),
        CardId::Deal(id) => Card::Deal(find_in_scope::<deal::Entity>(db, scope, id).await?),
    })
}

/// Inserts a new card (its search column derived here).
pub async fn insert(db: &impl ConnectionTrait, mut card: Card) -> Result<Card, RepoError> {
    card.derive_search();
    Ok(match card {
        Card::Lead(l) => Card::Lead(l.into_active_model().insert(db).await?),
        Card::Deal(d) => Card::Deal(d.into_active_model().insert(db).await?),
    })
}

/// Writes a changed card back under optimistic concurrency: it was read at its current version,
/// which is bumped (stamped `now`); a lost race is [`RepoError::VersionConflict`].
pub async fn save(tx: &crate::Tx, before: &Card, mut card: Card, now: chrono::DateTime<chrono::Utc>) -> Result<Card, RepoError> {
    card.derive_search();
    let expected = before.version();
    both!(&mut card, c => { c.version = expected + 1; c.updated_at = now; });
    match (before, &card) {
        (Card::Lead(b), Card::Lead(l)) => tx.update_versioned(changes_at_version::<_, lead::ActiveModel>(l.id, b, l)?).await?,
        (Card::Deal(b), Card::Deal(d)) => tx.update_versioned(changes_at_version::<_, deal::ActiveModel>(d.id, b, d)?).await?,
        _ => return Err(RepoError::Corrupt("a card saved over a card of another kind".into())),
    }
    Ok(card)
}

/// One entry of a card's stage history: where it went, from where, how long it stayed there,
/// and the fact that moved it (`from` is `None` when the card was created in `to`).
pub struct StageEntry<'a> {
    pub card: &'a Card,
    pub from: Option<&'a str>,
    pub to: &'a str,
    pub seconds_in_from: Option<i64>,
    pub by_fact: Option<&'a Fact>,
}

pub fn record_stage(tx: &crate::Tx, e: StageEntry<'_>, author: &Author, at: chrono::DateTime<chrono::Utc>) {
    let row = stage_event::Model {
        id: Uuid::now_v7(), organization_id: e.card.organization_id().into(), subject_type: e.card.kind().as_str().into(),
        subject_id: e.card.id().uuid(), pipeline_id: e.card.pipeline_id().into(), from_stage: e.from.map(str::to_owned),
        to_stage: e.to.to_owned(), seconds_in_from: e.seconds_in_from, by_fact: e.by_fact.map(|f| f.as_str().to_owned()),
        actor_user_id: author.user_uuid(), actor_name: author.name.clone(), at,
    };
    tx.append(row.into_active_model());
}

/// The stage a card was in before its latest move (none for a card never moved).
pub async fn stage_before(db: &impl ConnectionTrait, card: CardId) -> Result<Option<String>, RepoError> {
    use sea_orm::{QueryOrder, QuerySelect};
    let rows = stage_event::Entity::find()
        .filter(stage_event::Column::SubjectId.eq(card.uuid()))
        .order_by_desc(stage_event::Column::At)
        .order_by_desc(stage_event::Column::Id)
        .limit(1)
        .all(db)
        .await?;
    Ok(rows.into_iter().next().and_then(|e| e.from_stage))
}
