//! The bank statement import (1CClientBankExchange), in two steps: a preview says what each line
//! is (new, already imported, broken), which invoice it will pay and why; the commit imports the
//! new lines in one transaction. Only a payment whose purpose names an open invoice's number and
//! whose payer has that invoice's buyer's INN is put on the invoice by itself; the rest waits in
//! the unmatched queue. A line is recognised by its key, so a file loaded twice — or two files
//! whose periods overlap — add nothing the second time. Nothing half-imports: a file with broken
//! lines imports its good lines only when the accountant says so.
use std::collections::{BTreeSet, HashMap};

use super::standing::{self, InvoiceMoney};
use super::{minor, payments as pay};
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use chrono::NaiveDate;
use domain::finance::allocation::AllocationRequest;
use domain::finance::matching::{Candidate, Matching, PaymentFacts, Reason, Unmatched, invoice_refs, match_payment};
use domain::finance::statement::{Direction, LineProblem, Statement, StatementDocument, parse_statement};
use domain::{DealId, DocumentId, FieldError, OrganizationId, Permission};
use persistence::entities::{payment, payment_allocation, statement};
use persistence::repo::documents::requisites;
use persistence::repo::finance::{invoices, payments, statements};
use rust_decimal::Decimal;
use uuid::Uuid;

/// Where an uploaded statement waits between the preview and the commit.
pub fn file_key(org: OrganizationId, hash: &str) -> String {
    format!("statements/{}/{hash}.txt", Uuid::from(org))
}

/// What one line of the statement will be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineState {
    New,
    /// Its key is known: imported before (by this file or an overlapping one).
    Duplicate,
}

/// A document of the statement and what the import does with it.
#[derive(Debug, Clone)]
pub struct PreviewLine {
    pub doc: StatementDocument,
    pub state: LineState,
    /// For a new incoming payment: the invoice it pays by itself, or why not with suggestions.
    pub matching: Option<Matching>,
    /// The client the payer (payee) is, by INN.
    pub client_id: Option<Uuid>,
    /// What an automatically matched payment brings beyond what its invoice lacks: it stays the
    /// client's advance.
    pub to_advance: Option<Decimal>,
}

#[derive(Debug, Clone)]
pub struct Preview {
    pub organization_id: OrganizationId,
    pub hash: String,
    pub statement: Statement,
    pub lines: Vec<PreviewLine>,
    /// The file was imported before (same bytes).
    pub imported_before: Option<statement::Model>,
    /// Numbers of the invoices named by the matching, by id.
    pub invoices: HashMap<Uuid, InvoiceMoney>,
}

impl Preview {
    pub fn problems(&self) -> &[LineProblem] {
        &self.statement.problems
    }
    pub fn count(&self, state: LineState) -> usize {
        self.lines.iter().filter(|l| l.state == state).count()
    }
    pub fn matched(&self) -> usize {
        self.lines.iter().filter(|l| matches!(l.matching, Some(Matching::Auto { .. }))).count()
    }
}

/// What a commit did.
#[derive(Debug, Clone)]
pub struct Imported {
    pub statement: Option<statement::Model>,
    pub imported: usize,
    pub duplicates: usize,
    pub broken: usize,
    pub matched: usize,
    pub unmatched: usize,
}

fn hash_of(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads the file and works out what importing it would do; nothing is written but the file
/// itself, kept for the commit.
pub async fn preview(ctx: &AppState, who: &Credentials, org: Option<OrganizationId>, bytes: Vec<u8>) -> Result<Preview, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::PaymentsRecord)?;
    let org = super::organization(&actor, org)?;
    let p = analyse(&ctx.db, org, &bytes, ctx.today().0, Suggest::Yes).await?;
    ctx.files.put(&file_key(org, &p.hash), &bytes).await.map_err(|e| AppError::Internal(e.into()))?;
    Ok(p)
}

/// Whether the analysis ranks suggestions for the lines it cannot match (the preview shows them),
/// or only finds the automatic matches (the commit imports those alone; an automatic match needs
/// an invoice named by its number, so the payers' other invoices are not read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suggest {
    Yes,
    No,
}

async fn analyse(db: &impl persistence::ConnectionTrait, org: OrganizationId, bytes: &[u8], today: NaiveDate, suggest: Suggest) -> Result<Preview, AppError> {
    let started = std::time::Instant::now();
    let own: Vec<String> = requisites::get(db, org.into()).await?.and_then(|r| r.bank_account).into_iter().collect();
    let hash = hash_of(bytes);
    let statement = parse_statement(bytes, &own, today).map_err(|e| AppError::field("file", FieldError::new(e.code(), e.to_string())))?;
    let parsed = started.elapsed();
    let keys: Vec<String> = statement.documents.iter().map(|d| d.key.fingerprint()).collect();
    let known = payments::existing_fingerprints(db, org.into(), &keys).await?;
    let imported_before = statements::by_hash(db, org.into(), &hash).await?;
    let looked_up = started.elapsed();
    // Candidates: the open invoices named in the new incoming payments' purposes. An automatic
    // match needs one of those, so a first pass over them settles every automatic match.
    let new_incoming: Vec<&StatementDocument> =
        statement.documents.iter().zip(&keys).filter(|(d, k)| d.direction == Direction::Incoming && !known.contains(*k)).map(|(d, _)| d).collect();
    let numbers: Vec<String> = new_incoming.iter().flat_map(|d| invoice_refs(&d.purpose)).map(|r| r.number).collect::<BTreeSet<_>>().into_iter().collect();
    let all_inns: Vec<String> = statement.documents.iter().filter_map(|d| d.counterparty.inn.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let clients = payments::clients_by_inn(db, org.into(), &all_inns).await?;
    let found = invoices::candidates(db, org.into(), &numbers, &[]).await?;
    let mut money = standing::of(db, found, today, false).await?;
    let mut lines = match_lines(&statement, &keys, &known, &money, &clients);
    // The preview also suggests invoices for the lines left unmatched: their payers' open invoices.
    if suggest == Suggest::Yes {
        let inns: Vec<String> = lines
            .iter()
            .filter(|l| matches!(l.matching, Some(Matching::Unmatched { .. })))
            .filter_map(|l| l.doc.counterparty.inn.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if !inns.is_empty() {
            let loaded: std::collections::HashSet<Uuid> = money.iter().map(|m| m.doc.id).collect();
            let more: Vec<_> = invoices::candidates(db, org.into(), &[], &inns).await?.into_iter().filter(|i| !loaded.contains(&i.doc.id)).collect();
            if !more.is_empty() {
                money.extend(standing::of(db, more, today, false).await?);
                // The automatic matches stay the same (they need a number); the suggestions grow.
                lines = match_lines(&statement, &keys, &known, &money, &clients);
            }
        }
    }
    let candidates_at = started.elapsed();
    let invoices = money.into_iter().map(|m| (m.doc.id, m)).collect();
    tracing::debug!(?parsed, ?looked_up, ?candidates_at, matched = ?started.elapsed(), lines = lines.len(), "statement analysed");
    Ok(Preview { organization_id: org, hash, statement, lines, imported_before, invoices })
}

/// What each document of the statement is and, for a new incoming payment, the invoice it pays
/// by itself or why not, among the candidate invoices `money`; in the file's order, an invoice's
/// outstanding lowered as earlier lines pay it.
fn match_lines(statement: &Statement, keys: &[String], known: &std::collections::HashSet<String>, money: &[InvoiceMoney], clients: &HashMap<String, Uuid>) -> Vec<PreviewLine> {
    // Each payment looks only at the invoices its number or payer points to.
    let mut by_number: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_inn: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in money.iter().enumerate() {
        by_number.entry(m.doc.number.as_str()).or_default().push(i);
        if let Some(inn) = m.buyer_inn.as_deref() {
            by_inn.entry(inn).or_default().push(i);
        }
    }
    let mut outstanding: Vec<Decimal> = money.iter().map(|m| m.outstanding).collect();
    let mut due_now: Vec<Decimal> = money.iter().map(|m| m.due_now()).collect();
    let mut lines = Vec::with_capacity(statement.documents.len());
    for (d, key) in statement.documents.iter().zip(keys) {
        let state = if known.contains(key) { LineState::Duplicate } else { LineState::New };
        let mut matching = None;
        let mut to_advance = None;
        if state == LineState::New && d.direction == Direction::Incoming {
            let mut idx: BTreeSet<usize> = invoice_refs(&d.purpose).iter().flat_map(|r| by_number.get(r.number.as_str()).cloned().unwrap_or_default()).collect();
            if let Some(inn) = d.counterparty.inn.as_deref() {
                idx.extend(by_inn.get(inn).cloned().unwrap_or_default());
            }
            let cands: Vec<(usize, Candidate)> = idx
                .into_iter()
                .filter(|i| outstanding[*i] > Decimal::ZERO)
                .map(|i| {
                    let mut c = pay::candidate(&money[i]);
                    c.outstanding = outstanding[i];
                    c.due_now = due_now[i];
                    (i, c)
                })
                .collect();
            let only: Vec<Candidate> = cands.iter().map(|(_, c)| c.clone()).collect();
            let facts = PaymentFacts { payer_inn: d.counterparty.inn.clone(), amount: d.amount, date: d.date, purpose: d.purpose.clone() };
            let m = match_payment(&facts, &only);
            if let Matching::Auto { invoice, .. } = &m
                && let Some((i, _)) = cands.iter().find(|(_, c)| c.id == *invoice)
            {
                let put = d.amount.min(outstanding[*i]);
                to_advance = (d.amount > put).then(|| d.amount - put);
                outstanding[*i] -= put;
                due_now[*i] = (due_now[*i] - put).max(Decimal::ZERO);
            }
            matching = Some(m);
        }
        lines.push(PreviewLine { doc: d.clone(), state, matching, to_advance, client_id: d.counterparty.inn.as_deref().and_then(|i| clients.get(i).copied()) });
    }
    lines
}

/// Imports the new lines of a previewed file: payments, the automatic allocations, the deals
/// moved. A file with broken lines is refused unless `import_valid` (then its good lines go in).
pub async fn commit(ctx: &AppState, who: &Credentials, org: Option<OrganizationId>, hash: &str, file_name: &str, import_valid: bool) -> Result<Imported, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::PaymentsRecord)?;
    let org = super::organization(&w.actor, org)?;
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::field("hash", FieldError::new("invalid_format", "Загрузите выписку заново: неизвестный файл")));
    }
    let bytes = ctx.files.get(&file_key(org, hash)).await.map_err(|_| AppError::field("hash", FieldError::new("not_found", "Загрузите выписку заново: файл не найден")))?;
    let today = w.now.date_naive();
    let p = analyse(&w.tx, org, &bytes, today, Suggest::No).await?;
    let broken = p.problems().iter().filter_map(|x| x.document_line.or(Some(x.line))).collect::<BTreeSet<_>>().len();
    if !p.problems().is_empty() && !import_valid {
        let lines: Vec<String> = p.problems().iter().take(5).map(|x| x.line.to_string()).collect();
        return Err(AppError::field(
            "import_valid",
            FieldError::new("required", format!("В выписке ошибки (строки {}): исправьте файл или подтвердите загрузку остальных строк", lines.join(", "))),
        ));
    }
    let new: Vec<&PreviewLine> = p.lines.iter().filter(|l| l.state == LineState::New).collect();
    let duplicates = p.lines.len() - new.len();
    if new.is_empty() {
        return Ok(Imported { statement: p.imported_before, imported: 0, duplicates, broken, matched: 0, unmatched: 0 });
    }
    let account = p.statement.accounts.first().map(|a| a.account.clone()).or_else(|| new.first().map(|l| l.doc.own_account.clone()));
    let st = statement::Model {
        id: Uuid::now_v7(),
        organization_id: org.into(),
        file_hash: p.hash.clone(),
        file_key: file_key(org, &p.hash),
        file_name: domain::text(255, file_name).unwrap_or_else(|_| "выписка.txt".to_owned()),
        account,
        period_from: p.statement.period.0,
        period_to: p.statement.period.1,
        documents: i32::try_from(p.lines.len()).unwrap_or(i32::MAX),
        imported: i32::try_from(new.len()).unwrap_or(i32::MAX),
        skipped: i32::try_from(duplicates).unwrap_or(i32::MAX),
        problems: i32::try_from(p.problems().len()).unwrap_or(i32::MAX),
        created_by: w.actor.user_id.map(Uuid::from),
        created_at: w.now,
    };
    // The same bytes imported meanwhile by someone else: the unique hash stops this one.
    let st = statements::insert(&w.tx, st).await.map_err(|e| match e {
        persistence::RepoError::Duplicate(_) => AppError::VersionConflict,
        e => e.into(),
    })?;
    let mut rows = Vec::with_capacity(new.len());
    let mut allocations = Vec::new();
    let mut deals: BTreeSet<DealId> = BTreeSet::new();
    let mut matched = 0;
    let mut unmatched = 0;
    for l in &new {
        let d = &l.doc;
        let id = Uuid::now_v7();
        rows.push(payment::Model {
            id,
            organization_id: org.into(),
            direction: if d.direction == Direction::Incoming { pay::INCOMING } else { pay::OUTGOING }.to_owned(),
            method: "bank".to_owned(),
            number: d.number.clone(),
            paid_on: d.booked_on.unwrap_or(d.date),
            amount_minor: minor(d.amount),
            client_id: l.client_id,
            party_name: d.counterparty.name.clone().unwrap_or_default(),
            party_inn: d.counterparty.inn.clone(),
            party_kpp: d.counterparty.kpp.clone(),
            party_account: d.counterparty.account.clone(),
            party_bik: d.counterparty.bik.clone(),
            party_bank: d.counterparty.bank_name.clone(),
            own_account: Some(d.own_account.clone()),
            purpose: d.purpose.clone(),
            statement_id: Some(st.id),
            statement_line: i32::try_from(d.line).ok(),
            fingerprint: Some(d.key.fingerprint()),
            is_refund: false,
            note: None,
            created_by: w.actor.user_id.map(Uuid::from),
            created_at: w.now,
            version: 1,
        });
        match &l.matching {
            Some(Matching::Auto { invoice, .. }) => {
                matched += 1;
                if let Some(m) = p.invoices.get(&Uuid::from(*invoice)) {
                    allocations.push((id, *invoice, d.amount));
                    if let Some(deal) = m.doc.deal_id {
                        deals.insert(deal.into());
                    }
                    if rows.last().is_some_and(|r| r.client_id.is_none())
                        && let Some(r) = rows.last_mut()
                    {
                        r.client_id = m.doc.client_id;
                    }
                }
            }
            Some(Matching::Unmatched { .. }) => unmatched += 1,
            None => {}
        }
    }
    let inserting = std::time::Instant::now();
    let bank: Vec<crate::app::production::bank::BankPayment> = rows
        .iter()
        .filter(|r| r.party_inn.is_some() && r.client_id.is_none())
        .map(|r| crate::app::production::bank::BankPayment {
            id: r.id,
            outgoing: r.direction == pay::OUTGOING,
            party_inn: r.party_inn.clone(),
            amount: Decimal::new(r.amount_minor, 2),
            paid_on: r.paid_on,
            number: r.number.clone(),
        })
        .collect();
    payments::insert_many(&w.tx, rows).await.map_err(|e| match e {
        persistence::RepoError::Duplicate(_) => AppError::VersionConflict,
        e => e.into(),
    })?;
    // The amounts put on invoices: what each still lacked, in the file's order.
    let mut left: HashMap<DocumentId, Decimal> = p.invoices.values().map(|m| (DocumentId::from(m.doc.id), m.outstanding)).collect();
    let mut alloc_rows = Vec::with_capacity(allocations.len());
    for (payment_id, invoice, amount) in allocations {
        let rest = left.entry(invoice).or_default();
        let put = amount.min(*rest);
        if put <= Decimal::ZERO {
            continue;
        }
        *rest -= put;
        let req = AllocationRequest { invoice, amount: put };
        alloc_rows.push(payment_allocation::Model {
            id: Uuid::now_v7(),
            payment_id,
            invoice_id: req.invoice.into(),
            amount_minor: minor(req.amount),
            created_by: w.actor.user_id.map(Uuid::from),
            created_at: w.now,
        });
    }
    payments::insert_allocations(&w.tx, alloc_rows).await?;
    // Payments to and from the productions: the settlements ledger with each (issue 12).
    crate::app::production::bank::record(&w, &bank).await?;
    tracing::debug!(inserted = ?inserting.elapsed(), "statement payments written");
    let queued = deals.len() > super::progress::INLINE_DEALS;
    if queued {
        // A bank's day of payments: the deals move a moment later, by the worker.
        let ids: Vec<Uuid> = deals.iter().map(|d| Uuid::from(*d)).collect();
        persistence::repo::finance::assessments::queue(&w.tx, &ids, w.now).await?;
    } else {
        super::progress::settle(&w, &deals, "payment_allocated", serde_json::json!({"statement_id": st.id, "file_name": st.file_name})).await?;
    }
    w.commit().await?;
    if queued {
        ctx.live.dispatch.notify_one();
    }
    if new.len() >= FRESH_STATISTICS_AFTER {
        // Thousands of payments at once leave the planner's picture of the table behind (on
        // PostgreSQL a re-import seconds later scanned the whole table per lookup: 2.3 s, not
        // 0.1 s). The import is done and committed; a failure here only costs speed.
        if let Err(e) = payments::refresh_statistics(&ctx.db).await {
            tracing::warn!(error = %e, "payments' statistics not refreshed after a large import");
        }
    }
    Ok(Imported { statement: Some(st), imported: new.len(), duplicates, broken, matched, unmatched })
}

/// How many new payments make an import refresh the database's statistics of them.
const FRESH_STATISTICS_AFTER: usize = 1_000;

/// The imported statements, newest first.
pub async fn list(ctx: &AppState, who: &Credentials) -> Result<Vec<statement::Model>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::PaymentsRead)?;
    Ok(statements::list(&ctx.db, actor.scope, 100).await?)
}

/// Words for an unmatched line (the web app shows them beside the line).
pub fn why_text(m: &Matching) -> Option<String> {
    match m {
        Matching::Auto { reasons, .. } => Some(reasons.iter().map(Reason::text).collect::<Vec<_>>().join("; ")),
        Matching::Unmatched { why, .. } => Some(Unmatched::text(why)),
    }
}

