//! Demo data for `make run`: the head company, three productions with their profiles, one user per
//! role, a dozen clients.
//! Loaded only when TESSERA_DEMO is on and the database is empty.
use crate::AppState;
use crate::auth::{Claims, Credentials};
use domain::clients::commands::NewClient;
use domain::clients::{CounterpartyDraft, PersonKind, Relationship, Requisites};
use domain::{Email, Inn, OrganizationKind, Phone, Role, sees_all_organizations};
use persistence::entities::{organization, user};
use persistence::repo::identity;
use uuid::Uuid;

mod documents;
mod finance;
mod production;
mod sales;

pub const PASSWORD: &str = "demo12345";

const ORGS: [(&str, &str, &str, &str, f64, f64); 4] = [
    ("head", "ООО «АртПрайм»", "Москва", "Москва", 55.7558, 37.6173),
    ("production", "Производство Екатеринбург", "Екатеринбург", "Свердловская область", 56.8389, 60.6057),
    ("production", "Производство Новосибирск", "Новосибирск", "Новосибирская область", 55.0084, 82.9357),
    ("production", "Производство Краснодар", "Краснодар", "Краснодарский край", 45.0355, 38.9753),
];

/// (organization index, name, INN prefix (9 digits), phone, e-mail)
const CLIENTS: [(usize, &str, &str, &str, &str); 12] = [
    (0, "ООО «Детский мир Подмосковья»", "772501234", "+74951234501", "zakupki@detmir-pm.ru"),
    (0, "ООО «СпортПлощадка»", "771402345", "+74951234502", "info@sportploshadka.ru"),
    (0, "ООО «Фитнес Групп»", "770903456", "+74951234503", "office@fitnessgroup.ru"),
    (0, "АО «Парки Москвы»", "770104567", "+74951234504", "parki@mos-parki.ru"),
    (0, "ООО «ДачаСтрой»", "500105678", "+74951234505", "sales@dachastroy.ru"),
    (0, "ООО «Конный клуб Виктория»", "502306789", "+74951234506", "club@victoria-horse.ru"),
    (1, "ООО «УралСпортСтрой»", "667107890", "+73432345601", "office@uralsport.ru"),
    (1, "ООО «Екатеринбургские дворы»", "665808901", "+73432345602", "dvor@ekb-dvory.ru"),
    (2, "ООО «СибирьПлей»", "540609012", "+73832345601", "play@sibplay.ru"),
    (2, "ООО «Новосибирские площадки»", "540100123", "+73832345602", "info@nsk-ploshadki.ru"),
    (3, "ООО «ЮгАгроФерма»", "231001234", "+78612345601", "ferma@yugagro.ru"),
    (3, "ООО «Кубань Спорт»", "230902345", "+78612345602", "sport@kuban-sport.ru"),
];

/// A demo person's credentials, as a login would give them (the use cases check them as any).
fn credentials(user: &user::Model, org_kind: OrganizationKind) -> Credentials {
    let role = Role::parse(&user.role).unwrap_or(Role::Analyst);
    Credentials::Token(Claims {
        sub: user.id.into(), org: user.organization_id.into(), role, all: sees_all_organizations(role, org_kind), ver: user.token_version,
        exp: i64::MAX,
    })
}

pub async fn seed_if_empty(ctx: &AppState, with_sales: bool) -> anyhow::Result<()> {
    if identity::count_organizations(&ctx.db).await? > 0 {
        return Ok(());
    }
    let now = ctx.now();
    crate::app::clients::banks::import_directory(&ctx.db, crate::app::clients::bank_directory::SAMPLE, now).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut orgs = vec![];
    for (kind, name, city, region, lat, lon) in ORGS {
        let id = Uuid::now_v7();
        identity::insert_organization(&ctx.db, organization::Model {
            id, kind: kind.into(), name: name.into(), inn: None, kpp: None, city: Some(city.into()), region: Some(region.into()),
            address: None, latitude: Some(lat), longitude: Some(lon), created_at: now, utc_offset_minutes: 180, advance_reminder_days: 3,
        })
        .await?;
        let kind = OrganizationKind::parse(kind).ok_or_else(|| anyhow::anyhow!("organization kind {kind}"))?;
        orgs.push((id, kind));
    }
    // One hash for every demo user: argon2 is slow on purpose and demo accounts share the password.
    let hash = crate::auth::hash_password(PASSWORD).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut users = vec![];
    for role in Role::ALL.iter().copied().filter(|r| *r != Role::Production) {
        users.push((format!("{}@demo.local", role.as_str()), role, 0, role.title_ru().to_owned()));
    }
    for i in 1..orgs.len() {
        users.push((format!("production{i}@demo.local"), Role::Production, i, format!("Сотрудник производства {i}")));
    }
    let mut people = std::collections::HashMap::new();
    let mut manager_of = vec![None; orgs.len()];
    for (email, role, org, full_name) in users {
        let u = identity::insert_user(&ctx.db, user::Model {
            id: Uuid::now_v7(), organization_id: orgs[org].0, email, full_name, role: role.as_str().into(), password_hash: hash.clone(),
            is_active: true, locale: "ru".into(), created_at: now, updated_at: now, version: 1, token_version: 0,
        })
        .await?;
        if matches!(role, Role::Manager | Role::Production) {
            manager_of[org] = Some(u.id);
        }
        people.insert(who_is(role, org), (credentials(&u, orgs[org].1), u.id));
    }
    let mut take = |key: &str| people.remove(key).ok_or_else(|| anyhow::anyhow!("demo user {key}"));
    let admin = take("admin")?;
    let manager = take("manager")?;
    let production = take("production1")?;
    let mut demo_clients = vec![];
    let mut parties = vec![];
    for (org_idx, name, inn_prefix, phone, email) in CLIENTS {
        let inn = Inn::with_check_digits(inn_prefix).map(|i| i.as_str().to_owned());
        let kpp = format!("{}01001", &inn_prefix[..4]);
        let requisites = Requisites::parse(&CounterpartyDraft { kind: "legal_entity", name, inn: inn.as_deref(), kpp: Some(&kpp), ..Default::default() })
            .map_err(|e| anyhow::anyhow!("demo requisites of {name}: {e}"))?;
        let cmd = NewClient {
            name: name.into(), public_name: None, person_kind: PersonKind::Legal, relationship: Relationship::Client, segment: None,
            client_type: None, email: Email::parse(email).ok(), phone: Phone::parse(phone).ok(), manager_id: manager_of[org_idx].map(Into::into),
            organization_id: Some(orgs[org_idx].0.into()), notes: None, counterparty: Some(requisites), contact: None,
        };
        let card = crate::app::clients::clients::create(ctx, &admin.0, cmd).await.map_err(|e| anyhow::anyhow!("demo client {name}: {e}"))?;
        let counterparty_id = card.row.counterparties.first().map(|c| c.id).ok_or_else(|| anyhow::anyhow!("demo client {name} without a counterparty"))?;
        demo_clients.push((org_idx, sales::DemoClient { id: card.row.client.id, counterparty_id }));
        parties.push((card.row.client.id, counterparty_id));
    }
    let org_ids: Vec<Uuid> = orgs.iter().map(|(id, _)| *id).collect();
    documents::seed_base(ctx, &admin.0, &org_ids, &parties).await?;
    production::seed(ctx, &admin.0, &org_ids[1..]).await?;
    if with_sales {
        let people = sales::People { manager: manager.0, logistician: take("logistician")?.0, accountant: take("accountant")?.0, production: production.0, admin: admin.0 };
        let (head, rest): (Vec<_>, Vec<_>) = demo_clients.into_iter().partition(|(org, _)| *org == 0);
        let head: Vec<_> = head.into_iter().map(|(_, c)| c).collect();
        let first_production = rest.into_iter().find(|(org, _)| *org == 1).map(|(_, c)| c).ok_or_else(|| anyhow::anyhow!("no production client"))?;
        let deals = sales::seed(ctx, &people, &head, &first_production).await?;
        if let Some((_, olimp)) = deals.iter().find(|(title, _)| title.starts_with("Спортивный комплекс «Олимп»")) {
            production::history(ctx, &org_ids[1..], *olimp).await?;
        }
        let statement = finance::statement(ctx, org_ids[0]).await?;
        ctx.files.put(finance::STATEMENT_KEY, &statement).await.map_err(|e| anyhow::anyhow!("the demo statement: {e}"))?;
    }
    tracing::info!("demo data loaded");
    Ok(())
}

/// The key a demo person is kept under: the role, or `production<N>`.
fn who_is(role: Role, org_index: usize) -> String {
    if role == Role::Production { format!("production{org_index}") } else { role.as_str().to_owned() }
}

pub fn print_logins(files_dir: &str) {
    let statement = std::path::Path::new(files_dir).join(finance::STATEMENT_KEY);
    if statement.exists() {
        println!("A bank statement of today to import (accountant, «Платежи» → «Загрузить выписку»): {}", statement.display());
    }
    println!("Demo logins (password {PASSWORD}):");
    for role in Role::ALL.iter().filter(|r| **r != Role::Production) {
        println!("  {:<28} {}", format!("{}@demo.local", role.as_str()), role.title_ru());
    }
    for i in 1..=3 {
        println!("  {:<28} Производство {i}", format!("production{i}@demo.local"));
    }
}
