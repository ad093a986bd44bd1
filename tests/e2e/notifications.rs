//! Live updates and notifications: the stream of changes (server-sent events, resumable), and
//! the notifications the outbox dispatcher derives by the rule table — stored per person, read,
//! never told to the person who caused them.
use crate::support::{TestApp, s};
use serde_json::{Value, json};
use std::time::Duration;

/// An open `/events` stream, read event by event.
struct Stream {
    resp: reqwest::Response,
    buf: String,
}

/// One server-sent event: its `event:`, `id:` and parsed `data:`.
#[derive(Debug)]
struct Sse {
    event: String,
    id: Option<i64>,
    data: Value,
}

impl Stream {
    async fn open(app: &TestApp, token: &str, last_event_id: Option<i64>) -> Stream {
        let mut req = app.http.get(app.url("/api/v1/events")).bearer_auth(token);
        if let Some(id) = last_event_id {
            req = req.header("Last-Event-ID", id.to_string());
        }
        let resp = req.send().await.expect("open the stream");
        assert_eq!(resp.status().as_u16(), 200);
        assert_eq!(resp.headers()["content-type"], "text/event-stream");
        Stream { resp, buf: String::new() }
    }

    /// The next event (pings skipped), or `None` when none comes within `wait`.
    async fn next(&mut self, wait: Duration) -> Option<Sse> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let mut e = Sse { event: "message".into(), id: None, data: Value::Null };
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event: ") {
                        e.event = v.to_owned();
                    } else if let Some(v) = line.strip_prefix("id: ") {
                        e.id = v.parse().ok();
                    } else if let Some(v) = line.strip_prefix("data: ") {
                        e.data = serde_json::from_str(v).expect("data is JSON");
                    }
                }
                if block.lines().all(|l| l.starts_with(':') || l.starts_with("retry:") || l.is_empty()) {
                    continue;
                }
                return Some(e);
            }
            let chunk = tokio::time::timeout_at(deadline, self.resp.chunk()).await.ok()?.expect("read the stream")?;
            self.buf.push_str(std::str::from_utf8(&chunk).expect("utf-8"));
        }
    }

    /// The next `change` event whose topic is `topic`, skipping others; panics after 10 s.
    async fn change(&mut self, topic: &str) -> Sse {
        loop {
            let e = self.next(Duration::from_secs(10)).await.unwrap_or_else(|| panic!("no {topic} within 10 s"));
            if e.event == "change" && e.data["topic"] == topic {
                return e;
            }
        }
    }
}

/// The caller's notifications once the dispatcher has written `n` unread (polls for 10 s).
async fn unread(app: &TestApp, token: &str, n: u64) -> Value {
    for _ in 0..100 {
        let page = app.ok(token, "/api/v1/notifications").await;
        let listed = page["items"].as_array().map_or(0, |i| i.iter().filter(|n| n["read_at"].is_null()).count() as u64);
        if page["unread"].as_u64() >= Some(n) && listed >= n {
            return page;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{n} unread notifications never came: {}", app.ok(token, "/api/v1/notifications").await)
}

#[tokio::test]
async fn a_logistician_answer_reaches_the_managers_open_stream_and_the_bell_counts_one() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let logistician = app.as_role("logistician").await;
    let client = app.client_named(&manager, "ООО «СпортПлощадка»").await;
    let deal = app.new_deal(&manager, s(&client, "id"), json!({"title": "Площадка у школы", "delivery_address": "Тверь, ул. Школьная, 1"})).await;
    let mut stream = Stream::open(&app, &manager, None).await;
    let ready = stream.next(Duration::from_secs(5)).await.expect("ready");
    assert_eq!(ready.event, "ready");

    let done = app.answer_delivery(s(&deal, "id")).await;
    let answered = stream.change("deal.request_completed").await;
    assert_eq!(answered.data["card_id"], deal["id"]);
    assert_eq!(answered.data["request_id"], done["id"]);
    assert_eq!(answered.data["notified"], true, "it notified the manager who asked");
    assert!(answered.id > ready.id, "ids follow the published order");
    let moved = stream.change("deal.stage_changed").await;
    assert_eq!((moved.data["card_id"].clone(), moved.data["notified"].clone()), (deal["id"].clone(), json!(false)));

    let page = unread(&app, &manager, 1).await;
    assert_eq!(page["unread"], 1, "one answer, one notification (the move it caused adds none): {page}");
    let n = &page["items"][0];
    assert_eq!((n["kind"].as_str(), n["link"].as_str()), (Some("request_answered"), Some(format!("/requests/{}", s(&done, "id")).as_str())));
    assert_eq!(n["title"], format!("Ответ на запрос №{} «Стоимость доставки» по сделке №{}", done["number"], deal["number"]));
    assert_eq!(n["read_at"], Value::Null);
    assert_eq!(app.ok(&logistician, "/api/v1/notifications").await["unread"], 0, "the one who answered is not told");

    // Read: once, again (nothing changes), and never someone else's.
    let id = s(n, "id");
    let (st, _) = app.post(Some(&logistician), &format!("/api/v1/notifications/{id}/read"), json!({})).await;
    assert_eq!(st, 404, "another person's notification is not found");
    for _ in 0..2 {
        let (st, _) = app.post(Some(&manager), &format!("/api/v1/notifications/{id}/read"), json!({})).await;
        assert_eq!(st, 204);
    }
    let page = app.ok(&manager, "/api/v1/notifications").await;
    assert_eq!(page["unread"], 0);
    assert!(page["items"][0]["read_at"].is_string());
    assert_eq!(app.ok(&manager, "/api/v1/notifications?unread=true").await["items"], json!([]));
}

#[tokio::test]
async fn a_stream_resumes_after_a_reconnect_with_what_it_missed_in_order() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let client = app.client_named(&manager, "ООО «СпортПлощадка»").await;
    let deal = app.new_deal(&manager, s(&client, "id"), json!({"title": "Первая"})).await;
    let mut stream = Stream::open(&app, &manager, None).await;
    let ready = stream.next(Duration::from_secs(5)).await.expect("ready");
    let last = ready.id.expect("the ready event names where the stream starts");
    drop(stream);

    // Three edits while nobody listens.
    let mut version = deal["version"].as_i64().unwrap();
    for title in ["Вторая", "Третья", "Четвёртая"] {
        let d = app.edit_ok(&manager, "deals", s(&deal, "id"), json!({"title": title, "version": version})).await;
        version = d["version"].as_i64().unwrap();
    }
    let mut again = Stream::open(&app, &manager, Some(last)).await;
    assert_eq!(again.next(Duration::from_secs(5)).await.expect("ready").event, "ready");
    let mut seqs = vec![];
    while seqs.len() < 3 {
        let e = again.change("deal.updated").await;
        assert_eq!(e.data["card_id"], deal["id"]);
        seqs.push(e.id.expect("id"));
    }
    assert!(seqs.windows(2).all(|w| w[0] < w[1]) && seqs[0] > last, "in order, after where it stopped: {seqs:?}");

    // `?after=` does the same as the header.
    let r = app.http.get(app.url(&format!("/api/v1/events?after={last}"))).bearer_auth(&manager).send().await.unwrap();
    let mut by_query = Stream { resp: r, buf: String::new() };
    by_query.next(Duration::from_secs(5)).await.expect("ready");
    assert_eq!(by_query.change("deal.updated").await.id, Some(seqs[0]));
}

#[tokio::test]
async fn a_productions_stream_carries_only_its_own_organizations_changes() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let production = app.login("production1@demo.local").await;
    let mut stream = Stream::open(&app, &production, None).await;
    stream.next(Duration::from_secs(5)).await.expect("ready");
    let client = app.client_named(&manager, "ООО «СпортПлощадка»").await;
    app.new_deal(&manager, s(&client, "id"), json!({"title": "Головная компания"})).await;
    // Then a change of its own: a task of its own.
    let (st, task) = app.post(Some(&production), "/api/v1/tasks", json!({"kind": "task", "title": "Проверить пресс", "due_at": chrono::Utc::now().to_rfc3339()})).await;
    assert_eq!(st, 201, "{task}");
    let first = loop {
        let e = stream.next(Duration::from_secs(10)).await.expect("an event");
        if e.event == "change" {
            break e;
        }
    };
    assert_eq!((first.data["topic"].as_str(), first.data["subject_id"].clone()), (Some("task.task_changed"), task["id"].clone()), "the head company's deal came first: {first:?}");
}

#[tokio::test]
async fn a_task_for_a_role_notifies_its_people_and_a_comment_notifies_whom_it_mentions() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let logistician = app.as_role("logistician").await;
    let client = app.client_named(&manager, "ООО «СпортПлощадка»").await;
    let deal = app.new_deal(&manager, s(&client, "id"), json!({"title": "Площадка"})).await;
    let (st, _) = app
        .post(Some(&manager), "/api/v1/tasks", json!({"kind": "call", "title": "Уточнить разгрузку", "due_at": chrono::Utc::now().to_rfc3339(),
            "assignee_role": "logistician", "subject_type": "deal", "subject_id": deal["id"]}))
        .await;
    assert_eq!(st, 201);
    let page = unread(&app, &logistician, 1).await;
    let n = &page["items"][0];
    assert_eq!((n["kind"].as_str(), n["link"].clone()), (Some("task_assigned"), json!(format!("/deals/{}", s(&deal, "id")))));
    assert_eq!(n["title"], format!("Новая задача по сделке №{}: Уточнить разгрузку", deal["number"]));

    let (st, _) = app.post(Some(&manager), &format!("/api/v1/deals/{}/comments", s(&deal, "id")), json!({"text": "@logistician, посмотрите адрес; копия на manager@demo.local"})).await;
    assert_eq!(st, 201);
    let page = unread(&app, &logistician, 2).await;
    let n = &page["items"][0];
    assert_eq!(n["kind"], "mentioned", "{page}");
    assert!(s(n, "title").contains("упоминает вас в комментарии по сделке №"), "{n}");
    assert_eq!(app.ok(&manager, "/api/v1/notifications").await["unread"], 0, "an e-mail address in the text mentions nobody, and nobody is told of their own task");

    // Read all.
    assert_eq!(app.post(Some(&logistician), "/api/v1/notifications/read-all", json!({})).await.0, 204);
    assert_eq!(app.ok(&logistician, "/api/v1/notifications").await["unread"], 0);
}

#[tokio::test]
async fn a_payment_that_moves_a_deal_tells_its_manager() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    let client = app.client_named(&manager, "ООО «СпортПлощадка»").await;
    let deal = app.new_deal(&manager, s(&client, "id"), json!({"title": "Оплата"})).await;
    app.deal_to(&manager, s(&deal, "id"), "payment_received").await;
    let mut moved = vec![];
    for _ in 0..100 {
        let page = app.ok(&manager, "/api/v1/notifications").await;
        // The admin's confirming the contract moved it too (to «Документы подписаны»); here the payment counts.
        moved = page["items"].as_array().unwrap().iter().filter(|n| n["kind"] == "card_moved" && n["title"].as_str().is_some_and(|t| t.contains("Оплата получена"))).cloned().collect();
        if !moved.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(moved.len(), 1, "the accountant's payment moved it, once: {moved:?}");
    assert_eq!(moved[0]["title"], format!("Сделка №{} перешла на стадию „Оплата получена“", deal["number"]));
    assert_eq!(moved[0]["link"], format!("/deals/{}", s(&deal, "id")));
}

#[tokio::test]
async fn notifications_are_peoples_and_the_stream_needs_a_session() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.local").await;
    let (_, orgs) = app.get(Some(&admin), "/api/v1/organizations").await;
    let (_, created) = app.post(Some(&admin), "/api/v1/api-keys", json!({"name": "Интеграция", "role": "manager", "organization_id": orgs["items"][0]["id"]})).await;
    let key = s(&created, "secret").to_owned();
    for (method, path) in [(reqwest::Method::GET, "/api/v1/notifications"), (reqwest::Method::POST, "/api/v1/notifications/read-all")] {
        let (st, body) = app.send(Some(&key), method, path, None).await;
        assert_eq!((st, body["code"].as_str()), (403, Some("forbidden")), "{path}");
    }
    let (st, _) = app.post(Some(&key), &format!("/api/v1/notifications/{}/read", uuid::Uuid::new_v4()), json!({})).await;
    assert_eq!(st, 403);
    assert_eq!(app.get(None, "/api/v1/events").await.0, 401);
    assert_eq!(app.get(None, "/api/v1/notifications").await.0, 401);
    let (st, body) = app.get(Some(&admin), "/api/v1/notifications?limit=0").await;
    assert_eq!((st, body["errors"][0]["field"].as_str()), (422, Some("limit")));
    let (st, _) = app.post(Some(&admin), &format!("/api/v1/notifications/{}/read", uuid::Uuid::new_v4()), json!({})).await;
    assert_eq!(st, 404);
}

#[tokio::test]
async fn a_change_made_through_a_second_server_process_reaches_a_stream_on_the_first() {
    let app = TestApp::spawn().await;
    let other = app.second_process().await;
    let manager = app.as_role("manager").await;
    let mut stream = Stream::open(&app, &manager, None).await;
    stream.next(Duration::from_secs(5)).await.expect("ready");
    // The same signing secret: one session works on both processes.
    let client = other.client_named(&manager, "ООО «СпортПлощадка»").await;
    let deal = other.new_deal(&manager, s(&client, "id"), json!({"title": "Через другой процесс"})).await;
    let created = stream.change("deal.created").await;
    assert_eq!(created.data["card_id"], deal["id"]);
}

#[tokio::test]
async fn a_card_that_stays_too_long_in_its_stage_tells_its_responsible_once() {
    let app = TestApp::spawn().await;
    let manager = app.as_role("manager").await;
    app.set_clock(chrono::Utc::now());
    let lead = app.new_lead(&manager, json!({"responsible_id": app.user_id("manager@demo.local").await})).await;
    // «Заявка получена» is stuck after 2 hours.
    app.advance_clock(chrono::Duration::hours(3));
    let stuck = || async {
        let page = app.ok(&manager, "/api/v1/notifications").await;
        page["items"].as_array().unwrap().iter().filter(|n| n["kind"] == "card_stuck").cloned().collect::<Vec<_>>()
    };
    let mut found = vec![];
    for _ in 0..100 {
        found = stuck().await;
        if !found.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["title"], format!("Лид №{} задерживается на стадии „Заявка получена“", lead["number"]));
    assert_eq!(found[0]["link"], format!("/leads/{}", s(&lead, "id")));
    // The watch looks again (every second under the test clock): still one.
    app.advance_clock(chrono::Duration::hours(1));
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(stuck().await.len(), 1);
}
