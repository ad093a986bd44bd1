//! E-mail templates for sending documents to clients. A template is plain text with
//! placeholders — `{{client}}`, `{{contact_name}}`, `{{document}}`, `{{number}}`, `{{amount}}`,
//! `{{manager}}`, `{{organization}}` — that an administrator may edit; an unknown placeholder
//! is refused when the template is saved, so a typo never reaches a client.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::numbering::DocumentKind;
use crate::error::FieldError;

crate::named_enum! {
    /// A value a template can put into the text.
    pub enum Placeholder {
        /// The client's name («ООО "Ромашка"»).
        Client,
        /// The contact's name and patronymic («Иван Петрович»).
        ContactName,
        /// The document as titled: «Счёт на оплату № 17 от 30.11.2026».
        Document,
        /// The document number alone: «17», «КП-5».
        Number,
        /// The amount: «125 000,50 ₽».
        Amount,
        /// The manager's name.
        Manager,
        /// Our organization's name.
        Organization,
    }
}

/// The values of every placeholder for one letter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placeholders {
    pub client: String,
    pub contact_name: String,
    pub document: String,
    pub number: String,
    pub amount: String,
    pub manager: String,
    pub organization: String,
}

impl Placeholders {
    /// The value of one placeholder.
    pub fn get(&self, p: Placeholder) -> &str {
        match p {
            Placeholder::Client => &self.client,
            Placeholder::ContactName => &self.contact_name,
            Placeholder::Document => &self.document,
            Placeholder::Number => &self.number,
            Placeholder::Amount => &self.amount,
            Placeholder::Manager => &self.manager,
            Placeholder::Organization => &self.organization,
        }
    }
}

/// One `{{…}}` of a template: its byte range and the name inside (trimmed).
enum Token<'a> {
    Placeholder {
        start: usize,
        end: usize,
        name: &'a str,
    },
    Unclosed,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| i + from) {
        match text[open + 2..].find("}}").map(|i| i + open + 2) {
            Some(close) => {
                found.push(Token::Placeholder {
                    start: open,
                    end: close + 2,
                    name: text[open + 2..close].trim(),
                });
                from = close + 2;
            }
            None => {
                found.push(Token::Unclosed);
                break;
            }
        }
    }
    found
}

fn allowed_placeholders() -> String {
    let names: Vec<String> = Placeholder::ALL
        .iter()
        .map(|p| format!("{{{{{}}}}}", p.as_str()))
        .collect();
    names.join(", ")
}

/// Checks a template before it is saved: every `{{…}}` names a known placeholder and is closed.
/// An unknown one is `invalid_value` naming it and listing the known ones; an unclosed `{{` is
/// `invalid_format`.
pub fn check_template(text: &str) -> Result<(), FieldError> {
    for token in tokens(text) {
        match token {
            Token::Unclosed => {
                return Err(FieldError::new(
                    "invalid_format",
                    "Подстановка не закрыта: после «{{» нет «}}»",
                ));
            }
            Token::Placeholder { name, .. } if Placeholder::parse(name).is_none() => {
                return Err(FieldError::new(
                    "invalid_value",
                    format!(
                        "Неизвестная подстановка {{{{{name}}}}}. Допустимые: {}",
                        allowed_placeholders()
                    ),
                ));
            }
            Token::Placeholder { .. } => {}
        }
    }
    Ok(())
}

/// The template with every known placeholder replaced by its value (`{{ client }}` with spaces
/// too); anything else is left as written.
pub fn fill(text: &str, values: &Placeholders) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for token in tokens(text) {
        if let Token::Placeholder { start, end, name } = token
            && let Some(p) = Placeholder::parse(name)
        {
            out.push_str(&text[copied..start]);
            out.push_str(values.get(p));
            copied = end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// How a contact is addressed: «Иванов Иван Петрович» → «Иван Петрович». Two words are written
/// either way round («Ирина Петрова», «Петрова Ирина»), so they are kept as typed; a single word
/// is the name itself; nothing gives `None` — the caller then writes a neutral greeting.
pub fn name_and_patronymic(full_name: &str) -> Option<String> {
    let words: Vec<&str> = full_name.split_whitespace().collect();
    match words.as_slice() {
        [] => None,
        [name] => Some((*name).to_owned()),
        [first, second] => Some(format!("{first} {second}")),
        [_, name, patronymic, ..] => Some(format!("{name} {patronymic}")),
    }
}

/// The document as named in a letter: «Счёт на оплату № 17 от 30.11.2026».
pub fn document_title(kind: DocumentKind, number: &str, date: NaiveDate) -> String {
    format!(
        "{} № {number} от {}",
        kind.name_ru(),
        date.format("%d.%m.%Y")
    )
}

/// An amount as written in a letter: «125 000,50 ₽» (no-break spaces between digit groups).
pub fn format_rub(amount: Decimal) -> String {
    let mut a = amount.round_dp(2);
    a.rescale(2);
    let text = a.abs().to_string();
    let (whole, kopecks) = text.split_once('.').unwrap_or((&text, "00"));
    let digits: Vec<char> = whole.chars().collect();
    let mut grouped = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(*c);
    }
    let sign = if a.is_sign_negative() && !a.is_zero() {
        "−"
    } else {
        ""
    };
    format!("{sign}{grouped},{kopecks}\u{a0}₽")
}

/// A letter template: subject and body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailTemplate {
    pub subject: &'static str,
    pub body: &'static str,
}

const SIGNATURE: &str = "С уважением,\n{{manager}}\n{{organization}}";

/// The template a new organization starts with for each document.
pub fn default_template(kind: DocumentKind) -> MailTemplate {
    match kind {
        DocumentKind::Offer => MailTemplate {
            subject: "{{document}} — {{organization}}",
            body: "Здравствуйте, {{contact_name}}!\n\nНаправляем Вам коммерческое предложение № {{number}} для {{client}} на сумму {{amount}}. \
                   Будем рады ответить на вопросы и при необходимости скорректировать предложение.\n\n",
        },
        DocumentKind::Contract => MailTemplate {
            subject: "{{document}} — {{organization}}",
            body: "Здравствуйте, {{contact_name}}!\n\nНаправляем Вам {{document}} для {{client}}. Просим ознакомиться, подписать и \
                   направить нам скан подписанного договора. Если у вас есть замечания, пришлите, пожалуйста, протокол разногласий.\n\n",
        },
        DocumentKind::Invoice => MailTemplate {
            subject: "{{document}} — {{organization}}",
            body: "Здравствуйте, {{contact_name}}!\n\nНаправляем Вам {{document}} на сумму {{amount}}. Просим оплатить его в указанный \
                   срок. После оплаты, пожалуйста, пришлите нам платёжное поручение.\n\n",
        },
        DocumentKind::WorkOrder => MailTemplate {
            subject: "{{document}} — {{organization}}",
            body: "Здравствуйте, {{contact_name}}!\n\nНаправляем Вам {{document}} по заказу {{client}}. Просим проверить состав работ и \
                   сообщить, если что-то нужно уточнить.\n\n",
        },
        DocumentKind::DeliveryNotice => MailTemplate {
            subject: "{{document}} — {{organization}}",
            body: "Здравствуйте, {{contact_name}}!\n\nНаправляем Вам {{document}} о готовности заказа {{client}} к отгрузке. \
                   Просим подтвердить дату и адрес доставки.\n\n",
        },
    }
}

impl MailTemplate {
    /// The body with the signature («С уважением, {{manager}}, {{organization}}»).
    pub fn body_with_signature(&self) -> String {
        format!("{}{SIGNATURE}", self.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Placeholders {
        Placeholders {
            client: "ООО «Ромашка»".into(),
            contact_name: "Иван Петрович".into(),
            document: "Счёт на оплату № 17 от 30.11.2026".into(),
            number: "17".into(),
            amount: "125\u{a0}000,50\u{a0}₽".into(),
            manager: "Анна Смирнова".into(),
            organization: "ООО «В.А.М.-МОСКВА»".into(),
        }
    }

    #[test]
    fn placeholder_names_agree_between_serde_and_strum() {
        crate::names::assert_names_agree::<Placeholder>();
    }

    #[test]
    fn a_template_with_known_placeholders_is_accepted() {
        assert_eq!(
            check_template("Здравствуйте, {{contact_name}}! {{ document }} на {{amount}}."),
            Ok(())
        );
        assert_eq!(check_template("Без подстановок"), Ok(()));
    }

    #[test]
    fn an_unknown_placeholder_is_refused_naming_it() {
        let e = check_template("Здравствуйте, {{contact}}!").expect_err("unknown");
        assert_eq!(e.code, "invalid_value");
        assert!(
            e.message.starts_with(
                "Неизвестная подстановка {{contact}}. Допустимые: {{client}}, {{contact_name}}"
            ),
            "{}",
            e.message
        );
    }

    #[test]
    fn an_unclosed_placeholder_is_refused() {
        assert_eq!(
            check_template("Здравствуйте, {{contact_name!").map_err(|e| e.code),
            Err("invalid_format")
        );
    }

    #[test]
    fn fill_replaces_every_known_placeholder() {
        let text = "{{client}}|{{contact_name}}|{{document}}|{{number}}|{{amount}}|{{manager}}|{{organization}}|{{ number }}";
        assert_eq!(
            fill(text, &values()),
            "ООО «Ромашка»|Иван Петрович|Счёт на оплату № 17 от 30.11.2026|17|125\u{a0}000,50\u{a0}₽|Анна Смирнова|ООО «В.А.М.-МОСКВА»|17"
        );
    }

    #[test]
    fn fill_leaves_unknown_and_unclosed_text_as_written() {
        assert_eq!(fill("{{x}} {{number}} {{", &values()), "{{x}} 17 {{");
    }

    #[test]
    fn name_and_patronymic_drop_the_surname() {
        assert_eq!(
            name_and_patronymic("Иванов Иван Петрович"),
            Some("Иван Петрович".to_owned())
        );
        assert_eq!(
            name_and_patronymic("  Ирина   Петрова  "),
            Some("Ирина Петрова".to_owned()),
            "two words may be either way round: kept as typed"
        );
        assert_eq!(
            name_and_patronymic("Мамедов Рашид Алиевич оглы"),
            Some("Рашид Алиевич".to_owned())
        );
        assert_eq!(name_and_patronymic("Анна"), Some("Анна".to_owned()));
        assert_eq!(name_and_patronymic(" "), None);
    }

    #[test]
    fn a_document_is_titled_with_its_number_and_date() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
        assert_eq!(
            document_title(DocumentKind::Invoice, "17", date),
            "Счёт на оплату № 17 от 30.11.2026"
        );
        assert_eq!(
            document_title(DocumentKind::Contract, "17/26", date),
            "Договор № 17/26 от 30.11.2026"
        );
    }

    #[test]
    fn amounts_in_letters_group_digits_and_show_kopecks() {
        let amount = |s: &str| format_rub(Decimal::from_str_exact(s).expect("dec"));
        assert_eq!(amount("125000.5"), "125\u{a0}000,50\u{a0}₽");
        assert_eq!(amount("0"), "0,00\u{a0}₽");
        assert_eq!(amount("999"), "999,00\u{a0}₽");
        assert_eq!(amount("1000"), "1\u{a0}000,00\u{a0}₽");
        assert_eq!(amount("1234567.89"), "1\u{a0}234\u{a0}567,89\u{a0}₽");
    }

    #[test]
    fn default_templates_are_valid_and_greet_the_contact() {
        for kind in DocumentKind::ALL {
            let t = default_template(*kind);
            assert_eq!(check_template(t.subject), Ok(()), "{kind:?}");
            assert_eq!(check_template(&t.body_with_signature()), Ok(()), "{kind:?}");
            assert!(
                t.body
                    .starts_with("Здравствуйте, {{contact_name}}!\n\nНаправляем "),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn a_filled_invoice_letter_reads_as_business_russian() {
        let t = default_template(DocumentKind::Invoice);
        assert_eq!(
            fill(t.subject, &values()),
            "Счёт на оплату № 17 от 30.11.2026 — ООО «В.А.М.-МОСКВА»"
        );
        let body = fill(&t.body_with_signature(), &values());
        assert!(body.starts_with("Здравствуйте, Иван Петрович!\n\nНаправляем Вам Счёт на оплату № 17 от 30.11.2026 на сумму 125\u{a0}000,50\u{a0}₽."), "{body}");
        assert!(
            body.ends_with("С уважением,\nАнна Смирнова\nООО «В.А.М.-МОСКВА»"),
            "{body}"
        );
    }
}
