//! Demo leads and deals for `make run`: a living board. Every card is driven through the real
//! engine step by step (moves, checklists, the logistician's answer, the accountant's payment), so
//! its stages, timeline and tasks are exactly what people would have produced.
use crate::AppState;
use crate::app::sales::{deals, leads};
use crate::app::work::{requests, tasks};
use crate::auth::Credentials;
use domain::pipelines::{Loss, RequestKind};
use domain::sales::commands::{DealChanges, LeadChanges, MoveCard, NewDeal, NewLead, PaymentNotice, Utm};
use domain::sales::{CardId, Channel};
use domain::work::RequestState;
use domain::work::commands::RequestAnswer;
use domain::{ClientId, CounterpartyId, Currency, Money, Phone};
use std::collections::BTreeMap;

/// Who is who in the demo.
pub struct People {
    pub manager: Credentials,
    pub logistician: Credentials,
    pub accountant: Credentials,
    pub production: Credentials,
    pub admin: Credentials,
}

/// A demo client and its counterparty.
pub struct DemoClient {
    pub id: uuid::Uuid,
    pub counterparty_id: uuid::Uuid,
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
    /// The individual offer is made and e-mailed (→ «КП отправлено»).
    SendOffer,
    /// The contract and the 50/50 invoice are made (→ «Договор и счёт подготовлены»).
    MakeDocuments,
    /// Both are e-mailed (→ «отправлены»).
    SendDocuments,
    /// The signed scan, the approved counterparty, the confirmed contract (→ «Документы подписаны»).
    Sign,
    /// The logistician records that everything on the deal's invoices was shipped.
    Ship,
    /// The accountant records the rest of the money (→ «Спросить о результатах» once shipped).
    PayRest,
}

use Step::*;

const OFFER_TERMS: &[&str] = &["objections_after_offer", "objections_neutralised", "proposed_contract"];
const SURVEY: &[&str] = &["got_objections", "named_price_range", "neutralised_objections", "clarified_offer_details", "offered_design"];

/// (title, revenue in roubles, delivery address, steps from the first stage)
#[rustfmt::skip]
const DEALS: &[(&str, i64, &str, &[Step])] = &[
    ("Резиновая плитка 40 мм для детской площадки, 320 м²", 742_400, "Московская обл., г. Химки, ул. Молодёжная, 12", &[]),
    ("Покрытие для спортплощадки школы № 7, 540 м²", 1_188_000, "г. Москва, ул. Академика Королёва, 9", &[AnswerDelivery]),
    ("Дорожки для парка «Сокольники», 1 200 м²", 2_520_000, "г. Москва, Сокольнический вал, 1", &[AnswerDelivery, SendOffer]),
    ("Плитка 30 мм для фитнес-зала", 356_000, "г. Москва, Ленинградский пр-т, 47", &[AnswerDelivery, SendOffer, Move("offer_received"), Tick(&["design_declined"]), Move("terms")]),
    ("Покрытие для конного манежа, 800 м²", 1_760_000, "Московская обл., д. Жуковка, 3", &[AnswerDelivery, SendOffer, Move("offer_received"), Tick(&["design_declined"]), Move("terms"), Tick(OFFER_TERMS), Move("requisites_requested"), Counterparty, MakeDocuments, SendDocuments, Move("documents_received"), Sign]),
    ("Площадка для выгула собак, 150 м²", 312_000, "г. Москва, ул. Профсоюзная, 104", &[AnswerDelivery, SendOffer, Move("offer_received"), Tick(&["design_declined"]), Move("terms"), Tick(OFFER_TERMS), Move("requisites_requested"), Counterparty, MakeDocuments, SendDocuments, Move("documents_received"), Sign, Pay]),
    ("Дачный участок: дорожки и площадка у бассейна", 198_500, "Московская обл., пос. Лесной, 18", &[AnswerDelivery, SendOffer, Move("offer_received"), Tick(&["design_declined"]), Move("terms"), Tick(OFFER_TERMS), Move("requisites_requested"), Counterparty, MakeDocuments, SendDocuments, Move("documents_received"), Sign, Pay, Move("work_order_prepared"), Move("handed_to_logistics"), Move("in_progress"), Ship]),
    ("Спортивный комплекс «Олимп», 2 000 м²", 4_180_000, "г. Москва, Олимпийский пр-т, 16", &[AnswerDelivery, SendOffer, Move("offer_received"), Tick(&["design_declined"]), Move("terms"), Tick(OFFER_TERMS), Move("requisites_requested"), Counterparty, MakeDocuments, SendDocuments, Move("documents_received"), Sign, Pay, Move("work_order_prepared"), Move("handed_to_logistics"), Move("in_progress"), Ship, PayRest, Tick(&["review_requested", "review_received"]), Move("won")]),
    ("Террасная плитка для кафе", 96_000, "г. Москва, ул. Покровка, 2", &[AnswerDelivery, SendOffer, Lose("expensive", "Нашли дешевле у другого поставщика")]),
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

fn failed(e: crate::error::AppError) -> anyhow::Error {
    anyhow::anyhow!("demo step refused: {e:?}")
}

async fn version(ctx: &AppState, who: &Credentials, card: CardId) -> anyhow::Result<i32> {
    Ok(match card {
        CardId::Lead(id) => leads::get(ctx, who, id).await.map_err(failed)?.card.version(),
        CardId::Deal(id) => deals::get(ctx, who, id).await.map_err(failed)?.card.version(),
    })
}

async fn move_to(ctx: &AppState, who: &Credentials, card: CardId, to: &str, loss: Option<Loss>) -> anyhow::Result<()> {
    let m = MoveCard { version: version(ctx, who, card).await?, to: to.to_owned(), loss };
    match card {
        CardId::Lead(id) => leads::move_lead(ctx, who, id, m).await.map(|_| ()),
        CardId::Deal(id) => deals::move_deal(ctx, who, id, m).await.map(|_| ()),
    }
    .map_err(failed)
}

async fn change_lead(ctx: &AppState, who: &Credentials, card: CardId, changes: LeadChanges) -> anyhow::Result<()> {
    let CardId::Lead(id) = card else { anyhow::bail!("not a lead") };
    leads::update(ctx, who, id, version(ctx, who, card).await?, changes).await.map_err(failed)?;
    Ok(())
}

async fn change_deal(ctx: &AppState, who: &Credentials, card: CardId, changes: DealChanges) -> anyhow::Result<()> {
    let CardId::Deal(id) = card else { anyhow::bail!("not a deal") };
    deals::update(ctx, who, id, version(ctx, who, card).await?, changes).await.map_err(failed)?;
    Ok(())
}

async fn step(ctx: &AppState, card: CardId, s: &Step, people: &People, client: &DemoClient) -> anyhow::Result<()> {
    let who = &people.manager;
    match s {
        Move(to) => move_to(ctx, who, card, to, None).await?,
        Lose(reason, objections) => {
            let loss = Loss::parse(reason, Some(objections), true).map_err(|e| anyhow::anyhow!("demo loss: {e}"))?;
            move_to(ctx, who, card, "lost", Some(loss)).await?;
        }
        Tick(items) => {
            let ticks: BTreeMap<String, bool> = items.iter().map(|i| ((*i).to_owned(), true)).collect();
            match card {
                CardId::Lead(_) => change_lead(ctx, who, card, LeadChanges { checklist: Some(ticks), ..Default::default() }).await?,
                CardId::Deal(_) => change_deal(ctx, who, card, DealChanges { checklist: Some(ticks), ..Default::default() }).await?,
            }
        }
        Counterparty => {
            let cp: CounterpartyId = client.counterparty_id.into();
            change_deal(ctx, who, card, DealChanges { counterparty_id: Some(Some(cp)), ..Default::default() }).await?;
        }
        Qualify => {
            let changes = LeadChanges {
                price_range: Some(Some("1 800–2 300 ₽/м²".into())),
                offer_details: Some(Some("Двор 260 м², плитка 40 мм, зелёная и терракотовая, нужна укладка".into())),
                agreed_individual_offer: Some(true),
                ..Default::default()
            };
            change_lead(ctx, who, card, changes).await?;
        }
        FirstCall => {
            let page = tasks::list(ctx, who, tasks::View::Card(card.uuid()), 10, None).await.map_err(failed)?;
            for t in page.items.into_iter().filter(|t| t.task.code.as_deref() == Some("first_call") && t.task.status == "open") {
                tasks::complete(ctx, who, t.task.task_id(), t.task.version, Some("Дозвонился, клиент ждёт расчёт".into())).await.map_err(failed)?;
            }
        }
        AnswerDelivery => {
            let CardId::Deal(deal) = card else { anyhow::bail!("not a deal") };
            let queue = requests::Queue { kind: Some(RequestKind::DeliveryCost), states: vec![RequestState::Open], mine: false, deal_id: Some(deal) };
            let page = requests::list(ctx, &people.logistician, queue, 10, None).await.map_err(failed)?;
            for r in page.items {
                let answer = RequestAnswer {
                    version: r.request.version,
                    cost: Some(Money::from_minor(1_850_000, Currency::Rub).map_err(|e| anyhow::anyhow!("{e}"))?),
                    carrier: Some("ПЭК".into()),
                    eta_date: Some(ctx.now().date_naive() + chrono::Duration::days(6)),
                    comment: Some("Еврофура, разгрузка манипулятором".into()),
                };
                requests::complete(ctx, &people.logistician, r.request.request_id(), answer).await.map_err(failed)?;
            }
        }
        SendOffer => {
            let CardId::Deal(deal) = card else { anyhow::bail!("not a deal") };
            let revenue = match deals::get(ctx, who, deal).await.map_err(failed)?.card {
                persistence::repo::sales::cards::Card::Deal(d) => d.expected_revenue_minor.unwrap_or(100_000_00),
                persistence::repo::sales::cards::Card::Lead(_) => 0,
            };
            super::documents::send_offer(ctx, who, deal, revenue).await?;
        }
        MakeDocuments => {
            let CardId::Deal(deal) = card else { anyhow::bail!("not a deal") };
            super::documents::make_documents(ctx, who, deal).await?;
        }
        SendDocuments => {
            let CardId::Deal(deal) = card else { anyhow::bail!("not a deal") };
            super::documents::send_documents(ctx, who, deal).await?;
        }
        Sign => {
            let CardId::Deal(deal) = card else { anyhow::bail!("not a deal") };
            super::documents::sign(ctx, who, &people.admin, deal, client.counterparty_id).await?;
        }
        Pay => {
            let CardId::Deal(deal) = card else { anyhow::bail!("not a deal") };
            // The advance: what the invoices' schedules ask for now (half of a 50/50 invoice).
            let money = crate::app::finance::invoices::of_deal(ctx, &people.accountant, deal).await.map_err(failed)?;
            let due: rust_decimal::Decimal = money.invoices.iter().filter(|i| i.is_open()).map(|i| i.due_now()).sum();
            let notice = PaymentNotice {
                amount: Money::from_minor(crate::app::finance::minor(due), Currency::Rub).map_err(|e| anyhow::anyhow!("{e}"))?,
                paid_on: ctx.now().date_naive(),
                document: Some("п/п 1284".into()),
                comment: Some("Предоплата 50 %".into()),
            };
            deals::register_payment(ctx, &people.accountant, deal, notice).await.map_err(failed)?;
        }
        Ship => {
            let CardId::Deal(deal) = card else { anyhow::bail!("not a deal") };
            let money = crate::app::finance::invoices::of_deal(ctx, &people.accountant, deal).await.map_err(failed)?;
            for inv in money.invoices.iter().filter(|i| i.is_open()) {
                let n = crate::app::finance::shipments::NewShipment {
                    invoice_id: inv.doc.id, number: None, shipped_on: ctx.now().date_naive(), note: Some("УПД подписан клиентом".into()), lines: vec![],
                };
                crate::app::finance::shipments::record(ctx, &people.logistician, deal, n).await.map_err(failed)?;
            }
        }
        PayRest => {
            let CardId::Deal(deal) = card else { anyhow::bail!("not a deal") };
            let money = crate::app::finance::invoices::of_deal(ctx, &people.accountant, deal).await.map_err(failed)?;
            let rest: rust_decimal::Decimal = money.invoices.iter().filter(|i| i.is_open()).map(|i| i.outstanding).sum();
            let notice = PaymentNotice {
                amount: Money::from_minor(crate::app::finance::minor(rest), Currency::Rub).map_err(|e| anyhow::anyhow!("{e}"))?,
                paid_on: ctx.now().date_naive(),
                document: Some("п/п 1391".into()),
                comment: Some("Окончательный расчёт".into()),
            };
            deals::register_payment(ctx, &people.accountant, deal, notice).await.map_err(failed)?;
        }
    }
    Ok(())
}

/// Seeds the demo funnel: leads and deals of the head company's manager, and one of each for
/// the first production. `clients` are the head company's clients; `production_client` is
/// the first production's.
/// Returns the head company's demo deals: (title, id).
pub async fn seed(ctx: &AppState, people: &People, clients: &[DemoClient], production_client: &DemoClient) -> anyhow::Result<Vec<(&'static str, uuid::Uuid)>> {
    let mut made = Vec::with_capacity(DEALS.len());
    for (i, (title, roubles, address, steps)) in DEALS.iter().enumerate() {
        let client = &clients[i % clients.len()];
        let d = deals::create(ctx, &people.manager, new_deal(client, title, *roubles, address)?).await.map_err(failed)?;
        made.push((*title, d.card.id().uuid()));
        for s in *steps {
            step(ctx, d.card.id(), s, people, client).await?;
        }
    }
    let client = clients.first().ok_or_else(|| anyhow::anyhow!("no demo clients"))?;
    for (contact, company, phone, channel, utm, steps) in LEADS {
        let l = leads::create(ctx, &people.manager, new_lead(contact, company, phone, channel, *utm)?).await.map_err(failed)?;
        for s in *steps {
            step(ctx, l.card.id(), s, people, client).await?;
        }
    }
    // The first production's own work: a lead and a deal of its own client.
    leads::create(ctx, &people.production, new_lead("Дмитрий Волков", "ООО «УралДвор»", "+73432230001", "avito", None)?).await.map_err(failed)?;
    let d = new_deal(production_client, "Площадка у ТЦ «Гринвич», 400 м²", 880_000, "г. Екатеринбург, ул. 8 Марта, 46")?;
    deals::create(ctx, &people.production, d).await.map_err(failed)?;
    Ok(made)
}

fn new_lead(contact: &str, company: &str, phone: &str, channel: &str, utm: Option<(&str, &str)>) -> anyhow::Result<NewLead> {
    let company = (!company.is_empty()).then(|| company.to_owned());
    let channel = Channel::parse(channel).ok_or_else(|| anyhow::anyhow!("channel {channel}"))?;
    Ok(NewLead {
        pipeline_id: None, title: company.clone().or_else(|| Some(contact.to_owned())), contact_name: Some(contact.into()), company_name: company,
        phone: Phone::parse(phone).ok(), email: None, message: Some("Интересует резиновая плитка, прошу перезвонить".into()), channel,
        keywords: utm.map(|(_, c)| c.replace('_', " ")),
        utm: Utm { source: utm.map(|(s, _)| s.into()), medium: utm.map(|_| "cpc".into()), campaign: utm.map(|(_, c)| c.into()), term: None, content: None },
        call_tracking_number: (channel == Channel::Phone).then(|| Phone::parse("+74951500001").ok()).flatten(), responsible_id: None,
        expected_revenue: None, organization_id: None,
    })
}

fn new_deal(client: &DemoClient, title: &str, roubles: i64, address: &str) -> anyhow::Result<NewDeal> {
    Ok(NewDeal {
        pipeline_id: None, title: title.into(), client_id: ClientId::from(client.id), counterparty_id: None, responsible_id: None,
        expected_revenue: Some(Money::from_minor(roubles * 100, Currency::Rub).map_err(|e| anyhow::anyhow!("{e}"))?),
        delivery_address: Some(address.into()), offer_details: Some("Резиновая плитка 500×500, цвет по согласованию".into()), channel: Channel::Site,
    })
}
