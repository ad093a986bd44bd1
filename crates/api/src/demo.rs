//! Demo data for `make run`: the head company, three productions, one user per role, a dozen clients.
//! Loaded only when TESSERA_DEMO is on and the database is empty.
use chrono::Utc;
use domain::{Inn, Role};
use persistence::entities::{client, counterparty, organization, user};
use persistence::{Db, repo};
use uuid::Uuid;

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

pub async fn seed_if_empty(db: &Db, with_sales: bool) -> anyhow::Result<()> {
    if repo::count_organizations(db).await? > 0 {
        return Ok(());
    }
    crate::routes::import_directory(db, crate::bank_directory::SAMPLE).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = Utc::now();
    let mut org_ids = vec![];
    for (kind, name, city, region, lat, lon) in ORGS {
        let id = Uuid::now_v7();
        repo::insert_organization(db, organization::Model {
            id, kind: kind.into(), name: name.into(), inn: None, kpp: None, city: Some(city.into()), region: Some(region.into()),
            address: None, latitude: Some(lat), longitude: Some(lon), created_at: now,
        })
        .await?;
        org_ids.push(id);
    }
    // One hash for every demo user: argon2 is slow on purpose and demo accounts share the password.
    let hash = crate::auth::hash_password(PASSWORD).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut users = vec![];
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Production) {
        users.push((format!("{}@demo.local", role.as_str()), role, org_ids[0], role.title_ru().to_owned()));
    }
    for (i, org) in org_ids.iter().enumerate().skip(1) {
        users.push((format!("production{i}@demo.local"), Role::Production, *org, format!("Сотрудник производства {i}")));
    }
    let mut manager_per_org = vec![None; org_ids.len()];
    let mut actors = std::collections::HashMap::new();
    for (email, role, org, full_name) in users {
        let id = Uuid::now_v7();
        let idx = org_ids.iter().position(|o| *o == org).unwrap_or(0);
        actors.entry(email_of_role(role, idx)).or_insert_with(|| crate::demo_sales::actor(id, role, &full_name));
        repo::insert_user(db, user::Model {
            id, organization_id: org, email, full_name, role: role.as_str().into(), password_hash: hash.clone(),
            is_active: true, locale: "ru".into(), created_at: now, updated_at: now, version: 1,
        })
        .await?;
        if matches!(role, Role::Manager | Role::Production) {
            manager_per_org[idx] = Some(id);
        }
    }
    let demo_actor = repo::AuditActor { user_id: None, name: "Демо-данные".into() };
    let mut demo_clients = vec![];
    for (org_idx, name, inn_prefix, phone, email) in CLIENTS {
        let id = Uuid::now_v7();
        let organization_id = org_ids[org_idx];
        let inn = Inn::with_check_digits(inn_prefix).map(|i| i.as_str().to_owned());
        let model = client::Model {
            id, organization_id, name: name.into(), public_name: None,
            // Derived by the repository.
            name_norm: String::new(), sort_name: String::new(), search_text: String::new(),
            person_kind: "legal".into(), relationship: "client".into(), segment: None, client_type: None,
            email: Some(email.into()), phone: Some(phone.into()), manager_id: manager_per_org[org_idx], notes: None,
            created_by: None, created_at: now, updated_at: now, version: 1,
        };
        let cp = counterparty::Model {
            id: Uuid::now_v7(), client_id: id, organization_id, kind: "legal_entity".into(), name: name.into(), inn,
            kpp: Some(format!("{}01001", &inn_prefix[..4])), ogrn: None, okpo: None, legal_address: None, actual_address: None,
            approved: false, approved_by: None, approved_at: None, created_at: now, updated_at: now, version: 1,
        };
        let cp_id = cp.id;
        repo::insert_client(db, persistence::AccessScope::All, model, vec![cp], vec![], &demo_actor).await?;
        demo_clients.push((org_idx, crate::demo_sales::DemoClient { id, organization_id, counterparty_id: cp_id }));
    }
    if with_sales {
        let mut take = |key: &str| actors.remove(key).ok_or_else(|| anyhow::anyhow!("demo user {key}"));
        let people = crate::demo_sales::People {
            manager: take("manager")?,
            logistician: take("logistician")?,
            accountant: take("accountant")?,
            production: take("production1")?,
        };
        let (head, rest): (Vec<_>, Vec<_>) = demo_clients.into_iter().partition(|(org, _)| *org == 0);
        let head: Vec<_> = head.into_iter().map(|(_, c)| c).collect();
        let first_production = rest.into_iter().find(|(org, _)| *org == 1).map(|(_, c)| c).ok_or_else(|| anyhow::anyhow!("no production client"))?;
        crate::demo_sales::seed(db, &people, &head, &first_production).await?;
    }
    tracing::info!("demo data loaded");
    Ok(())
}

/// The key a demo user's actor is kept under: its role, or `production<N>`.
fn email_of_role(role: Role, org_index: usize) -> String {
    if role == Role::Production { format!("production{org_index}") } else { role.as_str().to_owned() }
}

pub fn print_logins() {
    println!("Demo logins (password {PASSWORD}):");
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Production) {
        println!("  {:<28} {}", format!("{}@demo.local", role.as_str()), role.title_ru());
    }
    for i in 1..=3 {
        println!("  {:<28} Производство {i}", format!("production{i}@demo.local"));
    }
}
