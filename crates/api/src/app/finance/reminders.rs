//! The reminder scheduler (seed 001 §5.3, §7.1; seed 000 «напомнить заранее, за 1 день»). Each
//! rule, run every minute by every server process, computes its occurrences at the present
//! moment: (rule, subject, slot). Each occurrence is claimed by inserting its key; the process
//! whose insert succeeds creates the task in that same transaction, every other process — and
//! every later run, also after a restart — finds the key and does nothing.
use chrono::{DateTime, FixedOffset, Utc};
use domain::finance::reminders::{
    DEFERRED_PAYMENT_INTERVAL_DAYS, Occurrence, Rule, TaskKind, at_nine, awaiting_advance_task_text, day_before_slot, deal_subject,
    deferred_payment_task_text, every_n_days_slot, invoice_subject, overdue_slot, overdue_task_text, part_subject, promised_payment_task_text,
};
use domain::finance::closure::Shipped;
use domain::{DocumentId, Permission, Role};
use persistence::AccessScope;
use persistence::entities::{deal, reminder_occurrence, scheduler_run, task};
use persistence::repo::finance::{invoices, reminders, shipments};
use persistence::repo::sales::deals;
use persistence::repo::work::tasks;
use rust_decimal::Decimal;
use std::collections::HashMap;
use uuid::Uuid;

use super::standing;
use crate::AppState;
use crate::app::journal;
use crate::auth::Credentials;
use crate::error::AppError;

/// One occurrence due now, with what its task says.
#[derive(Debug, Clone)]
struct Due {
    occ: Occurrence,
    organization_id: Uuid,
    deal_id: Uuid,
    title: String,
}

/// How often the scheduler looks, in seconds (every second under the tests' clock).
pub const EVERY_SECONDS: u64 = 60;

/// Runs every rule once at `now`; the number of tasks this process created. The open invoices
/// are read once for all rules.
pub async fn tick(ctx: &AppState) -> Result<usize, AppError> {
    let now = ctx.now();
    let open = Open::load(ctx, now).await.map_err(|e| e.to_string());
    let mut created = 0;
    for rule in Rule::ALL {
        created += run_rule(ctx, *rule, now, &open).await?;
    }
    Ok(created)
}

async fn run_rule(ctx: &AppState, rule: Rule, now: DateTime<Utc>, open: &Result<Open, String>) -> Result<usize, AppError> {
    let run = scheduler_run::Model { id: Uuid::now_v7(), rule: rule.as_str().to_owned(), started_at: now, finished_at: None, created: 0, error: None };
    let run = reminders::start_run(&ctx.db, run).await?;
    let outcome = async {
        let open = open.as_ref().map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
        let due = occurrences(ctx, rule, now, open).await?;
        // A slot stays due after it fired (the overdue call of a part, until it is paid): one read
        // skips those, and only the rest take a write transaction each.
        let keys: Vec<String> = due.iter().map(|d| d.occ.key()).collect();
        let done = reminders::claimed(&ctx.db, &keys).await?;
        let mut created = 0;
        for (d, key) in due.iter().zip(&keys) {
            if !done.contains(key) && fire(ctx, d, run.id).await? {
                created += 1;
            }
        }
        Ok::<usize, AppError>(created)
    }
    .await;
    let (created, error) = match &outcome {
        Ok(n) => (*n, None),
        Err(e) => (0, Some(e.to_string())),
    };
    reminders::finish_run(&ctx.db, run.id, ctx.now(), i32::try_from(created).unwrap_or(i32::MAX), error).await?;
    reminders::prune_empty_runs(&ctx.db, now - chrono::Duration::days(1)).await?;
    outcome
}

/// Claims the occurrence and, when this process is the first, creates its task — one transaction.
async fn fire(ctx: &AppState, d: &Due, run: Uuid) -> Result<bool, AppError> {
    let w = ctx.system_write().await?;
    let key = d.occ.key();
    let claimed = reminders::claim(
        &w.tx,
        reminder_occurrence::Model {
            key: key.clone(),
            rule: d.occ.rule.as_str().to_owned(),
            subject: d.occ.subject.clone(),
            slot: d.occ.slot,
            organization_id: d.organization_id,
            deal_id: Some(d.deal_id),
            task_id: None,
            run_id: Some(run),
            created_at: w.now,
        },
    )
    .await?;
    if !claimed {
        return Ok(false);
    }
    let deal = deals::get(&w.tx, AccessScope::All, d.deal_id.into()).await?;
    let (assignee_id, assignee_role) = match deal.responsible_id {
        Some(u) => (Some(u), None),
        None => (None, Some(Role::Manager.as_str().to_owned())),
    };
    let kind = match d.occ.rule.task_kind() {
        TaskKind::Call => "call",
        TaskKind::Reminder => "task",
    };
    let t = task::Model {
        id: Uuid::now_v7(),
        organization_id: d.organization_id,
        subject_type: Some("deal".into()),
        subject_id: Some(d.deal_id),
        code: None,
        kind: kind.into(),
        title: d.title.clone(),
        description: Some(format!("Напоминание: {}", d.occ.rule.name_ru())),
        due_at: d.occ.slot,
        assignee_id,
        assignee_role,
        status: "open".into(),
        result: None,
        completed_at: None,
        completed_by: None,
        created_by: None,
        created_at: w.now,
        updated_at: w.now,
        version: 1,
    };
    let t = tasks::insert(&w.tx, t).await?;
    reminders::set_task(&w.tx, &key, t.id).await?;
    let card = persistence::repo::sales::cards::Card::Deal(deal);
    let data = serde_json::json!({"task_id": t.id, "title": t.title, "due_at": t.due_at, "rule": d.occ.rule.as_str()});
    journal::note(&w, &card, "reminder", None, data.clone());
    journal::emit_task(&w, &t, "task_created", Some(&card));
    w.commit().await?;
    Ok(true)
}

fn zone(minutes: i32) -> FixedOffset {
    FixedOffset::east_opt(minutes.saturating_mul(60)).unwrap_or_else(domain::finance::reminders::moscow)
}

/// What the rules look at, read once per tick: the organizations' zones and intervals, the open
/// invoices of deals with their money and shipping, and each invoice's last shipment day.
struct Open {
    orgs: HashMap<Uuid, (FixedOffset, i32)>,
    money: Vec<standing::InvoiceMoney>,
    last_shipped: HashMap<Uuid, chrono::NaiveDate>,
}

impl Open {
    async fn load(ctx: &AppState, now: DateTime<Utc>) -> Result<Open, AppError> {
        let orgs = persistence::repo::identity::list_organizations(&ctx.db, AccessScope::All)
            .await?
            .into_iter()
            .map(|o| (o.id, (zone(o.utc_offset_minutes), o.advance_reminder_days)))
            .collect();
        let open = invoices::open_in(&ctx.db, AccessScope::All, None).await?;
        let open: Vec<_> = open.into_iter().filter(|i| i.doc.deal_id.is_some()).collect();
        let money = standing::of(&ctx.db, open, now.date_naive(), true).await?;
        let ids: Vec<Uuid> = money.iter().filter(|m| m.outstanding > Decimal::ZERO).map(|m| m.doc.id).collect();
        let mut last_shipped = HashMap::new();
        for s in shipments::of_invoices(&ctx.db, &ids).await? {
            let e = last_shipped.entry(s.invoice_id).or_insert(s.shipped_on);
            *e = (*e).max(s.shipped_on);
        }
        Ok(Open { orgs, money, last_shipped })
    }
}

/// The occurrences of `rule` that are due at `now`.
async fn occurrences(ctx: &AppState, rule: Rule, now: DateTime<Utc>, open: &Open) -> Result<Vec<Due>, AppError> {
    let tz_of = |org: Uuid| open.orgs.get(&org).copied().unwrap_or((domain::finance::reminders::moscow(), 3));
    let mut out = Vec::new();
    if rule == Rule::PromisedPayment {
        for d in promised(ctx, now).await? {
            let (tz, _) = tz_of(d.organization_id);
            let Some(date) = d.promised_payment_date else { continue };
            if let Some(slot) = day_before_slot(date, now, tz) {
                out.push(Due {
                    occ: Occurrence { rule, subject: deal_subject(d.id.into()), slot },
                    organization_id: d.organization_id,
                    deal_id: d.id,
                    title: promised_payment_task_text(date),
                });
            }
        }
        return Ok(out);
    }
    let (money, last_shipped) = (&open.money, &open.last_shipped);
    for m in money.iter().filter(|m| m.outstanding > Decimal::ZERO) {
        let Some(deal_id) = m.doc.deal_id else { continue };
        let org = m.doc.organization_id;
        let (tz, advance_days) = tz_of(org);
        let invoice = DocumentId::from(m.doc.id);
        let mut push = |occ: Occurrence, title: String| out.push(Due { occ, organization_id: org, deal_id, title });
        match rule {
            Rule::OverdueInvoice => {
                for (i, p) in m.parts.iter().enumerate().filter(|(_, p)| p.outstanding > Decimal::ZERO) {
                    if let Some(slot) = overdue_slot(p.due_date, now, tz) {
                        push(Occurrence { rule, subject: part_subject(invoice, i + 1), slot }, overdue_task_text(&m.doc.number));
                    }
                }
            }
            Rule::AwaitingAdvance => {
                // Sent, nothing shipped, and the advance its schedule asks for not paid yet.
                if m.deferral || m.paid >= m.required_now || m.doc.sent_at.is_none() {
                    continue;
                }
                let anchor = m.doc.sent_at.unwrap_or(m.doc.created_at);
                let n = u32::try_from(advance_days).unwrap_or(domain::finance::reminders::DEFAULT_ADVANCE_INTERVAL_DAYS);
                if let Some(slot) = every_n_days_slot(anchor, n, now, tz) {
                    push(Occurrence { rule, subject: invoice_subject(invoice), slot }, awaiting_advance_task_text(&m.doc.number));
                }
            }
            Rule::DeferredPayment => {
                if m.shipped != Shipped::Fully {
                    continue;
                }
                let Some(day) = last_shipped.get(&m.doc.id) else { continue };
                if let Some(slot) = every_n_days_slot(at_nine(*day, tz), DEFERRED_PAYMENT_INTERVAL_DAYS, now, tz) {
                    push(Occurrence { rule, subject: invoice_subject(invoice), slot }, deferred_payment_task_text());
                }
            }
            Rule::PromisedPayment => {}
        }
    }
    Ok(out)
}

/// Open deals whose promised payment date is today or tomorrow (in any zone).
async fn promised(ctx: &AppState, now: DateTime<Utc>) -> Result<Vec<deal::Model>, AppError> {
    let from = now.date_naive() - chrono::Duration::days(1);
    let to = now.date_naive() + chrono::Duration::days(2);
    Ok(reminders::promised_between(&ctx.db, from, to).await?)
}

/// One rule on the admin's schedule screen.
#[derive(Debug, Clone)]
pub struct RuleSchedule {
    pub rule: Rule,
    pub last_run: Option<scheduler_run::Model>,
    pub next_run: DateTime<Utc>,
    /// The latest runs that created something (or failed), newest first.
    pub runs: Vec<(scheduler_run::Model, Vec<reminder_occurrence::Model>)>,
}

pub async fn schedule(ctx: &AppState, who: &Credentials) -> Result<Vec<RuleSchedule>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::RemindersManage)?;
    let mut out = Vec::new();
    for rule in Rule::ALL {
        let runs = reminders::runs(&ctx.db, rule.as_str(), 20).await?;
        let last_run = runs.first().cloned();
        let next_run = last_run.as_ref().map_or(ctx.now(), |r| r.started_at + chrono::Duration::seconds(EVERY_SECONDS as i64));
        let mut shown = Vec::new();
        for r in runs.into_iter().filter(|r| r.created > 0 || r.error.is_some()).take(10) {
            let created = reminders::of_run(&ctx.db, r.id).await?;
            shown.push((r, created));
        }
        out.push(RuleSchedule { rule: *rule, last_run, next_run, runs: shown });
    }
    Ok(out)
}

/// An organization's reminder settings: its time zone and how often a deal waiting for its
/// advance is recalled.
#[derive(Debug, Clone)]
pub struct Settings {
    pub organization_id: Uuid,
    pub organization_name: String,
    pub utc_offset: FixedOffset,
    pub advance_reminder_days: u32,
}

fn settings_of(o: persistence::entities::organization::Model) -> Settings {
    Settings {
        organization_id: o.id,
        utc_offset: zone(o.utc_offset_minutes),
        advance_reminder_days: u32::try_from(o.advance_reminder_days).unwrap_or(domain::finance::reminders::DEFAULT_ADVANCE_INTERVAL_DAYS),
        organization_name: o.name,
    }
}

/// Every organization's settings (admin).
pub async fn settings(ctx: &AppState, who: &Credentials) -> Result<Vec<Settings>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::RemindersManage)?;
    Ok(persistence::repo::identity::list_organizations(&ctx.db, actor.scope).await?.into_iter().map(settings_of).collect())
}

/// Sets an organization's zone (`+03:00`) and advance interval (3–5 days); both checked, named
/// by field, nothing saved when either is wrong.
pub async fn set_settings(ctx: &AppState, who: &Credentials, org: domain::OrganizationId, utc_offset: &str, advance_reminder_days: i64) -> Result<Settings, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::RemindersManage)?;
    persistence::repo::identity::get_organization(&w.tx, w.actor.scope, org).await?;
    let (tz, days) = match (domain::finance::reminders::parse_zone(utc_offset), domain::finance::reminders::validate_advance_interval(advance_reminder_days)) {
        (Ok(tz), Ok(days)) => (tz, days),
        (tz, days) => {
            let mut errs = domain::FieldErrors::new();
            if let Err(e) = tz {
                errs.add("utc_offset", e);
            }
            if let Err(e) = days {
                errs.add("advance_reminder_days", e);
            }
            return Err(errs.into());
        }
    };
    persistence::repo::identity::set_reminder_settings(&w.tx, org, tz.local_minus_utc() / 60, i32::try_from(days).unwrap_or(3)).await?;
    let saved = persistence::repo::identity::get_organization(&w.tx, w.actor.scope, org).await?;
    w.commit().await?;
    Ok(settings_of(saved))
}
