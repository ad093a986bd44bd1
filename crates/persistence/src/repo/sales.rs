//! Leads and deals: lists, creation (a new card starts in its pipeline's first stage and gets what
//! that stage opens), a lead's conversion into a deal, and what only a deal has (payment notices,
//! requests opened by hand).
use super::cards::{self, Card, CardActor, Pipeline, Subject};
use super::*;
use crate::entities::{deal, department_request, lead};
use domain::pipeline::{Command, Fact, RequestKind, StageKind};
use sea_orm::DatabaseTransaction;

/// What lead and deal lists and the board filter on.
#[derive(Debug, Clone, Default)]
pub struct CardFilter {
    pub pipeline_id: Option<Uuid>,
    pub stage: Option<String>,
    /// open | won | lost
    pub status: Option<String>,
    pub responsible_id: Option<Uuid>,
    pub channel: Option<String>,
    pub client_id: Option<Uuid>,
    /// Lower-cased; matches the title, the contact's name, company, phone or e-mail.
    pub q: Option<String>,
    pub created_from: Option<chrono::DateTime<chrono::Utc>>,
    pub created_before: Option<chrono::DateTime<chrono::Utc>>,
}

/// The filter as a condition on the `leads` or `deals` table (their columns share names).
pub(crate) fn card_condition<E: EntityTrait>(scope: AccessScope, f: &CardFilter) -> Result<Condition, RepoError> {
    let col = |name: &str| column::<E>(name);
    let mut c = scoped(scope, col("organization_id")?);
    if let Some(p) = f.pipeline_id {
        c = c.add(col("pipeline_id")?.eq(p));
    }
    if let Some(s) = &f.stage {
        c = c.add(col("stage")?.eq(s.as_str()));
    }
    if let Some(s) = &f.status {
        c = c.add(col("status")?.eq(s.as_str()));
    }
    if let Some(r) = f.responsible_id {
        c = c.add(col("responsible_id")?.eq(r));
    }
    if let Some(ch) = &f.channel {
        c = c.add(col("channel")?.eq(ch.as_str()));
    }
    if let Some(cl) = f.client_id {
        c = c.add(col("client_id")?.eq(cl));
    }
    if let Some(from) = f.created_from {
        c = c.add(col("created_at")?.gte(from));
    }
    if let Some(before) = f.created_before {
        c = c.add(col("created_at")?.lt(before));
    }
    if let Some(q) = f.q.as_deref().filter(|q| !q.is_empty()) {
        let mut any = Condition::any().add(col("search_text")?.contains(q));
        if let Ok(n) = q.trim_start_matches(['№', '#', ' ']).parse::<i64>() {
            any = any.add(col("number")?.eq(n));
        }
        c = c.add(any);
    }
    Ok(c)
}

/// Newest first, keyset-paged on (created_at, id).
async fn page<E>(db: &DatabaseConnection, cond: Condition, limit: u64, cursor: Option<&str>) -> Result<(Vec<E::Model>, Option<String>), RepoError>
where
    E: EntityTrait,
    E::Model: HasCreated,
{
    let mut cond = cond;
    if let Some((at, id)) = cursor.and_then(decode_page_cursor) {
        let (created, idc) = (column::<E>("created_at")?, column::<E>("id")?);
        cond = cond.add(Condition::any().add(created.lt(at)).add(Condition::all().add(created.eq(at)).add(idc.lt(id))));
    }
    let mut rows = E::find()
        .filter(cond)
        .order_by_desc(column::<E>("created_at")?)
        .order_by_desc(column::<E>("id")?)
        .limit(limit + 1)
        .all(db)
        .await?;
    let next = next_page(&mut rows, limit, |r| encode_page_cursor(r.created(), r.key()));
    Ok((rows, next))
}

pub(crate) trait HasCreated {
    fn created(&self) -> chrono::DateTime<chrono::Utc>;
    fn key(&self) -> Uuid;
}
impl HasCreated for lead::Model {
    fn created(&self) -> chrono::DateTime<chrono::Utc> {
        self.created_at
    }
    fn key(&self) -> Uuid {
        self.id
    }
}
impl HasCreated for deal::Model {
    fn created(&self) -> chrono::DateTime<chrono::Utc> {
        self.created_at
    }
    fn key(&self) -> Uuid {
        self.id
    }
}

pub(crate) fn encode_page_cursor(at: chrono::DateTime<chrono::Utc>, id: Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{id}|{}", at.to_rfc3339()))
}

/// A malformed cursor is treated as "from the start".
pub(crate) fn decode_page_cursor(c: &str) -> Option<(chrono::DateTime<chrono::Utc>, Uuid)> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(c).ok()?;
    let s = String::from_utf8(raw).ok()?;
    let (id, at) = s.split_once('|')?;
    Some((chrono::DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&chrono::Utc), Uuid::parse_str(id).ok()?))
}

// ---------- leads ----------

pub async fn list_leads(db: &DatabaseConnection, scope: AccessScope, f: &CardFilter, limit: u64, cursor: Option<&str>) -> Result<(Vec<lead::Model>, Option<String>), RepoError> {
    page::<lead::Entity>(db, card_condition::<lead::Entity>(scope, f)?, limit, cursor).await
}

pub async fn get_lead(db: &impl ConnectionTrait, scope: AccessScope, id: Uuid) -> Result<lead::Model, RepoError> {
    find_in_scope::<lead::Entity>(db, scope, id).await
}

/// The client a lead comes from, recognised by phone or e-mail among the caller's clients and
/// their contact persons (seed 001 §2.1).
pub async fn recognise_client(db: &impl ConnectionTrait, scope: AccessScope, phone: Option<&str>, email: Option<&str>) -> Result<Option<client::Model>, RepoError> {
    if phone.is_none() && email.is_none() {
        return Ok(None);
    }
    let mut direct = Condition::any();
    let mut via_contact = Condition::any();
    if let Some(p) = phone {
        direct = direct.add(client::Column::Phone.eq(p));
        via_contact = via_contact.add(contact::Column::Phone.eq(p)).add(contact::Column::Mobile.eq(p));
    }
    if let Some(e) = email {
        direct = direct.add(client::Column::Email.eq(e));
        via_contact = via_contact.add(contact::Column::Email.eq(e));
    }
    let found = client::Entity::find().filter(scoped(scope, client::Column::OrganizationId).add(direct)).order_by_asc(client::Column::CreatedAt).one(db).await?;
    if found.is_some() {
        return Ok(found);
    }
    let owner: Option<Uuid> = contact::Entity::find()
        .select_only()
        .column(contact::Column::ClientId)
        .filter(scoped(scope, contact::Column::OrganizationId).add(via_contact))
        .into_tuple()
        .one(db)
        .await?;
    match owner {
        Some(id) => Ok(client::Entity::find_by_id(id).one(db).await?),
        None => Ok(None),
    }
}

/// Inserts a lead (its `number`, `stage` and `status` are set here) in its pipeline's first stage.
pub async fn insert_lead(db: &DatabaseConnection, scope: AccessScope, lead: lead::Model, actor: &CardActor) -> Result<lead::Model, RepoError> {
    if !scope.allows(lead.organization_id) {
        return Err(RepoError::NotFound);
    }
    let txn = begin_write(db).await?;
    let pipeline = cards::load_pipeline(&txn, lead.pipeline_id).await?;
    let first = first_stage(&pipeline)?;
    let mut card = Card::Lead(lead::Model { number: cards::next_number(&txn, "lead").await?, stage: first, status: "open".into(), ..lead });
    card.derive_search();
    let Card::Lead(row) = card else { return Err(RepoError::NotFound) };
    let row = row
        .into_active_model()
        .insert(&txn)
        .await?;
    let card = cards::start(&txn, Card::Lead(row), &pipeline, actor).await?;
    txn.commit().await?;
    match card {
        Card::Lead(l) => Ok(l),
        Card::Deal(_) => Err(RepoError::NotFound),
    }
}

fn first_stage(p: &Pipeline) -> Result<String, RepoError> {
    p.def.first_stage().map(|s| s.code.clone()).ok_or_else(|| RepoError::Db(sea_orm::DbErr::Custom(format!("pipeline {} has no stages", p.row.code))))
}

/// What a lead becomes.
pub struct Conversion {
    pub deal_pipeline: Pipeline,
    pub title: String,
    pub expected_revenue_minor: Option<i64>,
    /// An existing client of the lead's organization; otherwise the lead's or a new prospect.
    pub client_id: Option<Uuid>,
}

/// Converts a lead into a deal (seed 000): the lead moves to its won stage through the engine —
/// so the conversion guard applies — and the deal starts in its pipeline's first stage, keeping
/// the lead's channel, keywords and UTM marks. A lead without a client gets a prospective one.
pub async fn convert_lead(
    db: &DatabaseConnection,
    scope: AccessScope,
    id: Uuid,
    expected_version: i32,
    conv: Conversion,
    actor: &CardActor,
) -> Result<(lead::Model, deal::Model), RepoError> {
    let txn = begin_write(db).await?;
    let lead = get_lead(&txn, scope, id).await?;
    let lead_pipeline = cards::load_pipeline(&txn, lead.pipeline_id).await?;
    let won = lead_pipeline
        .def
        .stages
        .iter()
        .find(|s| s.kind == StageKind::Won)
        .map(|s| s.code.clone())
        .ok_or_else(|| RepoError::Db(sea_orm::DbErr::Custom("lead pipeline without a won stage".into())))?;
    cards::run(&txn, scope, Subject::Lead, id, Some(expected_version), &Command::Move { to: won, loss: None }, actor).await?;
    let client_id = match conv.client_id.or(lead.client_id) {
        Some(c) => find_in_scope::<client::Entity>(&txn, AccessScope::Organization(lead.organization_id), c).await?.id,
        None => prospect_from(&txn, &lead, &actor.audit).await?,
    };
    let now = chrono::Utc::now();
    let first = first_stage(&conv.deal_pipeline)?;
    let deal = deal::Model {
        id: Uuid::now_v7(), organization_id: lead.organization_id, number: cards::next_number(&txn, "deal").await?,
        pipeline_id: conv.deal_pipeline.row.id, stage: first, stage_entered_at: now, status: "open".into(),
        search_text: conv.title.to_lowercase(), title: conv.title,
        kind: if conv.deal_pipeline.row.code == super::pipelines::TILE_SALE_FUNNEL { "tile_sale".into() } else { "other".into() },
        client_id, counterparty_id: None, responsible_id: lead.responsible_id.or(actor.audit.user_id),
        expected_revenue_minor: conv.expected_revenue_minor.or(lead.expected_revenue_minor), currency: "RUB".into(),
        delivery_address: None, offer_details: lead.offer_details.clone(), promised_payment_date: None, review_score: None,
        lead_id: Some(lead.id), channel: lead.channel.clone(), keywords: lead.keywords.clone(), utm_source: lead.utm_source.clone(),
        utm_medium: lead.utm_medium.clone(), utm_campaign: lead.utm_campaign.clone(), utm_term: lead.utm_term.clone(),
        utm_content: lead.utm_content.clone(), call_tracking_number: lead.call_tracking_number.clone(), checklist: "[]".into(),
        facts: "[]".into(), loss_reason: None, loss_objections: None, add_to_mailing: false, closed_at: None,
        created_by: actor.audit.user_id, created_at: now, updated_at: now, version: 1,
    }
    .into_active_model()
    .insert(&txn)
    .await?;
    cards::note(&txn, &Card::Deal(deal.clone()), "from_lead", None, serde_json::json!({"lead_id": lead.id, "lead_number": lead.number}), &actor.audit, now).await?;
    cards::start(&txn, Card::Deal(deal.clone()), &conv.deal_pipeline, actor).await?;
    lead::Entity::update_many()
        .col_expr(lead::Column::DealId, sea_orm::sea_query::Expr::value(deal.id))
        .col_expr(lead::Column::ClientId, sea_orm::sea_query::Expr::value(client_id))
        .filter(lead::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let lead = get_lead(&txn, scope, id).await?;
    let data = serde_json::json!({"deal_id": deal.id, "deal_number": deal.number, "client_id": client_id});
    cards::note(&txn, &Card::Lead(lead.clone()), "converted", None, data.clone(), &actor.audit, now).await?;
    cards::emit(&txn, &Card::Lead(lead.clone()), "converted", data).await?;
    txn.commit().await?;
    Ok((lead, deal))
}

/// A prospective client made from what a lead says about the person and the company.
async fn prospect_from(txn: &DatabaseTransaction, lead: &lead::Model, actor: &AuditActor) -> Result<Uuid, RepoError> {
    let now = chrono::Utc::now();
    let id = Uuid::now_v7();
    let name = lead
        .company_name
        .clone()
        .or_else(|| lead.contact_name.clone())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| lead.title.clone());
    let person_kind = if lead.company_name.as_deref().is_some_and(|n| !n.trim().is_empty()) { "legal" } else { "person" };
    let contacts = lead
        .contact_name
        .as_ref()
        .filter(|n| !n.trim().is_empty())
        .map(|n| contact::Model {
            id: Uuid::now_v7(), client_id: id, organization_id: lead.organization_id, last_name: None, first_name: n.clone(), middle_name: None,
            position: None, phone: lead.phone.clone(), mobile: None, email: lead.email.clone(), created_at: now, updated_at: now, version: 1,
        })
        .into_iter()
        .collect();
    let client = client::Model {
        id, organization_id: lead.organization_id, name, public_name: None, name_norm: String::new(), sort_name: String::new(),
        search_text: String::new(), person_kind: person_kind.into(), relationship: "prospect".into(), segment: None, client_type: None,
        email: lead.email.clone(), phone: lead.phone.clone(), manager_id: lead.responsible_id, notes: lead.message.clone(),
        created_by: actor.user_id, created_at: now, updated_at: now, version: 1,
    };
    Ok(super::clients::insert_client_in(txn, client, vec![], contacts, actor).await?.client.id)
}

// ---------- deals ----------

pub async fn list_deals(db: &DatabaseConnection, scope: AccessScope, f: &CardFilter, limit: u64, cursor: Option<&str>) -> Result<(Vec<deal::Model>, Option<String>), RepoError> {
    page::<deal::Entity>(db, card_condition::<deal::Entity>(scope, f)?, limit, cursor).await
}

pub async fn get_deal(db: &impl ConnectionTrait, scope: AccessScope, id: Uuid) -> Result<deal::Model, RepoError> {
    find_in_scope::<deal::Entity>(db, scope, id).await
}

/// Checks that a deal's client and counterparty are of the deal's organization and belong together.
async fn check_parties(db: &impl ConnectionTrait, organization_id: Uuid, client_id: Uuid, counterparty_id: Option<Uuid>) -> Result<(), RepoError> {
    let mut errors = domain::FieldErrors::new();
    let client = client::Entity::find_by_id(client_id).one(db).await?;
    if client.as_ref().is_none_or(|c| c.organization_id != organization_id) {
        errors.add("client_id", domain::FieldError::new("not_found", "Клиент не найден"));
    }
    if let Some(cp) = counterparty_id {
        let cp = counterparty::Entity::find_by_id(cp).one(db).await?;
        if cp.is_none_or(|c| c.client_id != client_id) {
            errors.add("counterparty_id", domain::FieldError::new("not_found", "У клиента нет такого контрагента"));
        }
    }
    errors.into_result().map_err(RepoError::Invalid)
}

/// Inserts a deal (its `number`, `stage` and `status` are set here) in its pipeline's first stage.
pub async fn insert_deal(db: &DatabaseConnection, scope: AccessScope, deal: deal::Model, actor: &CardActor) -> Result<deal::Model, RepoError> {
    if !scope.allows(deal.organization_id) {
        return Err(RepoError::NotFound);
    }
    let txn = begin_write(db).await?;
    check_parties(&txn, deal.organization_id, deal.client_id, deal.counterparty_id).await?;
    let pipeline = cards::load_pipeline(&txn, deal.pipeline_id).await?;
    let first = first_stage(&pipeline)?;
    let mut card = Card::Deal(deal::Model { number: cards::next_number(&txn, "deal").await?, stage: first, status: "open".into(), ..deal });
    card.derive_search();
    let Card::Deal(row) = card else { return Err(RepoError::NotFound) };
    let row = row
        .into_active_model()
        .insert(&txn)
        .await?;
    let card = cards::start(&txn, Card::Deal(row), &pipeline, actor).await?;
    txn.commit().await?;
    match card {
        Card::Deal(d) => Ok(d),
        Card::Lead(_) => Err(RepoError::NotFound),
    }
}

/// Checks a counterparty chosen on an edit belongs to the deal's client.
pub async fn check_counterparty(db: &impl ConnectionTrait, deal: &deal::Model, counterparty_id: Uuid) -> Result<(), RepoError> {
    check_parties(db, deal.organization_id, deal.client_id, Some(counterparty_id)).await
}

/// What the accountant says about a payment («извещение от бухгалтера»).
pub struct PaymentNotice {
    pub amount_minor: i64,
    pub paid_on: chrono::NaiveDate,
    pub document: Option<String>,
    pub comment: Option<String>,
}

/// Records a client's payment on a deal: the fact `payment_received` moves the deal to "payment
/// received" when it is waiting for it (or later, when it gets there).
pub async fn register_payment(db: &DatabaseConnection, scope: AccessScope, id: Uuid, notice: PaymentNotice, actor: &CardActor) -> Result<Card, RepoError> {
    let txn = begin_write(db).await?;
    let deal = get_deal(&txn, scope, id).await?;
    let now = chrono::Utc::now();
    let data = serde_json::json!({
        "amount": domain::Money::from_minor(notice.amount_minor).amount().to_string(), "paid_on": notice.paid_on,
        "document": notice.document, "comment": notice.comment,
    });
    let card = Card::Deal(deal);
    cards::note(&txn, &card, "payment", notice.comment.clone(), data.clone(), &actor.audit, now).await?;
    cards::emit(&txn, &card, "payment_registered", data).await?;
    let card = cards::record_fact(&txn, Subject::Deal, id, Fact::payment_received(), actor).await?;
    txn.commit().await?;
    Ok(card)
}

/// Opens a request of `kind` on an open deal by hand (or returns the one already open).
pub async fn open_deal_request(
    db: &DatabaseConnection,
    scope: AccessScope,
    id: Uuid,
    kind: RequestKind,
    details: Option<String>,
    delivery_address: Option<String>,
    actor: &AuditActor,
) -> Result<department_request::Model, RepoError> {
    let txn = begin_write(db).await?;
    let deal = get_deal(&txn, scope, id).await?;
    if deal.status != "open" {
        let mut f = domain::FieldErrors::new();
        f.add("deal", domain::FieldError::new("deal_closed", "Сделка закрыта"));
        return Err(RepoError::Invalid(f));
    }
    let address = delivery_address.or_else(|| deal.delivery_address.clone());
    let now = chrono::Utc::now();
    let r = cards::open_request(&txn, &deal, kind, details, address, actor, now).await?;
    // A new question: the earlier answer of its kind no longer moves the deal (as the engine does
    // for a request a stage opens).
    let mut card = Card::Deal(deal);
    if card.forget_fact(&Fact::request_completed(kind)) {
        let expected = card.version();
        card.save(&txn, expected, now).await?;
    }
    txn.commit().await?;
    Ok(r)
}

/// Every request of a deal, oldest first.
pub async fn deal_requests(db: &impl ConnectionTrait, deal_id: Uuid) -> Result<Vec<department_request::Model>, RepoError> {
    Ok(department_request::Entity::find()
        .filter(department_request::Column::DealId.eq(deal_id))
        .order_by_asc(department_request::Column::CreatedAt)
        .order_by_asc(department_request::Column::Id)
        .all(db)
        .await?)
}

/// Moves a card by hand (a person's drag on the board, or "next stage" on the card): `to` a stage,
/// with the `loss` a lost stage needs.
pub async fn move_card(
    db: &DatabaseConnection,
    scope: AccessScope,
    (subject, id): (Subject, Uuid),
    expected_version: i32,
    to: String,
    loss: Option<domain::pipeline::Loss>,
    actor: &CardActor,
) -> Result<Card, RepoError> {
    let txn = begin_write(db).await?;
    let card = cards::run(&txn, scope, subject, id, Some(expected_version), &Command::Move { to, loss }, actor).await?;
    txn.commit().await?;
    Ok(card)
}
