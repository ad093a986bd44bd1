use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

pub const PASSWORD: &str = "demo12345";

/// A running server with its own database; killed (and its database dropped) on drop.
pub struct TestApp {
    pub base: String,
    pub http: reqwest::Client,
    child: Child,
    _dir: TempDir,
    pg_db: Option<String>,
    /// The server's clock reads the instant in this file (system time while there is none).
    clock_file: std::path::PathBuf,
    database_url: String,
    /// What this server was started with beyond the defaults (kept for [`TestApp::restart`]).
    extra_env: Vec<(String, String)>,
}

struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn pg_admin_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

fn psql(sql: &str) {
    let status = Command::new("psql").arg(pg_admin_url()).arg("-qc").arg(sql).stdout(Stdio::null()).status().expect("psql");
    assert!(status.success(), "psql failed: {sql}");
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        let dir = std::env::temp_dir().join(format!("tessera-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let (url, pg_db) = if std::env::var("TESSERA_TEST_DB").as_deref() == Ok("postgres") {
            let name = format!("t_{}", uuid::Uuid::new_v4().simple());
            psql(&format!("CREATE DATABASE {name}"));
            let base = pg_admin_url();
            let root = base.rsplit_once('/').map(|(r, _)| r).unwrap_or(&base).to_owned();
            (format!("{root}/{name}"), Some(name))
        } else {
            (format!("sqlite://{}/t.db?mode=rwc", dir.display()), None)
        };
        TestApp::start(dir, url, pg_db, vec![])
    }

    /// A server started with these environment variables besides the defaults.
    pub async fn spawn_with(env: &[(&str, &str)]) -> TestApp {
        let mut app = TestApp::spawn().await;
        let env: Vec<(String, String)> = env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        app.restart_with(env);
        app
    }

    /// Stops the server process at once (SIGKILL: no goodbye) and starts it again on the same
    /// database, files and environment.
    pub fn restart(&mut self) {
        let env = self.extra_env.clone();
        self.restart_with(env);
    }

    fn restart_with(&mut self, env: Vec<(String, String)>) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let (child, base) = TestApp::launch(&self._dir.0, &self.database_url, &env);
        self.child = child;
        self.base = base;
        self.extra_env = env;
    }

    /// The directory of this server's own files (`files/`, `mail/`, the clock).
    pub fn dir(&self) -> &std::path::Path {
        &self._dir.0
    }

    /// A second server process on this one's database (it drops nothing when it stops).
    pub async fn second_process(&self) -> TestApp {
        let dir = std::env::temp_dir().join(format!("tessera-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TestApp::start(dir, self.database_url.clone(), None, vec![])
    }

    fn start(dir: std::path::PathBuf, url: String, pg_db: Option<String>, env: Vec<(String, String)>) -> TestApp {
        let (child, base) = TestApp::launch(&dir, &url, &env);
        TestApp { base, http: reqwest::Client::new(), child, clock_file: dir.join("clock"), _dir: TempDir(dir), pg_db, database_url: url, extra_env: env }
    }

    fn launch(dir: &std::path::Path, url: &str, env: &[(String, String)]) -> (Child, String) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tessera"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd
            .arg("serve")
            .env("DATABASE_URL", &url)
            .env("TESSERA_BIND", "127.0.0.1:0")
            .env("TESSERA_DEMO", "base")
            .env("TESSERA_JWT_SECRET", "test-secret-test-secret-test-secret-42")
            .env("TESSERA_STATIC_DIR", dir.display().to_string())
            .env("TESSERA_FILES_DIR", dir.join("files").display().to_string())
            .env("TESSERA_MAIL_DIR", dir.join("mail").display().to_string())
            .env("TESSERA_TEST_CLOCK_FILE", dir.join("clock").display().to_string())
            // Login limits go by the caller's address; tests speak for several addresses.
            .env("TESSERA_TRUST_FORWARDED", "1")
            .env("TESSERA_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start tessera");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let line = lines.next().expect("server exited before listening").expect("read stdout");
            if let Some(addr) = line.strip_prefix("Tessera listening on ") {
                break addr.trim().to_owned();
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        (child, base)
    }

    /// Stops the server's clock at `at`: everything it records from now on happens then.
    pub fn set_clock(&self, at: chrono::DateTime<chrono::Utc>) {
        std::fs::write(&self.clock_file, at.to_rfc3339()).expect("write the test clock");
    }

    /// Moves the server's (stopped) clock on by `by`.
    pub fn advance_clock(&self, by: chrono::Duration) {
        let now = std::fs::read_to_string(&self.clock_file).ok().and_then(|s| chrono::DateTime::parse_from_rfc3339(s.trim()).ok()).expect("the clock was set");
        self.set_clock(now.with_timezone(&chrono::Utc) + by);
    }

    /// The directory the server serves the web app from (`TESSERA_STATIC_DIR`).
    pub fn static_dir(&self) -> &std::path::Path {
        &self._dir.0
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A login attempt as if from `address`; the status, the body and `Retry-After`.
    pub async fn login_from(&self, address: &str, email: &str, password: &str) -> (u16, Value, Option<u64>) {
        let resp = self
            .http
            .post(self.url("/api/v1/auth/login"))
            .header("x-forwarded-for", address)
            .json(&json!({"email": email, "password": password}))
            .send()
            .await
            .expect("login");
        let status = resp.status().as_u16();
        let retry = resp.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
        (status, resp.json().await.unwrap_or(Value::Null), retry)
    }

    pub async fn login(&self, email: &str) -> String {
        let r = self.post(None, "/api/v1/auth/login", json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(r.0, 200, "login {email}: {}", r.1);
        r.1["access_token"].as_str().expect("token").to_owned()
    }

    pub async fn send(&self, token: Option<&str>, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self.http.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("request");
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    pub async fn get(&self, token: Option<&str>, path: &str) -> (u16, Value) {
        self.send(token, reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, token: Option<&str>, path: &str, body: Value) -> (u16, Value) {
        self.send(token, reqwest::Method::POST, path, Some(body)).await
    }

    /// Ids of every client the token can list.
    pub async fn client_ids(&self, token: &str) -> Vec<String> {
        let (s, page) = self.get(Some(token), "/api/v1/clients?limit=200").await;
        assert_eq!(s, 200, "{page}");
        page["items"].as_array().expect("items").iter().map(|c| c["id"].as_str().expect("id").to_owned()).collect()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(db) = &self.pg_db {
            psql(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
        }
    }
}

/// A valid 10-digit INN that no demo client has.
pub fn fresh_inn() -> String {
    let n = uuid::Uuid::new_v4().as_u128() % 1_000_000;
    domain::Inn::with_check_digits(&format!("770{n:06}")).expect("inn").as_str().to_owned()
}

// ---------- the sales funnel: cards, moves, requests, files ----------

/// `(field, code)` of every error in a problem body, in order.
pub fn errors(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .map(|a| a.iter().map(|e| (e["field"].as_str().unwrap_or("").to_owned(), e["code"].as_str().unwrap_or("").to_owned())).collect())
        .unwrap_or_default()
}

/// The error pairs as `&str`s, for `assert_eq!` against literals.
pub fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(f, c)| (f.as_str(), c.as_str())).collect()
}

/// A JSON string field as `&str` (panics with the body when absent).
pub fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("no string {key} in {v}"))
}

/// Ids of a list response's items.
pub fn ids(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap_or_else(|| panic!("no items in {page}")).iter().map(|i| s(i, "id").to_owned()).collect()
}

/// A downloaded file.
pub struct Download {
    pub status: u16,
    pub content_type: String,
    pub disposition: String,
    /// `X-Content-Type-Options`.
    pub sniffing: String,
    pub bytes: Vec<u8>,
}

impl TestApp {
    pub async fn patch(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.send(Some(token), reqwest::Method::PATCH, path, Some(body)).await
    }

    pub async fn put(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.send(Some(token), reqwest::Method::PUT, path, Some(body)).await
    }

    /// Logs in the demo user of a role (`manager` → manager@demo.local).
    pub async fn as_role(&self, role: &str) -> String {
        self.login(&format!("{role}@demo.local")).await
    }

    /// GET that must answer 200.
    pub async fn ok(&self, token: &str, path: &str) -> Value {
        let (st, body) = self.get(Some(token), path).await;
        assert_eq!(st, 200, "GET {path}: {body}");
        body
    }

    /// The id of a pipeline by its code (`leads`, `tile_sale`, or an admin's).
    pub async fn pipeline_id(&self, token: &str, code: &str) -> String {
        let list = self.ok(token, "/api/v1/pipelines").await;
        let p = list["items"].as_array().expect("items").iter().find(|p| p["code"] == code).unwrap_or_else(|| panic!("no pipeline {code} in {list}"));
        s(p, "id").to_owned()
    }

    /// Organization id by name (as the admin sees them).
    pub async fn organization_id(&self, name: &str) -> String {
        let admin = self.as_role("admin").await;
        let orgs = self.ok(&admin, "/api/v1/organizations").await;
        let o = orgs["items"].as_array().expect("items").iter().find(|o| o["name"] == name).unwrap_or_else(|| panic!("no organization {name}"));
        s(o, "id").to_owned()
    }

    /// The user id of an active person by role (as the admin sees staff).
    pub async fn user_id(&self, email: &str) -> String {
        let admin = self.as_role("admin").await;
        let users = self.ok(&admin, "/api/v1/users?limit=100").await;
        let u = users["items"].as_array().expect("items").iter().find(|u| u["email"] == email).unwrap_or_else(|| panic!("no user {email}"));
        s(u, "id").to_owned()
    }

    /// A demo client the token can see, by name.
    pub async fn client_named(&self, token: &str, name: &str) -> Value {
        let page = self.ok(token, "/api/v1/clients?limit=200").await;
        let c = page["items"].as_array().expect("items").iter().find(|c| c["name"] == name).unwrap_or_else(|| panic!("no client {name}"));
        self.ok(token, &format!("/api/v1/clients/{}", s(c, "id"))).await
    }

    /// Creates a lead (a phone and a channel are filled in unless `body` has them); must answer 201.
    pub async fn new_lead(&self, token: &str, body: Value) -> Value {
        let mut b = json!({"channel": "site", "phone": "+7 900 111-22-33", "contact_name": "Анна"});
        if let (Some(obj), Some(extra)) = (b.as_object_mut(), body.as_object()) {
            for (k, v) in extra {
                obj.insert(k.clone(), v.clone());
            }
        }
        let (st, lead) = self.post(Some(token), "/api/v1/leads", b).await;
        assert_eq!(st, 201, "create lead: {lead}");
        lead
    }

    /// Creates a deal for a client on the default (tile-sale) pipeline unless `body` names one; must answer 201.
    pub async fn new_deal(&self, token: &str, client_id: &str, body: Value) -> Value {
        let mut b = json!({"title": "Покрытие для площадки", "client_id": client_id});
        if let (Some(obj), Some(extra)) = (b.as_object_mut(), body.as_object()) {
            for (k, v) in extra {
                obj.insert(k.clone(), v.clone());
            }
        }
        let (st, deal) = self.post(Some(token), "/api/v1/deals", b).await;
        assert_eq!(st, 201, "create deal: {deal}");
        deal
    }

    /// `GET /{kind}/{id}`, kind = `leads` | `deals`.
    pub async fn card(&self, token: &str, kind: &str, id: &str) -> Value {
        self.ok(token, &format!("/api/v1/{kind}/{id}")).await
    }

    /// PATCHes a card at its current version (fetched first).
    pub async fn edit_card(&self, token: &str, kind: &str, id: &str, body: Value) -> (u16, Value) {
        let version = self.card(token, kind, id).await["version"].clone();
        let mut b = body;
        b["version"] = version;
        self.patch(token, &format!("/api/v1/{kind}/{id}"), b).await
    }

    /// PATCH at the current version that must answer 200.
    pub async fn edit_ok(&self, token: &str, kind: &str, id: &str, body: Value) -> Value {
        let (st, card) = self.edit_card(token, kind, id, body).await;
        assert_eq!(st, 200, "edit {kind}/{id}: {card}");
        card
    }

    /// Ticks checklist items.
    pub async fn tick(&self, token: &str, kind: &str, id: &str, items: &[&str]) -> Value {
        let checklist: serde_json::Map<String, Value> = items.iter().map(|i| ((*i).to_owned(), Value::Bool(true))).collect();
        self.edit_ok(token, kind, id, json!({"checklist": checklist})).await
    }

    /// Moves a card at its current version; returns the answer as is.
    pub async fn move_to(&self, token: &str, kind: &str, id: &str, to: &str) -> (u16, Value) {
        let version = self.card(token, kind, id).await["version"].clone();
        self.post(Some(token), &format!("/api/v1/{kind}/{id}/move"), json!({"version": version, "to": to})).await
    }

    /// A move that must succeed and land the card in `to`.
    pub async fn move_ok(&self, token: &str, kind: &str, id: &str, to: &str) -> Value {
        let (st, card) = self.move_to(token, kind, id, to).await;
        assert_eq!(st, 200, "move {kind}/{id} to {to}: {card}");
        assert_eq!(card["stage"], to, "{card}");
        card
    }

    /// Moves through several stages in order.
    pub async fn walk(&self, token: &str, kind: &str, id: &str, stages: &[&str]) -> Value {
        let mut last = Value::Null;
        for to in stages {
            last = self.move_ok(token, kind, id, to).await;
        }
        last
    }

    /// The deal's latest request of a kind (`delivery_cost` | `design`) as the deal card shows it.
    pub async fn deal_request(&self, token: &str, deal_id: &str, kind: &str) -> Value {
        let deal = self.card(token, "deals", deal_id).await;
        deal["requests"].as_array().expect("requests").iter().rev().find(|r| r["kind"] == kind).cloned().unwrap_or_else(|| panic!("no {kind} request on {deal}"))
    }

    /// The logistician answers the deal's open delivery-cost request.
    pub async fn answer_delivery(&self, deal_id: &str) -> Value {
        let manager = self.as_role("manager").await;
        let r = self.deal_request(&manager, deal_id, "delivery_cost").await;
        let logistician = self.as_role("logistician").await;
        let eta = (chrono::Utc::now().date_naive() + chrono::Duration::days(7)).to_string();
        let (st, done) = self
            .post(Some(&logistician), &format!("/api/v1/requests/{}/complete", s(&r, "id")),
                json!({"version": r["version"], "cost": "18500.00", "carrier": "ПЭК", "eta_date": eta}))
            .await;
        assert_eq!(st, 200, "complete delivery request: {done}");
        done
    }

    /// Uploads raw bytes to a `…/files` endpoint.
    pub async fn upload(&self, token: &str, path: &str, name: &str, bytes: &[u8], content_type: &str) -> (u16, Value) {
        let resp = self
            .http
            .post(self.url(path))
            .query(&[("name", name)])
            .bearer_auth(token)
            .header("content-type", content_type)
            .body(bytes.to_vec())
            .send()
            .await
            .expect("upload");
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    pub async fn download(&self, token: &str, path: &str) -> Download {
        let resp = self.http.get(self.url(path)).bearer_auth(token).send().await.expect("download");
        let header = |h: &str| resp.headers().get(h).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let (status, content_type, disposition, sniffing) = (resp.status().as_u16(), header("content-type"), header("content-disposition"), header("x-content-type-options"));
        Download { status, content_type, disposition, sniffing, bytes: resp.bytes().await.expect("body").to_vec() }
    }

    /// Tasks of a card (every status), as its responsible sees them.
    pub async fn card_tasks(&self, token: &str, card_id: &str) -> Vec<Value> {
        let page = self.ok(token, &format!("/api/v1/tasks?view=card&subject_id={card_id}")).await;
        page["items"].as_array().expect("items").clone()
    }

    /// The timeline of a card, newest first.
    pub async fn timeline(&self, token: &str, kind: &str, id: &str) -> Vec<Value> {
        let t = self.ok(token, &format!("/api/v1/{kind}/{id}/timeline")).await;
        t["items"].as_array().expect("items").clone()
    }
}

/// Today + `days`, as `YYYY-MM-DD`.
pub fn day(days: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(days)).to_string()
}

/// Percent-encodes a query value (Cyrillic, `+`, spaces).
/// «12500.50» as kopecks.
pub fn kopecks(v: &str) -> i64 {
    let (r, k) = v.split_once('.').unwrap_or((v, "0"));
    let k = format!("{k:0<2}");
    r.parse::<i64>().expect("roubles") * 100 + k[..2].parse::<i64>().expect("kopecks")
}

pub fn enc(v: &str) -> String {
    v.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// The tile-sale funnel's happy path, in order (design declined, paid while overdue).
pub const TILE_PATH: &[&str] = &[
    "offer_task", "delivery_cost_received", "offer_sent", "offer_received", "terms", "requisites_requested", "documents_prepared",
    "documents_sent", "documents_received", "documents_signed", "ask_payment_date", "payment_overdue", "payment_received",
    "work_order_prepared", "handed_to_logistics", "in_progress", "ask_results", "won",
];

impl TestApp {
    /// The accountant's payment notice on a deal.
    pub async fn pay(&self, deal_id: &str, amount: &str) -> (u16, Value) {
        let accountant = self.as_role("accountant").await;
        self.post(Some(&accountant), &format!("/api/v1/deals/{deal_id}/payments"), json!({"amount": amount, "paid_on": day(0), "document": "п/п 512"})).await
    }

    /// What the deal's invoices ask to have been paid by now and is not yet (e.g. the advance).
    pub async fn due_now(&self, token: &str, deal_id: &str) -> String {
        let money = self.ok(token, &format!("/api/v1/deals/{deal_id}/money")).await;
        let kopecks: i64 = money["invoices"].as_array().expect("invoices").iter()
            .filter(|i| i["status"] == "issued")
            .map(|i| kopecks(s(i, "required_now")) - kopecks(s(i, "paid")))
            .filter(|k| *k > 0)
            .sum();
        format!("{}.{:02}", kopecks / 100, kopecks % 100)
    }

    /// The logistician records that everything on the deal's open invoices was shipped today.
    pub async fn ship_all(&self, deal_id: &str) -> Vec<Value> {
        let logistician = self.as_role("logistician").await;
        let money = self.ok(&logistician, &format!("/api/v1/deals/{deal_id}/money")).await;
        let mut out = vec![];
        for inv in money["invoices"].as_array().expect("invoices").iter().filter(|i| i["status"] == "issued" && i["shipped"] != "fully") {
            let (st, body) = self.post(Some(&logistician), &format!("/api/v1/deals/{deal_id}/shipments"), json!({"invoice_id": inv["id"], "shipped_on": day(0)})).await;
            assert_eq!(st, 201, "{body}");
            out.push(body);
        }
        out
    }

    /// Takes a tile-sale deal from where it is along [`TILE_PATH`] to `target`, doing what each
    /// guard asks (the logistician answers, the accountant registers the payment).
    pub async fn deal_to(&self, manager: &str, id: &str, target: &str) -> Value {
        let mut deal = self.card(manager, "deals", id).await;
        let start = TILE_PATH.iter().position(|st| deal["stage"] == *st).unwrap_or_else(|| panic!("deal off the path: {deal}"));
        let end = TILE_PATH.iter().position(|st| *st == target).unwrap_or_else(|| panic!("{target} is not on the path"));
        for to in &TILE_PATH[start + 1..=end] {
            match *to {
                "delivery_cost_received" => {
                    self.answer_delivery(id).await;
                }
                "offer_sent" => {
                    let offer = self.offer(manager, id, None).await;
                    self.send_documents(manager, id, &[s(&offer, "id")]).await;
                }
                "terms" => {
                    self.tick(manager, "deals", id, &["design_declined"]).await;
                }
                "requisites_requested" => {
                    self.tick(manager, "deals", id, &["objections_after_offer", "objections_neutralised", "proposed_contract"]).await;
                }
                "documents_prepared" => {
                    if deal["counterparty_id"].is_null() {
                        let client = self.ok(manager, &format!("/api/v1/clients/{}", s(&deal, "client_id"))).await;
                        self.edit_ok(manager, "deals", id, json!({"counterparty_id": client["counterparties"][0]["id"]})).await;
                    }
                    self.contract(manager, id).await;
                    let offer = self.current_offer(manager, id).await;
                    self.invoice(manager, id, s(&offer, "id"), json!({"kind": "prepayment"})).await;
                }
                "documents_sent" => {
                    let docs = self.documents(manager, id).await;
                    let ids: Vec<String> = docs["items"].as_array().expect("items").iter()
                        .filter(|d| (d["kind"] == "contract" || d["kind"] == "invoice") && d["sent_at"].is_null())
                        .map(|d| s(d, "id").to_owned()).collect();
                    self.send_documents(manager, id, &ids.iter().map(String::as_str).collect::<Vec<_>>()).await;
                }
                "documents_signed" => {
                    let docs = self.documents(manager, id).await;
                    let contract = docs["items"].as_array().expect("items").iter().find(|d| d["kind"] == "contract").expect("a contract").clone();
                    self.sign_contract(manager, id, s(&contract, "id")).await;
                }
                "payment_overdue" => {
                    self.edit_ok(manager, "deals", id, json!({"promised_payment_date": day(5)})).await;
                }
                "payment_received" => {
                    let due = self.due_now(manager, id).await;
                    let (st, body) = self.pay(id, &due).await;
                    assert_eq!(st, 200, "{body}");
                }
                "ask_results" => {
                    // Shipped in full and (a prepayment invoice) paid in full: the deal asks for the review by itself.
                    self.ship_all(id).await;
                }
                "won" => {
                    self.tick(manager, "deals", id, &["review_requested"]).await;
                }
                _ => {}
            }
            deal = self.card(manager, "deals", id).await;
            if deal["stage"] != *to {
                deal = self.move_ok(manager, "deals", id, to).await;
            }
        }
        deal
    }
}

/// Documents: what the tests make on a deal through the API, as a person would.
impl TestApp {
    /// An individual offer with one line (and the delivery line the draft brings), or the next
    /// version of `replaces`.
    pub async fn offer(&self, token: &str, deal_id: &str, replaces: Option<&str>) -> Value {
        let draft = self.ok(token, &format!("/api/v1/deals/{deal_id}/offers/draft")).await;
        let mut lines: Vec<Value> = vec![json!({"name": "Плитка резиновая 500×500×40 мм, красная", "article": "RT-40-R", "unit": "m2", "quantity": "120", "price": "2320.00", "discount_pct": "5", "vat": "vat22"})];
        if replaces.is_none() {
            for l in draft["lines"].as_array().expect("lines") {
                lines.push(json!({"name": l["name"], "unit": l["unit"], "quantity": l["quantity"], "price": l["price"], "vat": l["vat"]}));
            }
        } else {
            lines.push(json!({"name": "Клей полиуретановый", "unit": "kg", "quantity": "25", "price": "640.00", "vat": "vat22"}));
        }
        let (st, body) = self.post(Some(token), &format!("/api/v1/deals/{deal_id}/offers"), json!({"lines": lines, "replaces": replaces, "terms": "Срок изготовления — 10 рабочих дней."})).await;
        assert_eq!(st, 201, "{body}");
        body
    }

    /// The deal's documents and e-mails.
    pub async fn documents(&self, token: &str, deal_id: &str) -> Value {
        self.ok(token, &format!("/api/v1/deals/{deal_id}/documents")).await
    }

    /// The deal's offer version that is not replaced.
    pub async fn current_offer(&self, token: &str, deal_id: &str) -> Value {
        let docs = self.documents(token, deal_id).await;
        docs["items"].as_array().expect("items").iter().rev().find(|d| d["kind"] == "offer" && d["status"] != "replaced").expect("an offer").clone()
    }

    /// A tile-supply contract for the deal's counterparty.
    pub async fn contract(&self, token: &str, deal_id: &str) -> Value {
        let body = json!({"kind": "tile_supply", "signatory": {"position": "Генеральный директор", "name": "Морозов Алексей Игоревич",
            "acting": "в лице Генерального директора Морозова Алексея Игоревича, действующего на основании Устава"}});
        let (st, body) = self.post(Some(token), &format!("/api/v1/deals/{deal_id}/contracts"), body).await;
        assert_eq!(st, 201, "{body}");
        body
    }

    /// An invoice from an offer version on a schedule.
    pub async fn invoice(&self, token: &str, deal_id: &str, offer_id: &str, schedule: Value) -> Value {
        let (st, body) = self.post(Some(token), &format!("/api/v1/deals/{deal_id}/invoices"), json!({"offer_id": offer_id, "schedule": schedule})).await;
        assert_eq!(st, 201, "{body}");
        body
    }

    /// E-mails documents to the client with the letter the template fills.
    pub async fn send_documents(&self, token: &str, deal_id: &str, ids: &[&str]) -> Value {
        let letter = self.ok(token, &format!("/api/v1/deals/{deal_id}/emails/draft?documents={}", ids.join(","))).await;
        let to = letter["to_address"].as_str().unwrap_or("client@example.com");
        let body = json!({"document_ids": ids, "to_address": to, "to_name": letter["to_name"], "subject": letter["subject"], "body": letter["body"], "with_stamp": true});
        let (st, body) = self.post(Some(token), &format!("/api/v1/deals/{deal_id}/emails"), body).await;
        assert_eq!(st, 202, "{body}");
        body
    }

    /// One contract step; the contract as it is after it.
    pub async fn contract_step(&self, token: &str, contract_id: &str, body: Value) -> (u16, Value) {
        let doc = self.ok(token, &format!("/api/v1/documents/{contract_id}")).await;
        let mut body = body;
        body["version"] = doc["version"].clone();
        self.post(Some(token), &format!("/api/v1/documents/{contract_id}/contract-steps"), body).await
    }

    /// The client signs: the scan is attached, an admin approves the counterparty, checks the
    /// requisites and confirms the contract signed.
    pub async fn sign_contract(&self, manager: &str, deal_id: &str, contract_id: &str) {
        let (st, file) = self.upload(manager, &format!("/api/v1/deals/{deal_id}/files"), "Договор подписан.pdf", b"%PDF-1.4 scan", "application/pdf").await;
        assert_eq!(st, 201, "{file}");
        let (st, body) = self.contract_step(manager, contract_id, json!({"action": "attach_signed_scan", "scan_file_id": file["id"]})).await;
        assert_eq!(st, 200, "{body}");
        let admin = self.as_role("admin").await;
        let deal = self.card(manager, "deals", deal_id).await;
        let cp_id = s(&deal, "counterparty_id").to_owned();
        let client = self.ok(&admin, &format!("/api/v1/clients/{}", s(&deal, "client_id"))).await;
        let cp = client["counterparties"].as_array().expect("counterparties").iter().find(|c| c["id"] == cp_id.as_str()).expect("the deal's counterparty").clone();
        if cp["approved"] != true {
            let (st, body) = self.post(Some(&admin), &format!("/api/v1/counterparties/{cp_id}/approval"), json!({"approved": true, "version": cp["version"]})).await;
            assert_eq!(st, 200, "{body}");
        }
        let (st, body) = self.contract_step(&admin, contract_id, json!({"action": "confirm_signed", "requisites_checked": true})).await;
        assert_eq!(st, 200, "{body}");
    }
}

// ---- bank statements (issue 11; payments to productions, issue 12) ----

pub const HEAD: &str = "ООО «АртПрайм»";

/// What a statement needs to know about our side.
pub struct Ours {
    pub account: String,
    pub bik: String,
}

pub async fn ours(app: &TestApp) -> Ours {
    let admin = app.as_role("admin").await;
    let head = app.organization_id(HEAD).await;
    let r = app.ok(&admin, &format!("/api/v1/organizations/{head}/requisites")).await;
    Ours { account: s(&r, "bank_account").to_owned(), bik: s(&r, "bik").to_owned() }
}

/// A payer's account at Sberbank that passes the BIK key.
pub fn payer_account(seed: u32) -> (String, String) {
    let bik = domain::Bik::parse("044525225").expect("bik");
    let account = domain::AccountNumber::with_control_digit(&bik, &format!("407028100400{seed:08}")).expect("account");
    (account.as_str().to_owned(), "044525225".to_owned())
}

/// One incoming payment order of a statement.
pub struct Order<'a> {
    pub number: &'a str,
    pub date: &'a str,
    pub amount: &'a str,
    pub payer_inn: &'a str,
    pub payer_name: &'a str,
    pub purpose: String,
}

/// A 1CClientBankExchange statement of our account, windows-1251 as banks write it.
pub fn statement(ours: &Ours, orders: &[Order<'_>]) -> Vec<u8> {
    let (payer, payer_bik) = payer_account(2001);
    let mut t = String::from("1CClientBankExchange\r\nВерсияФормата=1.03\r\nКодировка=Windows\r\nОтправитель=Бухгалтерия\r\n");
    t += &format!("РасчСчет={}\r\nСекцияРасчСчет\r\nРасчСчет={}\r\nКонецРасчСчет\r\n", ours.account, ours.account);
    for o in orders {
        t += &format!(
            "СекцияДокумент=Платежное поручение\r\nНомер={}\r\nДата={}\r\nСумма={}\r\nПлательщикСчет={payer}\r\nПлательщик={}\r\nПлательщикИНН={}\r\nПлательщик1={}\r\nПлательщикБИК={payer_bik}\r\nПолучательСчет={}\r\nПолучатель=ООО «АртПрайм»\r\nПолучательБИК={}\r\nНазначениеПлатежа={}\r\nДатаПоступило={}\r\nКонецДокумента\r\n",
            o.number, o.date, o.amount, o.payer_name, o.payer_inn, o.payer_name, ours.account, ours.bik, o.purpose, o.date
        );
    }
    t += "КонецФайла\r\n";
    let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(&t);
    assert!(!bad, "the statement is windows-1251");
    bytes.into_owned()
}

pub fn ddmmyyyy(iso: &str) -> String {
    let (y, rest) = iso.split_once('-').expect("date");
    let (m, d) = rest.split_once('-').expect("date");
    format!("{d}.{m}.{y}")
}

pub async fn preview(app: &TestApp, token: &str, bytes: Vec<u8>) -> (u16, Value) {
    let resp = app.http.post(app.url("/api/v1/statements/preview")).bearer_auth(token).header("content-type", "text/plain").body(bytes).send().await.expect("preview");
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

/// Previews and imports a statement; the import's result.
pub async fn import(app: &TestApp, token: &str, bytes: Vec<u8>) -> (Value, Value) {
    let (st, p) = preview(app, token, bytes).await;
    assert_eq!(st, 200, "{p}");
    let (st, r) = app.post(Some(token), "/api/v1/statements", json!({"hash": p["hash"], "file_name": "выписка.txt"})).await;
    assert_eq!(st, 200, "{r}");
    (p, r)
}

/// A statement of our account with one payment order from it to `payee` (ours going out).
pub fn outgoing_statement(ours: &Ours, number: &str, date: &str, amount: &str, payee_inn: &str, payee_name: &str, purpose: &str) -> Vec<u8> {
    let (payee, payee_bik) = payer_account(3001);
    let mut t = String::from("1CClientBankExchange\r\nВерсияФормата=1.03\r\nКодировка=Windows\r\nОтправитель=Бухгалтерия\r\n");
    t += &format!("РасчСчет={}\r\nСекцияРасчСчет\r\nРасчСчет={}\r\nКонецРасчСчет\r\n", ours.account, ours.account);
    t += &format!(
        "СекцияДокумент=Платежное поручение\r\nНомер={number}\r\nДата={date}\r\nСумма={amount}\r\nПлательщикСчет={}\r\nПлательщик=ООО «АртПрайм»\r\nПлательщикИНН=7703123450\r\nПлательщикБИК={}\r\nПолучательСчет={payee}\r\nПолучатель={payee_name}\r\nПолучательИНН={payee_inn}\r\nПолучатель1={payee_name}\r\nПолучательБИК={payee_bik}\r\nНазначениеПлатежа={purpose}\r\nДатаСписано={date}\r\nКонецДокумента\r\nКонецФайла\r\n",
        ours.account, ours.bik
    );
    let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(&t);
    assert!(!bad, "the statement is windows-1251");
    bytes.into_owned()
}

