//! Payments entered by hand (bank or cash, in or out), allocated to invoices; what is not
//! allocated stays the counterparty's advance and is offered for its next invoice. An incoming
//! payment with money left over waits in the unmatched queue with ranked suggestions.
use std::collections::{BTreeSet, HashMap};

use super::standing::{self, InvoiceMoney};
use super::{minor, progress, rub};
use crate::AppState;
use crate::app::Write;
use crate::auth::Credentials;
use crate::error::AppError;
use chrono::NaiveDate;
use domain::finance::allocation::{AllocationRequest, InvoiceStanding, check_allocations, check_refund};
use domain::finance::matching::{Candidate, Matching, PaymentFacts, invoice_refs, match_payment};
use domain::{ClientId, DealId, DocumentId, FieldError, FieldErrors, OrganizationId, Permission};
use persistence::AccessScope;
use persistence::entities::{payment, payment_allocation};
use persistence::repo::Page;
use persistence::repo::finance::{invoices, payments};
use rust_decimal::Decimal;
use uuid::Uuid;

/// `incoming` | `outgoing`.
pub const INCOMING: &str = "incoming";
pub const OUTGOING: &str = "outgoing";

/// A payment as a person enters it.
#[derive(Debug, Clone)]
pub struct NewPayment {
    pub organization_id: Option<OrganizationId>,
    pub incoming: bool,
    pub cash: bool,
    pub number: String,
    pub paid_on: NaiveDate,
    pub amount: Decimal,
    pub client_id: Option<ClientId>,
    pub party_name: Option<String>,
    pub party_inn: Option<String>,
    pub party_account: Option<String>,
    pub party_bik: Option<String>,
    pub purpose: String,
    pub is_refund: bool,
    pub note: Option<String>,
    pub allocations: Vec<AllocationRequest>,
}

/// A payment with what it paid and what is left.
#[derive(Debug, Clone)]
pub struct PaymentRow {
    pub payment: payment::Model,
    pub allocated: Decimal,
    pub allocations: Vec<(payment_allocation::Model, String)>,
    /// The name of the client the payment came from (or went to).
    pub client_name: Option<String>,
}

impl PaymentRow {
    pub fn rest(&self) -> Decimal {
        (rub(self.payment.amount_minor) - self.allocated).max(rub(0))
    }
}

/// A payment, and for one with money left over, the invoices it may pay.
#[derive(Debug, Clone)]
pub struct PaymentDetail {
    pub row: PaymentRow,
    pub matching: Option<Matching>,
    /// The suggested invoices' numbers, outstanding and clients.
    pub invoices: Vec<InvoiceMoney>,
}

pub async fn list(ctx: &AppState, who: &Credentials, f: &payments::PaymentFilter, limit: u64, cursor: Option<&str>) -> Result<Page<PaymentRow>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::PaymentsRead)?;
    let page = payments::list(&ctx.db, actor.scope, f, limit, cursor).await?;
    let rows = with_allocations(&ctx.db, page.items).await?;
    Ok(Page { items: rows, next_cursor: page.next_cursor })
}

async fn with_allocations(db: &impl persistence::ConnectionTrait, items: Vec<payment::Model>) -> Result<Vec<PaymentRow>, AppError> {
    let ids: Vec<Uuid> = items.iter().map(|p| p.id).collect();
    let allocs = payments::allocations_of_payments(db, &ids).await?;
    let invoice_ids: Vec<Uuid> = allocs.iter().map(|a| a.invoice_id).collect::<BTreeSet<_>>().into_iter().collect();
    let numbers: HashMap<Uuid, String> = invoices::by_ids(db, &invoice_ids).await?.into_iter().map(|i| (i.doc.id, i.doc.number)).collect();
    let mut by_payment: HashMap<Uuid, Vec<(payment_allocation::Model, String)>> = HashMap::new();
    for a in allocs {
        let n = numbers.get(&a.invoice_id).cloned().unwrap_or_default();
        by_payment.entry(a.payment_id).or_default().push((a, n));
    }
    let names = persistence::repo::clients::clients::names(db, items.iter().filter_map(|p| p.client_id).map(ClientId::from)).await?;
    Ok(items
        .into_iter()
        .map(|p| {
            let allocations = by_payment.remove(&p.id).unwrap_or_default();
            let allocated = rub(allocations.iter().map(|(a, _)| a.amount_minor).sum());
            let client_name = p.client_id.and_then(|c| names.get(&ClientId::from(c)).cloned());
            PaymentRow { payment: p, allocated, allocations, client_name }
        })
        .collect())
}

pub async fn get(ctx: &AppState, who: &Credentials, id: Uuid) -> Result<PaymentDetail, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::PaymentsRead)?;
    let p = payments::get(&ctx.db, actor.scope, id).await?;
    let row = with_allocations(&ctx.db, vec![p]).await?.pop().ok_or(AppError::NotFound)?;
    let today = ctx.today().0;
    if row.payment.direction != INCOMING || row.payment.is_refund || row.rest() <= Decimal::ZERO {
        return Ok(PaymentDetail { row, matching: None, invoices: vec![] });
    }
    let (matching, invoices) = suggest(&ctx.db, &row, today).await?;
    Ok(PaymentDetail { row, matching: Some(matching), invoices })
}

/// The open invoices a payment's rest may pay: by the numbers in its purpose and its payer's INN,
/// ranked by the domain's reasons.
async fn suggest(db: &impl persistence::ConnectionTrait, row: &PaymentRow, today: NaiveDate) -> Result<(Matching, Vec<InvoiceMoney>), AppError> {
    let p = &row.payment;
    let numbers: Vec<String> = invoice_refs(&p.purpose).into_iter().map(|r| r.number).collect();
    // The payer's INN, and when the payment's client is known, its legal entities' INNs too (a
    // payment entered by hand for a client often has no INN of its own).
    let client_inns: Vec<String> = match p.client_id {
        Some(c) => persistence::repo::clients::counterparties::of_clients(db, &[ClientId::from(c)]).await?.into_iter().filter_map(|cp| cp.inn).collect(),
        None => vec![],
    };
    let inns: Vec<String> = p.party_inn.iter().cloned().chain(client_inns.iter().cloned()).collect::<BTreeSet<_>>().into_iter().collect();
    let found = invoices::candidates(db, p.organization_id, &numbers, &inns).await?;
    let money = standing::of(db, found, today, false).await?;
    let candidates: Vec<Candidate> = money.iter().filter(|m| m.outstanding > Decimal::ZERO).map(candidate).collect();
    let payer_inn = p.party_inn.clone().or_else(|| (client_inns.len() == 1).then(|| client_inns[0].clone()));
    let facts = PaymentFacts { payer_inn, amount: row.rest(), date: p.paid_on, purpose: p.purpose.clone() };
    Ok((match_payment(&facts, &candidates), money))
}

pub(crate) fn candidate(m: &InvoiceMoney) -> Candidate {
    Candidate {
        id: DocumentId::from(m.doc.id),
        number: m.doc.number.clone(),
        date: m.doc.doc_date,
        buyer_inn: m.buyer_inn.clone(),
        outstanding: m.outstanding,
        due_now: m.due_now(),
    }
}

/// Puts money of a payment on invoices, checking it all at once; the invoices' deals are assessed
/// afterwards by the caller ([`progress::record`]). Returns the deals touched.
pub(crate) async fn allocate(w: &Write, p: &payment::Model, rest: Decimal, requests: &[AllocationRequest]) -> Result<BTreeSet<DealId>, AppError> {
    if requests.is_empty() {
        return Ok(BTreeSet::new());
    }
    let ids: Vec<Uuid> = requests.iter().map(|r| Uuid::from(r.invoice)).collect();
    let found = invoices::by_ids(&w.tx, &ids).await?;
    // Another organization's invoice is not there for this payment.
    let found: Vec<_> = found.into_iter().filter(|i| i.doc.organization_id == p.organization_id).collect();
    let money = standing::of(&w.tx, found, w.now.date_naive(), false).await?;
    let by_id: HashMap<Uuid, &InvoiceMoney> = money.iter().map(|m| (m.doc.id, m)).collect();
    check_allocations(rest, requests, &|id| {
        by_id.get(&Uuid::from(id)).map(|m| InvoiceStanding { outstanding: m.outstanding, cancelled: !m.is_open() })
    })?;
    let rows: Vec<payment_allocation::Model> = requests
        .iter()
        .map(|r| payment_allocation::Model {
            id: Uuid::now_v7(),
            payment_id: p.id,
            invoice_id: r.invoice.into(),
            amount_minor: minor(r.amount),
            created_by: w.actor.user_id.map(Uuid::from),
            created_at: w.now,
        })
        .collect();
    payments::insert_allocations(&w.tx, rows).await?;
    let deals = money.iter().filter_map(|m| m.doc.deal_id).map(DealId::from).collect();
    Ok(deals)
}

/// Records a payment entered by hand and what it pays.
pub async fn create(ctx: &AppState, who: &Credentials, n: NewPayment) -> Result<PaymentDetail, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::PaymentsRecord)?;
    let org = super::organization(&w.actor, n.organization_id)?;
    let mut errs = FieldErrors::new();
    if n.paid_on > w.now.date_naive() {
        errs.add("paid_on", FieldError::new("out_of_range", "Дата платежа не может быть в будущем"));
    }
    if !n.incoming && !n.allocations.is_empty() {
        errs.add("allocations", FieldError::new("not_allowed", "Списание не оплачивает счета покупателей"));
    }
    if n.incoming && n.is_refund {
        errs.add("is_refund", FieldError::new("not_allowed", "Возврат — это списание денег клиенту"));
    }
    let client = match n.client_id {
        Some(c) => match persistence::repo::clients::clients::get(&w.tx, w.actor.scope, c).await {
            Ok(c) => Some(c),
            Err(persistence::RepoError::NotFound) => {
                errs.add("client_id", FieldError::new("not_found", "Нет такого клиента"));
                None
            }
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let party_name = n.party_name.clone().filter(|s| !s.trim().is_empty()).or_else(|| client.as_ref().map(|c| c.name.clone()));
    if party_name.is_none() {
        errs.add("party_name", FieldError::new("required", "Укажите плательщика (получателя) или клиента"));
    }
    if n.is_refund {
        match &client {
            Some(c) => {
                let advance = advance_of(&w.tx, c.id).await?;
                if let Err(e) = check_refund(n.amount, advance) {
                    errs.merge_prefixed("", e);
                }
            }
            None => errs.add("client_id", FieldError::new("required", "Возврат делается клиенту: выберите клиента")),
        }
    }
    errs.into_result()?;
    let p = payment::Model {
        id: Uuid::now_v7(),
        organization_id: org.into(),
        direction: if n.incoming { INCOMING } else { OUTGOING }.to_owned(),
        method: if n.cash { "cash" } else { "bank" }.to_owned(),
        number: n.number,
        paid_on: n.paid_on,
        amount_minor: minor(n.amount),
        client_id: client.as_ref().map(|c| c.id),
        party_name: party_name.unwrap_or_default(),
        party_inn: n.party_inn,
        party_kpp: None,
        party_account: n.party_account,
        party_bik: n.party_bik,
        party_bank: None,
        own_account: None,
        purpose: n.purpose,
        statement_id: None,
        statement_line: None,
        fingerprint: None,
        is_refund: n.is_refund,
        note: n.note,
        created_by: w.actor.user_id.map(Uuid::from),
        created_at: w.now,
        version: 1,
    };
    let saved = payments::insert(&w.tx, p).await?;
    let deals = allocate(&w, &saved, n.amount, &n.allocations).await?;
    progress::settle(&w, &deals, "payment_allocated", serde_json::json!({"payment_id": saved.id, "number": saved.number, "amount": rub(saved.amount_minor).to_string()})).await?;
    w.commit().await?;
    get(ctx, who, saved.id).await
}

/// Puts more of a payment on invoices (the unmatched queue's one-click match is one invoice).
pub async fn add_allocations(ctx: &AppState, who: &Credentials, id: Uuid, version: i32, requests: Vec<AllocationRequest>) -> Result<PaymentDetail, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::PaymentsRecord)?;
    let p = payments::get(&w.tx, w.actor.scope, id).await?;
    if p.version != version {
        return Err(AppError::VersionConflict);
    }
    if p.direction != INCOMING || p.is_refund {
        return Err(AppError::field("allocations", FieldError::new("not_allowed", "Счета оплачивает только поступление")));
    }
    if requests.is_empty() {
        return Err(AppError::field("allocations", FieldError::new("required", "Укажите счёт и сумму")));
    }
    let allocated = payments::allocated_by_payment(&w.tx, &[p.id]).await?.get(&p.id).copied().unwrap_or(0);
    let rest = rub(p.amount_minor - allocated);
    let deals = allocate(&w, &p, rest, &requests).await?;
    // The version guards the rest against a second person allocating at the same time.
    let mut bumped = p.clone();
    if bumped.client_id.is_none() {
        bumped.client_id = first_client(&w, &requests).await?;
    }
    payments::save(&w.tx, bumped).await.map_err(AppError::from)?;
    progress::settle(&w, &deals, "payment_allocated", serde_json::json!({"payment_id": p.id, "number": p.number, "amount": rub(p.amount_minor).to_string()})).await?;
    w.commit().await?;
    get(ctx, who, id).await
}

async fn first_client(w: &Write, requests: &[AllocationRequest]) -> Result<Option<Uuid>, AppError> {
    let Some(first) = requests.first() else { return Ok(None) };
    Ok(invoices::by_ids(&w.tx, &[first.invoice.into()]).await?.into_iter().next().and_then(|i| i.doc.client_id))
}

/// Sets the client a payment came from (chosen, or created from the payer's requisites by the
/// clients' own use case before).
pub async fn set_client(ctx: &AppState, who: &Credentials, id: Uuid, version: i32, client: ClientId) -> Result<PaymentDetail, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::PaymentsRecord)?;
    let mut p = payments::get(&w.tx, w.actor.scope, id).await?;
    if p.version != version {
        return Err(AppError::VersionConflict);
    }
    let c = persistence::repo::clients::clients::get(&w.tx, w.actor.scope, client)
        .await
        .map_err(|_| AppError::field("client_id", FieldError::new("not_found", "Нет такого клиента")))?;
    p.client_id = Some(c.id);
    payments::save(&w.tx, p).await?;
    w.commit().await?;
    get(ctx, who, id).await
}

/// «Создать клиента из реквизитов плательщика»: the accountant turns a payment's unknown payer into
/// a client — the client with the payer as its counterparty, the payer's bank account on it, and
/// the client set on the payment, all in one transaction (nothing half-made on a refusal). The
/// client belongs to the payment's organization. Under `payments.record`: the accountant does not
/// otherwise write clients.
pub async fn client_from_payer(
    ctx: &AppState,
    who: &Credentials,
    id: Uuid,
    version: i32,
    mut client: domain::clients::commands::NewClient,
    account: Option<domain::clients::commands::NewBankAccount>,
) -> Result<PaymentDetail, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::PaymentsRecord)?;
    let mut p = payments::get(&w.tx, w.actor.scope, id).await?;
    if p.version != version {
        return Err(AppError::VersionConflict);
    }
    if p.client_id.is_some() {
        return Err(AppError::field("client", FieldError::new("already_set", "У платежа уже есть клиент")));
    }
    if account.is_some() && client.counterparty.is_none() {
        return Err(AppError::field("account", FieldError::new("needs_counterparty", "Счёт добавляется к юрлицу: заполните реквизиты плательщика")));
    }
    client.organization_id = Some(OrganizationId::from(p.organization_id));
    let client_id = crate::app::clients::clients::insert(&w, client).await.map_err(|e| e.prefixed("client"))?;
    if let Some(a) = account {
        let cp = persistence::repo::clients::counterparties::of_clients(&w.tx, &[client_id]).await?.into_iter().next().ok_or(AppError::NotFound)?;
        crate::app::clients::bank_accounts::insert(&w, &cp, a).await.map_err(|e| e.prefixed("account"))?;
    }
    p.client_id = Some(Uuid::from(client_id));
    payments::save(&w.tx, p).await?;
    w.commit().await?;
    get(ctx, who, id).await
}

/// A client's advance: money paid in and not yet put on an invoice, less refunds.
pub async fn advance_of(db: &impl persistence::ConnectionTrait, client: Uuid) -> Result<Decimal, AppError> {
    let (open, refunds) = payments::client_money(db, client).await?;
    let ids: Vec<Uuid> = open.iter().map(|p| p.id).collect();
    let allocated = payments::allocated_by_payment(db, &ids).await?;
    let unallocated: i64 = open.iter().map(|p| p.amount_minor - allocated.get(&p.id).copied().unwrap_or(0)).sum();
    let refunded: i64 = refunds.iter().map(|p| p.amount_minor).sum();
    Ok(domain::finance::allocation::advance_balance(rub(unallocated), rub(refunded)))
}

/// A payment noticed on a deal: from the deal's client, put on the deal's open invoices oldest
/// first; what they do not need stays the client's advance.
pub async fn on_deal(w: &Write, deal: &persistence::entities::deal::Model, notice: domain::sales::commands::PaymentNotice) -> Result<payment::Model, AppError> {
    let amount = notice.amount.amount();
    let client = persistence::repo::clients::clients::get(&w.tx, AccessScope::All, deal.client_id.into()).await?;
    let p = payment::Model {
        id: Uuid::now_v7(),
        organization_id: deal.organization_id,
        direction: INCOMING.to_owned(),
        method: "bank".to_owned(),
        number: notice.document.clone().unwrap_or_default(),
        paid_on: notice.paid_on,
        amount_minor: minor(amount),
        client_id: Some(client.id),
        party_name: client.name.clone(),
        party_inn: None,
        party_kpp: None,
        party_account: None,
        party_bik: None,
        party_bank: None,
        own_account: None,
        purpose: format!("Оплата по сделке № {}", deal.number),
        statement_id: None,
        statement_line: None,
        fingerprint: None,
        is_refund: false,
        note: notice.comment.clone(),
        created_by: w.actor.user_id.map(Uuid::from),
        created_at: w.now,
        version: 1,
    };
    let saved = payments::insert(&w.tx, p).await?;
    let open: Vec<InvoiceMoney> = standing::of_deal(&w.tx, deal.id.into(), w.now.date_naive()).await?.into_iter().filter(|i| i.is_open() && i.outstanding > Decimal::ZERO).collect();
    let order: Vec<(DocumentId, Decimal)> = open.iter().map(|i| (DocumentId::from(i.doc.id), i.outstanding)).collect();
    let (puts, _advance) = domain::finance::allocation::auto_allocate(amount, &order);
    let requests: Vec<AllocationRequest> = puts.into_iter().map(|(invoice, amount)| AllocationRequest { invoice, amount }).collect();
    allocate(w, &saved, amount, &requests).await?;
    let data = serde_json::json!({
        "payment_id": saved.id, "amount": amount.to_string(), "paid_on": notice.paid_on, "document": notice.document, "comment": notice.comment,
    });
    let card = persistence::repo::sales::cards::Card::Deal(deal.clone());
    crate::app::journal::note(w, &card, "payment", notice.comment.clone(), data.clone());
    crate::app::journal::emit(w, &card, "payment_registered", data);
    progress::record(w, deal.id.into()).await?;
    Ok(saved)
}
