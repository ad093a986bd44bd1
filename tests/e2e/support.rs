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
        let mut child = Command::new(env!("CARGO_BIN_EXE_tessera"))
            .arg("serve")
            .env("DATABASE_URL", url)
            .env("TESSERA_BIND", "127.0.0.1:0")
            .env("TESSERA_DEMO", "1")
            .env("TESSERA_JWT_SECRET", "test-secret-test-secret-test-secret-42")
            .env("TESSERA_STATIC_DIR", dir.display().to_string())
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
        TestApp { base, http: reqwest::Client::new(), child, _dir: TempDir(dir), pg_db }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
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
