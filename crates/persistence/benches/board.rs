//! The board of one manager with 2,000 open deals (issue 3: "answers in under 50 ms on SQLite and
//! PostgreSQL"), plus 2,000 deals of other managers in the same pipeline as noise.
//!
//! `cargo bench -p persistence --bench board` — SQLite always; PostgreSQL when
//! `TEST_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`) is reachable: the bench
//! creates and drops its own database there.
use criterion::{Criterion, criterion_group, criterion_main};
use persistence::entities::{client, deal, organization, pipeline, user};
use persistence::repo::pipelines::{self, Pipeline};
use persistence::repo::sales::{CardFilter, board};
use persistence::{AccessScope, Db};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};
use std::sync::Arc;
use uuid::Uuid;

const MINE: usize = 2_000;
const OTHERS: usize = 2_000;

struct Fixture {
    db: Db,
    pipeline: Arc<Pipeline>,
    cache: pipelines::Cache,
    manager: Uuid,
    drop_pg: Option<(String, String)>,
}

async fn seed(url: &str) -> (Db, Pipeline, Uuid) {
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
    let mut managers = vec![];
    for i in 0..5 {
        let u = user::Model {
            id: Uuid::now_v7(), organization_id: org.id, email: format!("m{i}@bench"), full_name: format!("Менеджер {i}"),
            role: "manager".into(), password_hash: String::new(), is_active: true, locale: "ru".into(), created_at: now, updated_at: now, version: 1,
            token_version: 0,
        }
        .into_active_model()
        .insert(&db)
        .await
        .expect("user");
        managers.push(u.id);
    }
    let c = client::Model {
        id: Uuid::now_v7(), organization_id: org.id, name: "ООО «Клиент»".into(), public_name: None, name_norm: "клиент".into(),
        sort_name: "ооо «клиент»".into(), search_text: "ооо «клиент»".into(), person_kind: "legal".into(), relationship: "client".into(),
        segment: None, client_type: None, email: None, phone: None, manager_id: None, notes: None, created_by: None, created_at: now,
        updated_at: now, version: 1,
    }
    .into_active_model()
    .insert(&db)
    .await
    .expect("client");
    let open: Vec<String> = pipeline.def.stages.iter().filter(|s| s.kind == domain::pipelines::StageKind::Open).map(|s| s.code.clone()).collect();
    let rows: Vec<deal::Model> = (0..MINE + OTHERS)
        .map(|i| {
            let at = now - chrono::Duration::minutes(i as i64);
            deal::Model {
                id: Uuid::now_v7(), organization_id: org.id, number: i as i64 + 1, pipeline_id: pipeline.row.id, stage: open[i % open.len()].clone(),
                stage_entered_at: at, status: "open".into(), title: format!("Сделка {i}"), search_text: format!("сделка {i}"), kind: "tile_sale".into(),
                client_id: c.id, counterparty_id: None, responsible_id: Some(if i < MINE { managers[0] } else { managers[1 + i % 4] }),
                expected_revenue_minor: Some(1_000_000 + i as i64), currency: "RUB".into(), delivery_address: None, offer_details: None,
                promised_payment_date: None, review_score: None, lead_id: None, channel: "site".into(), keywords: None, utm_source: None,
                utm_medium: None, utm_campaign: None, utm_term: None, utm_content: None, call_tracking_number: None, checklist: "[]".into(),
                facts: "[]".into(), loss_reason: None, loss_objections: None, add_to_mailing: false, closed_at: None, created_by: None,
                created_at: at, updated_at: at, version: 1,
            }
        })
        .collect();
    for chunk in rows.chunks(200) {
        deal::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model)).exec(&db).await.expect("deals");
    }
    (db, pipeline, managers[0])
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
    let (db, pipeline, manager) = rt.block_on(seed(&format!("sqlite://{}/b.db?mode=rwc", dir.display())));
    fixtures.push(("sqlite", Fixture { db, pipeline: Arc::new(pipeline), cache: Default::default(), manager, drop_pg: None }));
    if let Some((url, admin, name)) = postgres_url() {
        let (db, pipeline, manager) = rt.block_on(seed(&url));
        fixtures.push(("postgresql", Fixture { db, pipeline: Arc::new(pipeline), cache: Default::default(), manager, drop_pg: Some((admin, name)) }));
    } else {
        eprintln!("PostgreSQL unreachable: benchmarking SQLite only");
    }
    let mut group = c.benchmark_group("board_2000_open_deals_of_one_manager");
    for (backend, f) in &fixtures {
        let filter = CardFilter { responsible_id: Some(f.manager.into()), ..Default::default() };
        let board = rt.block_on(board::of_deals(&f.db, &f.cache, AccessScope::All, f.pipeline.clone(), &filter, 50)).expect("board");
        let total: i64 = board.columns.iter().map(|c| c.count).sum();
        assert_eq!(total as usize, MINE, "{backend}: the manager's deals only");
        for per_stage in [20, 50] {
            group.bench_function(format!("{backend}/{per_stage}_per_stage"), |b| {
                b.to_async(&rt).iter(|| async {
                    board::of_deals(&f.db, &f.cache, AccessScope::All, f.pipeline.clone(), &filter, per_stage).await.expect("board")
                })
            });
        }
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
