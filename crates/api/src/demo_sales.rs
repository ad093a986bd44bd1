//! Demo leads and deals for `make run`: a living board. Every card is driven through the real
//! engine step by step (moves, checklists, the logistician's answer, the accountant's payment), so
//! its stages, timeline and tasks are exactly what people would have produced.
use chrono::Utc;
use domain::Role;
use domain::pipeline::{Loss, PipelineKind, RequestKind};
use persistence::entities::{deal, lead};
use persistence::repo::cards::{self, Card, CardActor, Subject};
use persistence::{AccessScope, Db, RepoError, repo};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Who is who in the demo.
pub struct People {
    pub manager: CardActor,
    pub logistician: CardActor,
    pub accountant: CardActor,
    pub production: CardActor,
}

/// A demo client: id, organization, its counterparty.
pub struct DemoClient {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub counterparty_id: Uuid,
}

enum Step {
    Move(&'static str),
    Tick(&'static [&'static str]),
    /// Choose the client's counterparty (requisites received).
    Counterparty,
    /// The logistician answers the open delivery-cost request.
    AnswerDelivery,
    /// The accountant registers the client's payment.
    Pay,
    /// The first task of a lead («Связаться с клиентом») is done.
    FirstCall,
    /// Price range, offer details and agreement to an individual offer.
    Qualify,
    Lose(&'static str, &'static str),
}

use Step::*;

const OFFER_TERMS: &[&str] = &["objections_after_offer", "objections_neutralised", "proposed_contract"];
const SURVEY: &[&str] = &["got_objections", "named_price_range", "neutralised_objections", "clarified_offer_details", "offered_design"];

/// (title, revenue in roubles, delivery address, steps from the first stage)
#[rustfmt::skip]
const DEALS: &[(&str, i64, &str, &[Step])] = &[
    ("Резиновая плитка 40 мм для детской площадки, 320 м²", 742_400, "Московская обл., г. Химки, ул. Молодёжная, 12", &[]),
    ("Покрытие для спортплощадки школы № 7, 540 м²", 1_188_000, "г. Москва, ул. Академика Королёва, 9", &[AnswerDelivery]),
    ("Дорожки для парка «Сокольники», 1 200 м²", 2_520_000, "г. Москва, Сокольнический вал, 1", &[AnswerDelivery, Move("offer_sent")]),
    ("Плитка 30 мм для фитнес-зала", 356_000, "г. Москва, Ленинградский пр-т, 47", &[AnswerDelivery, Move("offer_sent"), Move("offer_received"), Tick(&["design_declined"]), Move("terms")]),
    ("Покрытие для конного манежа, 800 м²", 1_760_000, "Московская обл., д. Жуковка, 3", &[AnswerDelivery, Move("offer_sent"), Move("offer_received"), Tick(&["design_declined"]), Move("terms"), Tick(OFFER_TERMS), Move("requisites_requested"), Counterparty, Move("documents_prepared"), Move("documents_sent"), Move("documents_received"), Move("documents_signed")]),
    ("Площадка для выгула собак, 150 м²", 312_000, "г. Москва, ул. Профсоюзная, 104", &[AnswerDelivery, Move("offer_sent"), Move("offer_received"), Tick(&["design_declined"]), Move("terms"), Tick(OFFER_TERMS), Move("requisites_requested"), Counterparty, Move("documents_prepared"), Move("documents_sent"), Move("documents_received"), Move("documents_signed"), Pay]),
    ("Дачный участок: дорожки и площадка у бассейна", 198_500, "Московская обл., пос. Лесной, 18", &[AnswerDelivery, Move("offer_sent"), Move("offer_received"), Tick(&["design_declined"]), Move("terms"), Tick(OFFER_TERMS), Move("requisites_requested"), Counterparty, Move("documents_prepared"), Move("documents_sent"), Move("documents_received"), Move("documents_signed"), Pay, Move("work_order_prepared"), Move("handed_to_logistics"), Move("in_progress")]),
    ("Спортивный комплекс «Олимп», 2 000 м²", 4_180_000, "г. Москва, Олимпийский пр-т, 16", &[AnswerDelivery, Move("offer_sent"), Move("offer_received"), Tick(&["design_declined"]), Move("terms"), Tick(OFFER_TERMS), Move("requisites_requested"), Counterparty, Move("documents_prepared"), Move("documents_sent"), Move("documents_received"), Move("documents_signed"), Pay, Move("work_order_prepared"), Move("handed_to_logistics"), Move("in_progress"), Move("ask_results"), Tick(&["review_requested", "review_received"]), Move("won")]),
    ("Террасная плитка для кафе", 96_000, "г. Москва, ул. Покровка, 2", &[AnswerDelivery, Move("offer_sent"), Lose("expensive", "Нашли дешевле у другого поставщика")]),
];

/// (contact, company, phone, channel, utm source/campaign, steps)
type LeadRow = (&'static str, &'static str, &'static str, &'static str, Option<(&'static str, &'static str)>, &'static [Step]);

#[rustfmt::skip]
const LEADS: &[LeadRow] = &[
    ("Алексей Смирнов", "ООО «Парк-Сервис»", "+79161230001", "avito", Some(("avito", "plitka_msk")), &[]),
    ("Наталья Орлова", "", "+79161230002", "phone", None, &[]),
    ("Игорь Ким", "ООО «СпортСтрой»", "+79161230003", "yandex", Some(("yandex", "rezinovaya_plitka")), &[FirstCall, Tick(&["got_objections", "named_price_range"])]),
    ("Марина Белова", "ДОУ № 15", "+79161230004", "site", None, &[FirstCall, Tick(SURVEY), Move("surveyed")]),
    ("Павел Зуев", "ИП Зуев", "+79161230005", "google", Some(("google", "sport_pokrytie")), &[FirstCall, Move("typical_offer_sent")]),
    ("Ольга Лебедева", "ООО «Уютный двор»", "+79161230006", "social", Some(("vk", "dvor")), &[FirstCall, Tick(SURVEY), Move("surveyed"), Qualify]),
    ("Сергей Фомин", "", "+79161230007", "youtube", None, &[FirstCall, Lose("not_target", "Искал резиновую крошку, а не плитку")]),
];

fn invalid(e: domain::FieldErrors) -> anyhow::Error {
    anyhow::anyhow!("demo step refused: {e}")
}

async fn version(db: &Db, subject: Subject, id: Uuid) -> Result<i32, RepoError> {
    Ok(cards::find_card(db, AccessScope::All, subject, id).await?.version())
}

async fn step(db: &Db, subject: Subject, id: Uuid, s: &Step, people: &People, client: &DemoClient) -> anyhow::Result<()> {
    let actor = &people.manager;
    let scope = AccessScope::All;
    match s {
        Move(to) => {
            let v = version(db, subject, id).await?;
            repo::move_card(db, scope, (subject, id), v, (*to).to_owned(), None, actor).await?;
        }
        Lose(reason, objections) => {
            let v = version(db, subject, id).await?;
            let loss = Loss::parse(reason, Some(objections), true).map_err(invalid)?;
            repo::move_card(db, scope, (subject, id), v, "lost".into(), Some(loss), actor).await?;
        }
        Tick(items) => {
            let v = version(db, subject, id).await?;
            let ticks: BTreeMap<String, bool> = items.iter().map(|i| ((*i).to_owned(), true)).collect();
            cards::edit(db, scope, subject, id, v, &actor.audit, |card, p| cards::tick(card, p, &ticks)).await?;
        }
        Counterparty => {
            let v = version(db, subject, id).await?;
            let cp = client.counterparty_id;
            cards::edit(db, scope, subject, id, v, &actor.audit, |card, _| {
                if let Card::Deal(d) = card {
                    d.counterparty_id = Some(cp);
                }
                Ok(())
            })
            .await?;
        }
        Qualify => {
            let v = version(db, subject, id).await?;
            cards::edit(db, scope, subject, id, v, &actor.audit, |card, _| {
                if let Card::Lead(l) = card {
                    l.price_range = Some("1 800–2 300 ₽/м²".into());
                    l.offer_details = Some("Двор 260 м², плитка 40 мм, зелёная и терракотовая, нужна укладка".into());
                    l.agreed_individual_offer = true;
                }
                Ok(())
            })
            .await?;
        }
        FirstCall => {
            let filter = repo::TaskFilter { subject_id: Some(id), statuses: vec!["open".into()], ..Default::default() };
            let (tasks, _) = repo::list_tasks(db, scope, &filter, 10, None).await?;
            for t in tasks.into_iter().filter(|t| t.code.as_deref() == Some("first_call")) {
                repo::complete_task(db, scope, t.id, t.version, Some("Дозвонился, клиент ждёт расчёт".into()), actor).await?;
            }
        }
        AnswerDelivery => {
            let filter = repo::RequestFilter { kinds: vec![RequestKind::DeliveryCost], deal_id: Some(id), ..Default::default() };
            let (requests, _) = repo::list_requests(db, scope, &filter, 10, None).await?;
            for r in requests.into_iter().filter(|r| r.status == "open") {
                let answer = repo::RequestAnswer {
                    cost_minor: Some(1_850_000),
                    carrier: Some("ПЭК".into()),
                    eta_date: Some(Utc::now().date_naive() + chrono::Duration::days(6)),
                    comment: Some("Еврофура, разгрузка манипулятором".into()),
                };
                repo::complete_request(db, scope, r.id, r.version, answer, &people.logistician).await?;
            }
        }
        Pay => {
            let d = repo::get_deal(db, scope, id).await?;
            let notice = repo::PaymentNotice {
                amount_minor: d.expected_revenue_minor.unwrap_or_default() / 2,
                paid_on: Utc::now().date_naive(),
                document: Some("п/п 1284".into()),
                comment: Some("Предоплата 50 %".into()),
            };
            repo::register_payment(db, scope, id, notice, &people.accountant).await?;
        }
    }
    Ok(())
}

/// Seeds the demo funnel: leads and deals of the head company's manager, and one of each for
/// the first production. `clients[0..]` are the head company's clients; `production_client` is
/// the first production's.
pub async fn seed(db: &Db, people: &People, clients: &[DemoClient], production_client: &DemoClient) -> anyhow::Result<()> {
    let lead_pipeline = repo::default_pipeline(db, PipelineKind::Lead).await?;
    let deal_pipeline = repo::default_pipeline(db, PipelineKind::Deal).await?;
    let now = Utc::now();
    for (i, (title, roubles, address, steps)) in DEALS.iter().enumerate() {
        let client = &clients[i % clients.len()];
        let d = new_deal(deal_pipeline.row.id, client, title, *roubles, address, people.manager.audit.user_id, now);
        let d = repo::insert_deal(db, AccessScope::All, d, &people.manager).await?;
        for s in *steps {
            step(db, Subject::Deal, d.id, s, people, client).await?;
        }
    }
    let head_org = clients.first().map(|c| c.organization_id).unwrap_or_default();
    for (contact, company, phone, channel, utm, steps) in LEADS {
        let l = new_lead(lead_pipeline.row.id, head_org, contact, company, phone, channel, *utm, people.manager.audit.user_id, now);
        let l = repo::insert_lead(db, AccessScope::All, l, &people.manager).await?;
        let client = clients.first().ok_or_else(|| anyhow::anyhow!("no demo clients"))?;
        for s in *steps {
            step(db, Subject::Lead, l.id, s, people, client).await?;
        }
    }
    // The first production's own work: a lead and a deal of its own client.
    let l = new_lead(lead_pipeline.row.id, production_client.organization_id, "Дмитрий Волков", "ООО «УралДвор»", "+73432230001", "avito", None, people.production.audit.user_id, now);
    repo::insert_lead(db, AccessScope::All, l, &people.production).await?;
    let d = new_deal(deal_pipeline.row.id, production_client, "Площадка у ТЦ «Гринвич», 400 м²", 880_000, "г. Екатеринбург, ул. 8 Марта, 46", people.production.audit.user_id, now);
    repo::insert_deal(db, AccessScope::All, d, &people.production).await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn new_lead(
    pipeline_id: Uuid,
    organization_id: Uuid,
    contact: &str,
    company: &str,
    phone: &str,
    channel: &str,
    utm: Option<(&str, &str)>,
    responsible: Option<Uuid>,
    now: chrono::DateTime<Utc>,
) -> lead::Model {
    let company = (!company.is_empty()).then(|| company.to_owned());
    lead::Model {
        id: Uuid::now_v7(), organization_id, number: 0, pipeline_id, stage: String::new(), stage_entered_at: now, status: String::new(),
        title: company.clone().unwrap_or_else(|| contact.to_owned()), search_text: String::new(), responsible_id: responsible, client_id: None,
        contact_name: Some(contact.into()), company_name: company, phone: Some(phone.into()), email: None,
        message: Some("Интересует резиновая плитка, прошу перезвонить".into()), channel: channel.into(), keywords: utm.map(|(_, c)| c.replace('_', " ")),
        utm_source: utm.map(|(s, _)| s.into()), utm_medium: utm.map(|_| "cpc".into()), utm_campaign: utm.map(|(_, c)| c.into()), utm_term: None,
        utm_content: None, call_tracking_number: (channel == "phone").then(|| "+74951500001".into()), price_range: None, offer_details: None,
        agreed_individual_offer: false, agreed_design: false, expected_revenue_minor: None, checklist: "[]".into(), facts: "[]".into(),
        loss_reason: None, loss_objections: None, add_to_mailing: false, deal_id: None, closed_at: None, created_by: responsible,
        created_at: now, updated_at: now, version: 1,
    }
}

fn new_deal(pipeline_id: Uuid, client: &DemoClient, title: &str, roubles: i64, address: &str, responsible: Option<Uuid>, now: chrono::DateTime<Utc>) -> deal::Model {
    deal::Model {
        id: Uuid::now_v7(), organization_id: client.organization_id, number: 0, pipeline_id, stage: String::new(), stage_entered_at: now,
        status: String::new(), title: title.into(), search_text: String::new(), kind: "tile_sale".into(), client_id: client.id,
        counterparty_id: None, responsible_id: responsible, expected_revenue_minor: Some(roubles * 100), currency: "RUB".into(),
        delivery_address: Some(address.into()), offer_details: Some("Резиновая плитка 500×500, цвет по согласованию".into()),
        promised_payment_date: None, review_score: None, lead_id: None, channel: "site".into(), keywords: None, utm_source: None,
        utm_medium: None, utm_campaign: None, utm_term: None, utm_content: None, call_tracking_number: None, checklist: "[]".into(),
        facts: "[]".into(), loss_reason: None, loss_objections: None, add_to_mailing: false, closed_at: None, created_by: responsible,
        created_at: now, updated_at: now, version: 1,
    }
}

/// The demo's actors from the seeded users.
pub fn actor(id: Uuid, role: Role, name: &str) -> CardActor {
    CardActor { role, audit: repo::AuditActor { user_id: Some(id), name: name.into() } }
}
