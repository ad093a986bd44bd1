//! Issue 12's targets on the database: a production's portal list with 5,000 orders ("under
//! 50 ms"), plus 5,000 orders of two other productions as noise; and the settlements balance for
//! all productions over a year with 100,000 ledger rows ("under 100 ms"), as `GET /settlements`
//! computes it: the database sums the rows per production and kind, the domain makes the balances.
//!
//! `cargo bench -p persistence --bench production` — SQLite always; PostgreSQL when
//! `TEST_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`) is reachable: the bench
//! creates and drops its own database there.
//!
//! Most of a production's history is closed (85 %); the rest is spread over the other stages. The
//! list is benched as the portal first opens it (no stage, first page of 20) and as a deep page of
//! one stage (closed, offset 4,000), both in the production's own scope.
use criterion::{Criterion, criterion_group, criterion_main};
use domain::{Named, OrganizationKind};
use domain::production::OrderState;
use domain::production::{KindSum, Period, SettlementKind};
use persistence::entities::{client, deal, organization, pipeline, production_order, production_settlement};
use persistence::repo::pipelines;
use persistence::repo::production::{orders, settlements};
use persistence::{AccessScope, Db};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};
use uuid::Uuid;

/// Production 1's orders; as many again belong to the other two.
const MINE: usize = 5_000;
const DEALS: usize = 500;
const PAGE: u64 = 20;
const DEEP: u64 = 4_000;
/// The settlements ledger: rows and productions.
const LEDGER_ROWS: usize = 100_000;
const LEDGER_PRODUCTIONS: usize = 20;

struct Fixture {
    db: Db,
    production: Uuid,
    drop_pg: Option<(String, String)>,
}

fn org(kind: OrganizationKind, name: &str, city: &str, lat: f64, lon: f64) -> organization::Model {
    organization::Model {
        id: Uuid::now_v7(), kind: kind.as_str().into(), name: name.into(), inn: None, kpp: None, city: Some(city.into()), region: None, address: None,
        latitude: Some(lat), longitude: Some(lon), created_at: chrono::Utc::now(), utc_offset_minutes: 180, advance_reminder_days: 3,
    }
}

/// The `i`-th order's stage: 85 % closed, the rest round the other stages.
fn state(i: usize) -> &'static str {
    let others: Vec<OrderState> = OrderState::all().iter().copied().filter(|s| *s != OrderState::Closed).collect();
    if i % 20 < 17 { OrderState::Closed.as_str() } else { others[(i / 20) % others.len()].as_str() }
}

async fn seed(url: &str) -> (Db, Uuid) {
    let db = persistence::connect_and_migrate(url).await.expect("connect");
    let now = chrono::Utc::now();
    let funnel = domain::sales::tile_deal_funnel();
    let pipeline = pipelines::insert(&db, pipeline::Model {
        id: Uuid::now_v7(), code: domain::sales::TILE_SALE_FUNNEL.into(), kind: "deal".into(), name_ru: "Продажа плитки".into(),
        name_en: "Tile sale".into(), definition: pipelines::definition_json(&funnel).expect("definition"), is_builtin: true, is_active: true,
        position: 1, created_at: now, updated_at: now, version: 1,
    })
    .await
    .expect("tile sale");
    let head = org(OrganizationKind::Head, "Бенчмарк", "Москва", 55.7558, 37.6173).into_active_model().insert(&db).await.expect("head");
    let mut productions = vec![];
    for (name, city, lat, lon) in [
        ("Производство Екатеринбург", "Екатеринбург", 56.8389, 60.6057),
        ("Производство Новосибирск", "Новосибирск", 55.0084, 82.9357),
        ("Производство Краснодар", "Краснодар", 45.0355, 38.9753),
    ] {
        productions.push(org(OrganizationKind::Production, name, city, lat, lon).into_active_model().insert(&db).await.expect("production").id);
    }
    let c = client::Model {
        id: Uuid::now_v7(), organization_id: head.id, name: "ООО «Клиент»".into(), public_name: None, name_norm: "клиент".into(),
        sort_name: "ооо «клиент»".into(), search_text: "ооо «клиент»".into(), person_kind: "legal".into(), relationship: "client".into(),
        segment: None, client_type: None, email: None, phone: None, manager_id: None, notes: None, created_by: None, created_at: now,
        updated_at: now, version: 1,
    }
    .into_active_model()
    .insert(&db)
    .await
    .expect("client");
    let won = pipeline.def.stages.iter().find(|s| s.kind == domain::pipelines::StageKind::Won).map(|s| s.code.clone()).expect("won stage");
    let deals: Vec<deal::Model> = (0..DEALS)
        .map(|i| {
            let at = now - chrono::Duration::hours(i as i64);
            deal::Model {
                id: Uuid::now_v7(), organization_id: head.id, number: i as i64 + 1, pipeline_id: pipeline.row.id, stage: won.clone(),
                stage_entered_at: at, status: "won".into(), title: format!("Сделка {i}"), search_text: format!("сделка {i}"), kind: "tile_sale".into(),
                client_id: c.id, counterparty_id: None, responsible_id: None, expected_revenue_minor: Some(1_000_000 + i as i64), currency: "RUB".into(),
                delivery_address: Some(format!("Москва, ул. Строителей, {i}")), offer_details: None, promised_payment_date: None, review_score: None,
                lead_id: None, channel: "site".into(), keywords: None, utm_source: None, utm_medium: None, utm_campaign: None, utm_term: None,
                utm_content: None, call_tracking_number: None, checklist: "[]".into(), facts: "[]".into(), loss_reason: None, loss_objections: None,
                add_to_mailing: false, closed_at: Some(at), created_by: None, created_at: at, updated_at: at, version: 1,
            }
        })
        .collect();
    for chunk in deals.chunks(200) {
        deal::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model)).exec(&db).await.expect("deals");
    }
    let terms = ["prepayment", "fifty_fifty", "after_shipment"];
    let tiles = ["Плитка", "Брусчатка", "Бордюр"];
    let rows: Vec<production_order::Model> = (0..2 * MINE)
        .map(|i| {
            // Interleaved in time, as the three productions' orders would be.
            let at = now - chrono::Duration::minutes(i as i64 * 7);
            // Even ones are production 1's; odd ones alternate between the other two.
            let production = if i % 2 == 0 { productions[0] } else { productions[1 + (i / 2) % 2] };
            let state = state(i / 2);
            let shipped = matches!(state, "shipped" | "documents_received" | "closed");
            production_order::Model {
                id: Uuid::now_v7(), organization_id: production, deal_id: deals[i % DEALS].id, state: state.into(), terms: terms[i % 3].into(),
                tile_type: tiles[i % 3].into(), thickness_milli: [20_000, 30_000, 40_000][i % 3], quantity_milli: 50_000 + (i as i64 % 400) * 1_000,
                price_minor: 120_000 + (i as i64 % 50) * 1_000, due_date: (at + chrono::Duration::days(14)).date_naive(),
                delivery_address: format!("Москва, ул. Строителей, {}", i % DEALS), delivery_contact: Some("+7 900 000-00-00".into()),
                accept_by: at + chrono::Duration::days(1), paid_minor: if shipped { 6_000_000 } else { 0 }, deduction_minor: 0,
                defects_description: (state == "defects_found").then(|| "Сколы на 3 поддонах".into()), defects_quantity_milli: None, defects_at: None,
                carrier: shipped.then(|| "ТК «Деловые линии»".into()), waybill: shipped.then(|| format!("ДЛ-{i}")), shipping_cost_minor: None,
                shipped_at: shipped.then_some(at + chrono::Duration::days(10)), closing_documents_file_id: None, reason: None, created_by: None,
                created_at: at, updated_at: at, version: 1, number: Some(format!("{}-{}", i % DEALS + 1, i / DEALS + 1)), eta: None, defects_kind: None,
            }
        })
        .collect();
    for chunk in rows.chunks(200) {
        production_order::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model)).exec(&db).await.expect("orders");
    }
    seed_ledger(&db, &productions).await;
    (db, productions[0])
}

/// 100,000 ledger rows over the last 400 days (so the year's balance has an opening) among the
/// three productions and seventeen more, every kind.
async fn seed_ledger(db: &Db, productions: &[Uuid]) {
    let mut all = productions.to_vec();
    for i in 0..(LEDGER_PRODUCTIONS - productions.len()) {
        all.push(org(OrganizationKind::Production, &format!("Производство {i}"), "Тверь", 56.86, 35.92).into_active_model().insert(db).await.expect("production").id);
    }
    let today = chrono::Utc::now().date_naive();
    let kinds = SettlementKind::ALL;
    let rows: Vec<production_settlement::Model> = (0..LEDGER_ROWS)
        .map(|i| production_settlement::Model {
            id: Uuid::now_v7(), organization_id: all[i % all.len()], on_date: today - chrono::Days::new((i * 7 % 400) as u64), kind: kinds[i % kinds.len()].as_str().into(),
            amount_minor: 100_000 + (i as i64 * 7_919) % 10_000_000, source_type: "entry".into(), source_id: Uuid::now_v7(), order_id: None,
            document: format!("Документ № {i}"), note: None, created_by: None, created_at: chrono::Utc::now(),
        })
        .collect();
    for chunk in rows.chunks(500) {
        production_settlement::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model)).exec(db).await.expect("ledger");
    }
    // As autovacuum leaves a table at rest on PostgreSQL: statistics and the visibility map, so the
    // sums read the covering index alone.
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("VACUUM (ANALYZE) production_settlements").await.expect("vacuum");
    }
}

/// The balances of every production for the year to today, as the overview computes them.
async fn year_balances(db: &Db) -> domain::production::Balances {
    let to = chrono::Utc::now().date_naive();
    let period = Period::new(to - chrono::Days::new(364), to).expect("period");
    let sums = settlements::sums(db, AccessScope::All, None, period.first_day(), period.last_day()).await.expect("sums");
    let sums: Vec<KindSum> = sums
        .iter()
        .map(|s| KindSum {
            production: s.organization_id.into(),
            kind: SettlementKind::parse(&s.kind).expect("kind"),
            before_period: s.before_period,
            amount: rust_decimal::Decimal::new(s.amount_minor, 2),
        })
        .collect();
    domain::production::balances_from_sums(&sums, period)
}

fn postgres_url() -> Option<(String, String, String)> {
    let admin = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let name = format!("bench_{}", Uuid::new_v4().simple());
    let ok = std::process::Command::new("psql").arg(&admin).arg("-qc").arg(format!("CREATE DATABASE {name}")).status().is_ok_and(|s| s.success());
    let root = admin.rsplit_once('/').map(|(r, _)| r.to_owned())?;
    ok.then(|| (format!("{root}/{name}"), admin, name))
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = std::env::temp_dir().join(format!("tessera-bench-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut fixtures = vec![];
    let (db, production) = rt.block_on(seed(&format!("sqlite://{}/b.db?mode=rwc", dir.display())));
    fixtures.push(("sqlite", Fixture { db, production, drop_pg: None }));
    if let Some((url, admin, name)) = postgres_url() {
        let (db, production) = rt.block_on(seed(&url));
        fixtures.push(("postgresql", Fixture { db, production, drop_pg: Some((admin, name)) }));
    } else {
        eprintln!("PostgreSQL unreachable: benchmarking SQLite only");
    }
    let closed = OrderState::Closed.as_str();
    let mut group = c.benchmark_group("production_portal_list_5000_orders");
    for (backend, f) in &fixtures {
        let scope = AccessScope::Organization(f.production.into());
        let (rows, total) = rt.block_on(orders::list(&f.db, scope, None, PAGE, 0)).expect("list");
        assert_eq!((rows.len(), total as usize), (PAGE as usize, MINE), "{backend}: the production's own orders only");
        assert!(rows.iter().all(|r| r.organization_id == f.production), "{backend}: in scope");
        let (rows, total) = rt.block_on(orders::list(&f.db, scope, Some(closed), PAGE, DEEP)).expect("list");
        assert_eq!(rows.len(), PAGE as usize, "{backend}: {total} closed orders reach past offset {DEEP}");
        assert!(rows.iter().all(|r| r.state == closed), "{backend}: closed only");
        group.bench_function(format!("{backend}/first_page"), |b| {
            b.to_async(&rt).iter(|| async { orders::list(&f.db, scope, None, PAGE, 0).await.expect("list") })
        });
        group.bench_function(format!("{backend}/closed_offset_{DEEP}"), |b| {
            b.to_async(&rt).iter(|| async { orders::list(&f.db, scope, Some(closed), PAGE, DEEP).await.expect("list") })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("settlements_balances_100000_rows_year");
    for (backend, f) in &fixtures {
        let b = rt.block_on(year_balances(&f.db));
        assert_eq!(b.productions.len(), LEDGER_PRODUCTIONS, "{backend}: every production");
        assert!(b.productions.iter().all(|p| p.balance.opening + p.balance.debits - p.balance.credits == p.balance.closing), "{backend}");
        group.bench_function(format!("{backend}/all_productions"), |bch| bch.to_async(&rt).iter(|| async { year_balances(&f.db).await }));
    }
    group.finish();
    for (_, f) in fixtures {
        if let Some((admin, name)) = f.drop_pg {
            rt.block_on(f.db.close()).ok();
            let _ = std::process::Command::new("psql").arg(&admin).arg("-qc").arg(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).status();
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

criterion_group!(benches, bench);
criterion_main!(benches);
