//! One search across clients, contacts, leads and deals with 100,000 clients (issue 9: "answering
//! in under 50 ms with 100,000 clients on PostgreSQL and SQLite"): what `GET /search` asks the
//! database — the four kinds, and the card number when the query is one.
//!
//! `cargo bench -p persistence --bench search` — SQLite always; PostgreSQL when
//! `TEST_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`) is reachable: the bench
//! creates and drops its own database there.
use criterion::{Criterion, criterion_group, criterion_main};
use domain::search::SearchQuery;
use persistence::entities::{client, contact, deal, organization, pipeline};
use persistence::repo::{pipelines, search};
use persistence::{AccessScope, Db};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};
use uuid::Uuid;

const CLIENTS: usize = 100_000;
const DEALS: usize = 20_000;

const WORDS: [&str; 40] = [
    "Ромашка", "Стройпарк", "Детство", "Спортплощадка", "Газон", "Покрытие", "Резина", "Двор", "Школа", "Парк", "Фитнес", "Арена", "Олимп",
    "Чемпион", "Лидер", "Вектор", "Альфа", "Омега", "Гранит", "Базальт", "Север", "Юг", "Восток", "Запад", "Волга", "Урал", "Сибирь",
    "Кубань", "Дон", "Нева", "Ока", "Кама", "Радуга", "Солнце", "Луч", "Мост", "Дом", "Сад", "Лес", "Поле",
];

fn name(i: usize) -> String {
    let form = ["ООО", "АО", "ИП"][i % 3];
    format!("{form} «{} {} {i}»", WORDS[i % 40], WORDS[(i / 40) % 40])
}

async fn seed(url: &str) -> Db {
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
    let org = organization::Model {
        id: Uuid::now_v7(), kind: "head".into(), name: "Бенчмарк".into(), inn: None, kpp: None, city: None, region: None, address: None,
        latitude: None, longitude: None, created_at: now, utc_offset_minutes: 180, advance_reminder_days: 3,
    }
    .into_active_model()
    .insert(&db)
    .await
    .expect("org");
    let mut client_ids = Vec::with_capacity(CLIENTS);
    for chunk in (0..CLIENTS).collect::<Vec<_>>().chunks(500) {
        let clients: Vec<client::Model> = chunk
            .iter()
            .map(|&i| {
                let name = name(i);
                let phone = format!("+7495{i:07}");
                let email = format!("info{i}@firma{}.ru", i % 977);
                let inn = format!("77{i:08}");
                let search_text = format!("{name} {phone} {email} {inn}").to_lowercase();
                client::Model {
                    id: Uuid::now_v7(), organization_id: org.id, sort_name: name.to_lowercase(), name_norm: name.to_lowercase(), name, public_name: None,
                    search_text, person_kind: "legal".into(), relationship: "client".into(), segment: None, client_type: None, email: Some(email),
                    phone: Some(phone), manager_id: None, notes: None, created_by: None, created_at: now, updated_at: now, version: 1,
                }
            })
            .collect();
        client_ids.extend(clients.iter().map(|c| c.id));
        let contacts: Vec<contact::Model> = clients
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let i = chunk[k];
                contact::Model {
                    id: Uuid::now_v7(), client_id: c.id, organization_id: org.id, last_name: Some(format!("{}ов", WORDS[(i / 7) % 40])),
                    first_name: ["Анна", "Пётр", "Ирина", "Олег"][i % 4].into(), middle_name: None, position: None, phone: None,
                    mobile: Some(format!("+7916{i:07}")), email: None, created_at: now, updated_at: now, version: 1,
                }
            })
            .collect();
        client::Entity::insert_many(clients.into_iter().map(IntoActiveModel::into_active_model)).exec(&db).await.expect("clients");
        contact::Entity::insert_many(contacts.into_iter().map(IntoActiveModel::into_active_model)).exec(&db).await.expect("contacts");
    }
    let stage = funnel.stages[0].code.clone();
    for chunk in (0..DEALS).collect::<Vec<_>>().chunks(500) {
        let deals: Vec<deal::Model> = chunk
            .iter()
            .map(|&i| {
                let title = format!("Покрытие {} {i}", WORDS[(i / 3) % 40]);
                deal::Model {
                    id: Uuid::now_v7(), organization_id: org.id, number: i as i64 + 1, pipeline_id: pipeline.row.id, stage: stage.clone(),
                    stage_entered_at: now, status: "open".into(), search_text: title.to_lowercase(), title, kind: "tile_sale".into(),
                    client_id: client_ids[i * 5], counterparty_id: None, responsible_id: None, expected_revenue_minor: None, currency: "RUB".into(),
                    delivery_address: None, offer_details: None, promised_payment_date: None, review_score: None, lead_id: None, channel: "site".into(),
                    keywords: None, utm_source: None, utm_medium: None, utm_campaign: None, utm_term: None, utm_content: None,
                    call_tracking_number: None, checklist: "[]".into(), facts: "[]".into(), loss_reason: None, loss_objections: None,
                    add_to_mailing: false, closed_at: None, created_by: None, created_at: now, updated_at: now, version: 1,
                }
            })
            .collect();
        deal::Entity::insert_many(deals.into_iter().map(IntoActiveModel::into_active_model)).exec(&db).await.expect("deals");
    }
    db
}

/// Everything one `GET /search` asks the database, as it asks it: the four kinds at once.
async fn search_all(db: &Db, q: &SearchQuery) -> usize {
    let scope = AccessScope::All;
    let (c, k, l, d) = tokio::try_join!(
        search::clients(db, scope, q, 30),
        search::contacts(db, scope, q, 30),
        search::leads(db, scope, q, 30),
        search::deals(db, scope, q, 30),
    )
    .expect("search");
    c.len() + k.len() + l.len() + d.len()
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
    let mut fixtures = vec![("sqlite", rt.block_on(seed(&format!("sqlite://{}/s.db?mode=rwc", dir.display()))), None)];
    if let Some((url, admin, name)) = postgres_url() {
        let db = rt.block_on(seed(&url));
        rt.block_on(sea_orm::ConnectionTrait::execute_unprepared(&db, "ANALYZE")).expect("analyze");
        fixtures.push(("postgresql", db, Some((admin, name))));
    } else {
        eprintln!("PostgreSQL unreachable: benchmarking SQLite only");
    }
    // A client by part of its name, a phone's tail, an e-mail, an INN, a deal's number, a word
    // thousands of rows contain, three letters thousands of contacts' names contain, and a
    // number too short to search as text.
    let queries = [
        ("name", "ромашка двор 4"),
        ("phone_tail", "004-24-42"),
        ("full_phone", "8 (495) 000-42-42"),
        ("email", "info4242@firma"),
        ("inn", "7700004242"),
        ("number", "№4242"),
        ("common_word", "ромашка"),
        ("three_letters", "нов"),
        ("short_number", "№42"),
    ];
    let mut group = c.benchmark_group("search_100000_clients");
    for (backend, db, _) in &fixtures {
        for (what, typed) in queries {
            let q = SearchQuery::parse(typed).expect("query");
            let found = rt.block_on(search_all(db, &q));
            assert!(found > 0, "{backend}/{what}: nothing found for {typed}");
            group.bench_function(format!("{backend}/{what}"), |b| b.to_async(&rt).iter(|| search_all(db, &q)));
        }
    }
    group.finish();
    for (_, db, drop_pg) in fixtures {
        if let Some((admin, name)) = drop_pg {
            rt.block_on(db.close()).ok();
            let _ = std::process::Command::new("psql").arg(&admin).arg("-qc").arg(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).status();
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

criterion_group!(benches, bench);
criterion_main!(benches);
