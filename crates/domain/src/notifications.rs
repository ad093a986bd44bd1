//! Notifications: which delivered events tell whom, in one table ([`RULES`] — later issues add
//! their rows there), and what each says. The dispatcher in `api` finds the people behind a
//! [`Recipients`] and never notifies the person who caused the event.
use crate::sales::CardKind;

crate::named_enum! {
    /// request_answered | task_assigned | card_moved | card_stuck | mentioned
    pub enum NotificationKind {
        RequestAnswered,
        TaskAssigned,
        CardMoved,
        CardStuck,
        Mentioned,
    }
}

/// Whom an event concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipients {
    /// The person who sent the request (its opener).
    RequestOpener,
    /// The task's assignee, or every active person of its role in the task's organization.
    TaskAssignee,
    /// The card's responsible person.
    CardResponsible,
    /// The people a comment names with `@`.
    Mentioned,
}

/// When a rule applies to an event it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// The card moved by itself: a recorded fact (a payment, a completed task) moved it, not a
    /// person dragging it. A request's answer is not counted: its own notification tells the
    /// person who asked, once.
    MovedByFact,
}

/// One row: events named `event` (the part of the topic after the dot, for leads and deals
/// alike: `deal.request_completed` → `request_completed`) notify `to` as `kind`.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub event: &'static str,
    pub when: When,
    pub to: Recipients,
    pub kind: NotificationKind,
}

/// Which events notify. One table, so that a later area adds its events here.
pub const RULES: &[Rule] = &[
    // A request you sent was answered.
    Rule { event: "request_completed", when: When::Always, to: Recipients::RequestOpener, kind: NotificationKind::RequestAnswered },
    // A task was assigned to you or your role: a stage's task on a card, or a person's task.
    Rule { event: "task_created", when: When::Always, to: Recipients::TaskAssignee, kind: NotificationKind::TaskAssigned },
    Rule { event: "task_assigned", when: When::Always, to: Recipients::TaskAssignee, kind: NotificationKind::TaskAssigned },
    // Your card moved by itself (payment, answer).
    Rule { event: "stage_changed", when: When::MovedByFact, to: Recipients::CardResponsible, kind: NotificationKind::CardMoved },
    // A card of yours got stuck.
    Rule { event: "stuck", when: When::Always, to: Recipients::CardResponsible, kind: NotificationKind::CardStuck },
    // A comment mentions you.
    Rule { event: "commented", when: When::Always, to: Recipients::Mentioned, kind: NotificationKind::Mentioned },
];

/// The rules an event of `topic` matches; `by_fact`: the fact that moved the card, if one did
/// (`payment_received`, `request_completed:design`, `task_completed:first_call`).
pub fn rules_for<'a>(topic: &'a str, by_fact: Option<&'a str>) -> impl Iterator<Item = &'static Rule> + 'a {
    let event = topic.rsplit_once('.').map_or(topic, |(_, e)| e);
    let by_itself = by_fact.is_some_and(|f| !f.starts_with("request_completed:"));
    RULES.iter().filter(move |r| r.event == event && (r.when == When::Always || by_itself))
}

/// A card as a notification names it: «Сделка №12», «лид №7».
#[derive(Debug, Clone, Copy)]
pub struct CardRef {
    pub kind: CardKind,
    pub number: i64,
}

impl CardRef {
    fn named(self, capital: bool) -> String {
        let noun = match (self.kind, capital) {
            (CardKind::Deal, true) => "Сделка",
            (CardKind::Deal, false) => "сделка",
            (CardKind::Lead, true) => "Лид",
            (CardKind::Lead, false) => "лид",
        };
        format!("{noun} №{}", self.number)
    }

    /// «по сделке №12», «по лиду №7».
    fn about(self) -> String {
        let noun = match self.kind {
            CardKind::Deal => "сделке",
            CardKind::Lead => "лиду",
        };
        format!("по {noun} №{}", self.number)
    }
}

/// What a notification is about, as much as its kind needs.
#[derive(Debug, Clone, Default)]
pub struct About {
    pub card: Option<CardRef>,
    /// The request's number and kind name («Расчёт доставки»).
    pub request: Option<(i64, String)>,
    /// The task's title, the stage's name, or the comment's text.
    pub detail: Option<String>,
    /// Who caused it.
    pub actor: Option<String>,
}

/// The notification's text (Russian, no nested «» quotes).
pub fn title(kind: NotificationKind, a: &About) -> String {
    let card = |capital| a.card.map(|c| c.named(capital)).unwrap_or_default();
    let about = a.card.map(|c| format!(" {}", c.about())).unwrap_or_default();
    let detail = a.detail.as_deref().map(|d| excerpt(d, 80)).unwrap_or_default();
    match kind {
        NotificationKind::RequestAnswered => match &a.request {
            Some((n, name)) => format!("Ответ на запрос №{n} «{name}»{about}"),
            None => format!("Ответ на запрос{about}"),
        },
        NotificationKind::TaskAssigned => format!("Новая задача{about}: {detail}"),
        NotificationKind::CardMoved => {
            let moved = if a.card.is_some_and(|c| c.kind == CardKind::Lead) { "перешёл" } else { "перешла" };
            format!("{} {moved} на стадию „{detail}“", card(true))
        }
        NotificationKind::CardStuck => format!("{} задерживается на стадии „{detail}“", card(true)),
        NotificationKind::Mentioned => match &a.actor {
            Some(who) => format!("{who} упоминает вас в комментарии{about}: {detail}"),
            None => format!("Вас упомянули в комментарии{about}: {detail}"),
        },
    }
}

/// At most `max` characters of `text` on one line, with «…» when cut.
fn excerpt(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The names a text mentions with `@` («@manager», «@ivanov.p»): letters, digits, `.`, `_`, `-`
/// after an `@` that starts a word (so an e-mail address in the text mentions nobody).
pub fn mentioned_names(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '@' && !prev.is_some_and(|p| p.is_alphanumeric()) {
            let rest = &text[i + 1..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-')).collect();
            let name = name.trim_end_matches(['.', '-', '_']).to_lowercase();
            if !name.is_empty() && !found.contains(&name) {
                found.push(name);
            }
        }
        prev = Some(c);
    }
    found
}

/// Whether a mentioned `name` names the person with this e-mail and full name: the e-mail itself,
/// the part before its `@`, or the surname (the full name's first word).
pub fn names_person(name: &str, email: &str, full_name: &str) -> bool {
    let email = email.to_lowercase();
    let local = email.split('@').next().unwrap_or_default();
    let surname = full_name.split_whitespace().next().unwrap_or_default().to_lowercase();
    name == email || name == local || (!surname.is_empty() && name == surname)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deal(n: i64) -> Option<CardRef> {
        Some(CardRef { kind: CardKind::Deal, number: n })
    }

    #[test]
    fn a_request_you_sent_was_answered_notifies_its_opener() {
        let rules: Vec<_> = rules_for("deal.request_completed", None).collect();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].to, Recipients::RequestOpener);
        assert_eq!(rules[0].kind, NotificationKind::RequestAnswered);
    }

    #[test]
    fn a_card_moved_by_a_person_notifies_nobody_but_one_moved_by_a_payment_or_task_tells_its_responsible() {
        assert_eq!(rules_for("deal.stage_changed", None).count(), 0);
        let rules: Vec<_> = rules_for("deal.stage_changed", Some("payment_received")).collect();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].to, Recipients::CardResponsible);
        assert_eq!(rules_for("lead.stage_changed", Some("task_completed:first_call")).count(), 1);
        // The answer's own notification tells the person who asked; the move adds no second one.
        assert_eq!(rules_for("deal.stage_changed", Some("request_completed:delivery_cost")).count(), 0);
    }

    #[test]
    fn tasks_comments_and_stuck_cards_notify_and_other_events_do_not() {
        assert_eq!(rules_for("deal.task_created", None).next().map(|r| r.to), Some(Recipients::TaskAssignee));
        assert_eq!(rules_for("task.task_assigned", None).next().map(|r| r.to), Some(Recipients::TaskAssignee));
        assert_eq!(rules_for("lead.commented", None).next().map(|r| r.to), Some(Recipients::Mentioned));
        assert_eq!(rules_for("deal.stuck", None).next().map(|r| r.kind), Some(NotificationKind::CardStuck));
        for quiet in ["deal.updated", "deal.created", "deal.file_attached", "lead.checklist_changed", "deal.request_opened"] {
            assert_eq!(rules_for(quiet, Some("payment_received")).count(), 0, "{quiet}");
        }
    }

    #[test]
    fn titles_name_the_card_in_russian_without_nested_quotes() {
        let a = About { card: deal(12), request: Some((5, "Расчёт доставки".into())), ..Default::default() };
        assert_eq!(title(NotificationKind::RequestAnswered, &a), "Ответ на запрос №5 «Расчёт доставки» по сделке №12");
        let a = About { card: deal(12), detail: Some("Оплата получена".into()), ..Default::default() };
        assert_eq!(title(NotificationKind::CardMoved, &a), "Сделка №12 перешла на стадию „Оплата получена“");
        let lead = About { card: Some(CardRef { kind: CardKind::Lead, number: 7 }), detail: Some("Квалификация".into()), ..Default::default() };
        assert_eq!(title(NotificationKind::CardMoved, &lead), "Лид №7 перешёл на стадию „Квалификация“");
        assert_eq!(title(NotificationKind::CardStuck, &lead), "Лид №7 задерживается на стадии „Квалификация“");
        let t = About { card: deal(3), detail: Some("Позвонить клиенту".into()), ..Default::default() };
        assert_eq!(title(NotificationKind::TaskAssigned, &t), "Новая задача по сделке №3: Позвонить клиенту");
        let long = About { card: deal(3), detail: Some("слово ".repeat(40)), actor: Some("Петров Пётр".into()), ..Default::default() };
        let m = title(NotificationKind::Mentioned, &long);
        assert!(m.starts_with("Петров Пётр упоминает вас в комментарии по сделке №3: слово"), "{m}");
        assert!(m.ends_with('…') && m.chars().count() < 160, "{m}");
    }

    #[test]
    fn a_comment_mentions_people_by_at_name_but_an_email_in_the_text_mentions_nobody() {
        assert_eq!(mentioned_names("@manager, посмотри; @Иванов тоже. Пишите на a@b.ru"), vec!["manager", "иванов"]);
        assert_eq!(mentioned_names("@ivanov.p."), vec!["ivanov.p"]);
        assert!(mentioned_names("no one here @ all").is_empty());
        assert!(names_person("manager", "manager@demo.local", "Смирнова Анна"));
        assert!(names_person("смирнова", "manager@demo.local", "Смирнова Анна"));
        assert!(names_person("manager@demo.local", "Manager@demo.local", "Смирнова Анна"));
        assert!(!names_person("анна", "manager@demo.local", "Смирнова Анна"));
    }
}
