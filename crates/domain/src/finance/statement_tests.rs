//! Tests of the statement parser, named after the rule each checks. Fixtures are written as
//! UTF-8 text here and encoded the way banks write them (windows-1251, cp866) with encoding_rs.

use super::*;
use crate::clients::{AccountNumber, Bik};
use std::str::FromStr;

const SBER: &str = "044525225";
const VTB: &str = "044525187";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

fn today() -> NaiveDate {
    d(2026, 11, 30)
}

/// A 20-digit account that passes the control key at `bik`.
fn acc(bik: &str, body: &str) -> String {
    let bik = Bik::parse(bik).expect("bik");
    AccountNumber::with_control_digit(&bik, body).expect("account").as_str().to_owned()
}

fn our() -> String {
    acc(SBER, "40702810038000001001")
}

fn our_second() -> String {
    acc(SBER, "40702810038000001002")
}

fn client() -> String {
    acc(VTB, "40702810500000002001")
}

fn supplier() -> String {
    acc(VTB, "40702810500000003001")
}

/// The same account with its control digit off by one.
fn broken(account: &str) -> String {
    let k = account.as_bytes()[8] - b'0';
    format!("{}{}{}", &account[..8], (k + 1) % 10, &account[9..])
}

/// One `СекцияДокумент`: keys in the order banks write them.
#[derive(Clone)]
struct Doc {
    kind: String,
    lines: Vec<(String, String)>,
}

impl Doc {
    /// `bank` is (name, БИК, correspondent account).
    fn side(prefix: &str, account: &str, inn: &str, kpp: &str, name: &str, (bank, bik, corr): (&str, &str, &str)) -> Vec<(String, String)> {
        let p = |k: &str| format!("{prefix}{k}");
        vec![
            (p("Счет"), account.into()),
            (p(""), format!("ИНН {inn} {name}")),
            (p("ИНН"), inn.into()),
            (p("КПП"), kpp.into()),
            (p("1"), name.into()),
            (p("РасчСчет"), account.into()),
            (p("Банк1"), bank.into()),
            (p("Банк2"), "г. Москва".into()),
            (p("БИК"), bik.into()),
            (p("Корсчет"), corr.into()),
        ]
    }

    fn client_side(prefix: &str) -> Vec<(String, String)> {
        Doc::side(prefix, &client(), "7725012341", "772501001", "ООО «Детский мир Подмосковья»", ("Банк ВТБ (ПАО)", VTB, "30101810700000000187"))
    }

    fn our_side(prefix: &str) -> Vec<(String, String)> {
        Doc::side(prefix, &our(), "7703123457", "770301001", "ООО «АртПрайм»", ("ПАО Сбербанк", SBER, "30101810400000000225"))
    }

    fn supplier_side(prefix: &str) -> Vec<(String, String)> {
        Doc::side(prefix, &supplier(), "7728123450", "772801001", "ООО «РезинТех»", ("Банк ВТБ (ПАО)", VTB, "30101810700000000187"))
    }

    fn new(number: &str, date: &str, amount: &str, payer: Vec<(String, String)>, payee: Vec<(String, String)>) -> Doc {
        let mut lines = vec![("Номер".into(), number.into()), ("Дата".into(), date.into()), ("Сумма".into(), amount.into())];
        lines.extend(payer);
        lines.push(("ДатаСписано".into(), date.into()));
        lines.extend(payee);
        lines.push(("ДатаПоступило".into(), date.into()));
        for (k, v) in [("ВидПлатежа", ""), ("ВидОплаты", "01"), ("Код", "0"), ("СтатусСоставителя", ""), ("Очередность", "5")] {
            lines.push((k.into(), v.into()));
        }
        lines.push(("НазначениеПлатежа".into(), format!("Оплата по счету № {number} за плитку резиновую, в т.ч. НДС 22%")));
        Doc { kind: "Платежное поручение".into(), lines }
    }

    /// A client pays us.
    fn incoming(number: &str, date: &str, amount: &str) -> Doc {
        Doc::new(number, date, amount, Doc::client_side("Плательщик"), Doc::our_side("Получатель"))
    }

    /// We pay a supplier.
    fn outgoing(number: &str, date: &str, amount: &str) -> Doc {
        Doc::new(number, date, amount, Doc::our_side("Плательщик"), Doc::supplier_side("Получатель"))
    }

    /// Replaces a key's value, or adds the key before the purpose.
    fn set(mut self, key: &str, value: &str) -> Doc {
        match self.lines.iter_mut().find(|(k, _)| k == key) {
            Some(line) => line.1 = value.into(),
            None => {
                let at = self.lines.len() - 1;
                self.lines.insert(at, (key.into(), value.into()));
            }
        }
        self
    }

    fn without(mut self, key: &str) -> Doc {
        self.lines.retain(|(k, _)| k != key);
        self
    }

    fn kind(mut self, kind: &str) -> Doc {
        self.kind = kind.into();
        self
    }

    fn text(&self) -> String {
        let mut s = format!("СекцияДокумент={}\n", self.kind);
        for (k, v) in &self.lines {
            s.push_str(&format!("{k}={v}\n"));
        }
        s.push_str("КонецДокумента\n");
        s
    }
}

/// The header and our account's section, then `body`, then `КонецФайла` — LF line endings.
fn statement_text(encoding: &str, body: &str) -> String {
    let our = our();
    format!(
        "1CClientBankExchange\nВерсияФормата=1.03\nКодировка={encoding}\nОтправитель=СберБизнес\nПолучатель=1С:Предприятие\n\
         ДатаСоздания=30.11.2026\nВремяСоздания=09:15:02\nДатаНачала=23.11.2026\nДатаКонца=27.11.2026\nРасчСчет={our}\n\
         Документ=Платежное поручение\nСекцияРасчСчет\nДатаНачала=23.11.2026\nДатаКонца=27.11.2026\nРасчСчет={our}\n\
         НачальныйОстаток=100000.00\nВсегоПоступило=12500.50\nВсегоСписано=0.00\nКонечныйОстаток=112500.50\nКонецРасчСчет\n\
         {body}КонецФайла\n"
    )
}

fn statement(docs: &[Doc]) -> String {
    statement_text("Windows", &docs.iter().map(Doc::text).collect::<String>())
}

fn win(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!unmappable, "fixture has characters windows-1251 lacks");
    bytes.into_owned()
}

/// cp866 has no «», so DOS files quote names with `"`.
fn dos(text: &str) -> Vec<u8> {
    let text = text.replace(['«', '»'], "\"");
    let (bytes, _, unmappable) = encoding_rs::IBM866.encode(&text);
    assert!(!unmappable, "fixture has characters cp866 lacks");
    bytes.into_owned()
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn parse_with(bytes: &[u8], own: &[String]) -> Statement {
    parse_statement(bytes, own, today()).expect("a statement")
}

fn parse(text: &str) -> Statement {
    parse_with(&win(text), &[our()])
}

fn error(bytes: &[u8]) -> StatementError {
    parse_statement(bytes, &[our()], today()).expect_err("a whole-file error")
}

/// The 1-based line of the `nth` (from 1) line starting with `prefix`.
fn line_of(text: &str, prefix: &str, nth: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with(prefix))
        .nth(nth - 1)
        .map(|(i, _)| i + 1)
        .expect("the line is in the fixture")
}

/// The only problem of a statement whose only document is broken.
fn only_problem(s: &Statement) -> &LineProblem {
    assert!(s.documents.is_empty(), "the broken document is left out: {:?}", s.documents);
    assert_eq!(s.problems.len(), 1, "{:#?}", s.problems);
    &s.problems[0]
}

fn assert_problem(p: &LineProblem, line: usize, field: &str, kind: ProblemKind, document_line: usize) {
    assert_eq!((p.line, p.field.as_deref(), p.kind, p.document_line), (line, Some(field), kind, Some(document_line)), "{}", p.message);
}

// ---------------------------------------------------------------------------------------------
// Names and encodings
// ---------------------------------------------------------------------------------------------

#[test]
fn value_set_names_agree_between_serde_and_strum() {
    crate::names::assert_names_agree::<Encoding>();
    crate::names::assert_names_agree::<Direction>();
    crate::names::assert_names_agree::<ProblemKind>();
    assert_eq!(Encoding::Windows1251.as_str(), "windows1251");
}

#[test]
fn declared_encodings_are_read_leniently() {
    for (value, e) in [
        ("Windows", Encoding::Windows1251),
        ("windows-1251", Encoding::Windows1251),
        ("CP1251", Encoding::Windows1251),
        ("DOS", Encoding::Cp866),
        ("dos", Encoding::Cp866),
        ("cp866", Encoding::Cp866),
        ("UTF-8", Encoding::Utf8),
        ("utf8", Encoding::Utf8),
    ] {
        assert_eq!(Encoding::from_declared(value), Some(e), "{value}");
    }
    assert_eq!(Encoding::from_declared("KOI8-R"), None);
}

#[test]
fn windows_1251_file_with_crlf_is_read() {
    let text = crlf(&statement(&[Doc::incoming("17", "24.11.2026", "12500.50")]));
    let bytes = win(&text);
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture really is windows-1251");
    let s = parse_with(&bytes, &[our()]);
    assert_eq!(s.problems, vec![]);
    assert_eq!(s.encoding, Encoding::Windows1251);
    assert_eq!(s.format_version.as_deref(), Some("1.03"));
    assert_eq!(s.sender.as_deref(), Some("СберБизнес"));
    assert_eq!(s.receiver.as_deref(), Some("1С:Предприятие"));
    assert_eq!(s.created, Some(d(2026, 11, 30)));
    assert_eq!(s.period, (Some(d(2026, 11, 23)), Some(d(2026, 11, 27))));
    assert_eq!(s.header_accounts, vec![our()]);
    assert_eq!(
        s.accounts,
        vec![AccountSection {
            line: 12,
            account: our(),
            from: Some(d(2026, 11, 23)),
            to: Some(d(2026, 11, 27)),
            opening_balance: Some(dec("100000.00")),
            total_in: Some(dec("12500.50")),
            total_out: Some(dec("0")),
            closing_balance: Some(dec("112500.50")),
        }]
    );
    let doc = &s.documents[0];
    assert_eq!(doc.line, line_of(&text, "СекцияДокумент", 1));
    assert_eq!(doc.kind, "Платежное поручение");
    assert_eq!((doc.number.as_str(), doc.date, doc.amount), ("17", d(2026, 11, 24), dec("12500.50")));
    assert_eq!(doc.direction, Direction::Incoming);
    assert_eq!(doc.own_account, our());
    assert_eq!(
        doc.counterparty,
        Party {
            name: Some("ООО «Детский мир Подмосковья»".into()),
            inn: Some("7725012341".into()),
            kpp: Some("772501001".into()),
            account: Some(client()),
            bank_name: Some("Банк ВТБ (ПАО)".into()),
            bik: Some(VTB.into()),
            corr_account: Some("30101810700000000187".into()),
        }
    );
    assert_eq!(doc.purpose, "Оплата по счету № 17 за плитку резиновую, в т.ч. НДС 22%");
    assert_eq!(doc.booked_on, Some(d(2026, 11, 24)));
}

#[test]
fn cp866_file_is_read_when_it_says_dos() {
    let text = statement_text("DOS", &Doc::incoming("17", "24.11.2026", "12500.50").text());
    let s = parse_with(&dos(&crlf(&text)), &[our()]);
    assert_eq!(s.encoding, Encoding::Cp866);
    assert_eq!(s.problems, vec![]);
    assert_eq!(s.documents[0].counterparty.name.as_deref(), Some("ООО \"Детский мир Подмосковья\""));
    assert_eq!(s.documents[0].purpose, "Оплата по счету № 17 за плитку резиновую, в т.ч. НДС 22%");
}

#[test]
fn utf8_file_is_read_when_it_says_so() {
    let text = statement_text("UTF-8", &Doc::incoming("17", "24.11.2026", "12500.50").text());
    let s = parse_with(text.as_bytes(), &[our()]);
    assert_eq!(s.encoding, Encoding::Utf8);
    assert_eq!((s.documents.len(), s.problems.len()), (1, 0));
    // A byte-order mark is not part of the first line.
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    assert_eq!(parse_with(&with_bom, &[our()]), s);
}

#[test]
fn encoding_is_recognised_when_not_declared() {
    let text = statement(&[Doc::incoming("17", "24.11.2026", "12500.50")]).replace("Кодировка=Windows\n", "");
    let dos_file = parse_with(&dos(&text), &[our()]);
    assert_eq!((dos_file.encoding, dos_file.documents.len()), (Encoding::Cp866, 1));
    let win_file = parse_with(&win(&text), &[our()]);
    assert_eq!((win_file.encoding, win_file.documents.len()), (Encoding::Windows1251, 1));
    let utf8_file = parse_with(text.as_bytes(), &[our()]);
    assert_eq!((utf8_file.encoding, utf8_file.documents.len()), (Encoding::Utf8, 1));
    // An empty `Кодировка=` is as good as none.
    let empty = text.replace("ВерсияФормата=1.03\n", "ВерсияФормата=1.03\nКодировка=\n");
    assert_eq!(parse_with(&dos(&empty), &[our()]).encoding, Encoding::Cp866);
}

#[test]
fn lf_and_crlf_line_endings_read_the_same() {
    let text = statement(&[Doc::incoming("17", "24.11.2026", "12500.50"), Doc::outgoing("5", "25.11.2026", "300")]);
    let lf = parse(&text);
    let crlf = parse(&crlf(&text));
    assert_eq!(lf, crlf);
    assert_eq!((lf.documents.len(), lf.problems.len()), (2, 0));
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

#[test]
fn purpose_continuation_lines_are_joined_with_a_space() {
    let doc = Doc::incoming("17", "24.11.2026", "100")
        .set("НазначениеПлатежа", "Оплата по счету № 17 от 20.11.2026")
        .set("НазначениеПлатежа1", "за плитку резиновую,")
        .set("НазначениеПлатежа2", "в т.ч. НДС 22% 18.03 руб.");
    assert_eq!(parse(&statement(&[doc])).documents[0].purpose, "Оплата по счету № 17 от 20.11.2026 за плитку резиновую, в т.ч. НДС 22% 18.03 руб.");
    // Only numbered lines, in their numbers' order.
    let doc = Doc::incoming("17", "24.11.2026", "100")
        .without("НазначениеПлатежа")
        .set("НазначениеПлатежа2", "за плитку")
        .set("НазначениеПлатежа1", "Оплата по счету № 17");
    assert_eq!(parse(&statement(&[doc])).documents[0].purpose, "Оплата по счету № 17 за плитку");
}

#[test]
fn purpose_lines_repeating_the_one_line_purpose_are_not_doubled() {
    // Many banks write the whole text once and again split for printing.
    let doc = Doc::incoming("17", "24.11.2026", "100")
        .set("НазначениеПлатежа", "Оплата по счету № 17 от 20.11.2026 за плитку резиновую, в т.ч. НДС 22% 18.03 руб.")
        .set("НазначениеПлатежа1", "Оплата по счету № 17 от 20.11.2026 за плитку рези")
        .set("НазначениеПлатежа2", "новую, в т.ч. НДС 22% 18.03 руб.");
    assert_eq!(parse(&statement(&[doc])).documents[0].purpose, "Оплата по счету № 17 от 20.11.2026 за плитку резиновую, в т.ч. НДС 22% 18.03 руб.");
    let same = Doc::incoming("17", "24.11.2026", "100").set("НазначениеПлатежа1", "Оплата по счету № 17 за плитку резиновую, в т.ч. НДС 22%");
    assert_eq!(parse(&statement(&[same])).documents[0].purpose, "Оплата по счету № 17 за плитку резиновую, в т.ч. НДС 22%");
    // A one-line purpose cut short by the bank gives way to the full numbered lines.
    let cut = Doc::incoming("17", "24.11.2026", "100")
        .set("НазначениеПлатежа", "Оплата по счету № 17")
        .set("НазначениеПлатежа1", "Оплата по счету № 17 от 20.11.2026")
        .set("НазначениеПлатежа2", "за плитку");
    assert_eq!(parse(&statement(&[cut])).documents[0].purpose, "Оплата по счету № 17 от 20.11.2026 за плитку");
}

#[test]
fn incoming_payment_is_booked_on_our_account_with_the_payer_as_counterparty() {
    let s = parse(&statement(&[Doc::incoming("17", "24.11.2026", "12500.50").set("ДатаСписано", "23.11.2026")]));
    let doc = &s.documents[0];
    assert_eq!((doc.direction, doc.own_account.as_str()), (Direction::Incoming, our().as_str()));
    assert_eq!(doc.counterparty.account, Some(client()));
    assert_eq!(doc.booked_on, Some(d(2026, 11, 24)), "ДатаПоступило, not ДатаСписано");
    assert_eq!(doc.key.counterparty_account, client());
}

#[test]
fn outgoing_payment_leaves_our_account_with_the_payee_as_counterparty() {
    let s = parse(&statement(&[Doc::outgoing("5", "25.11.2026", "300").set("ДатаПоступило", "26.11.2026")]));
    let doc = &s.documents[0];
    assert_eq!((doc.direction, doc.own_account.as_str()), (Direction::Outgoing, our().as_str()));
    assert_eq!(doc.counterparty.name.as_deref(), Some("ООО «РезинТех»"));
    assert_eq!(doc.counterparty.account, Some(supplier()));
    assert_eq!(doc.booked_on, Some(d(2026, 11, 25)), "ДатаСписано, not ДатаПоступило");
}

#[test]
fn transfer_between_our_accounts_is_outgoing_from_the_payer_account() {
    let doc = Doc::outgoing("6", "25.11.2026", "1000").set("ПолучательСчет", &our_second()).set("ПолучательРасчСчет", &our_second()).set("ПолучательБИК", SBER);
    let s = parse_with(&win(&statement(&[doc])), &[our(), our_second()]);
    let doc = &s.documents[0];
    assert_eq!((doc.direction, doc.own_account.clone(), doc.counterparty.account.clone()), (Direction::Outgoing, our(), Some(our_second())));
}

#[test]
fn payment_between_others_is_not_ours_on_the_payee_account_line() {
    let stranger = acc(VTB, "40702810500000009999");
    let doc = Doc::incoming("17", "24.11.2026", "100").set("ПолучательСчет", &stranger).set("ПолучательРасчСчет", &stranger).set("ПолучательБИК", VTB);
    let text = statement(&[doc]);
    let s = parse(&text);
    let p = only_problem(&s);
    assert_problem(p, line_of(&text, "ПолучательСчет=", 1), "ПолучательСчет", ProblemKind::NotOurAccount, line_of(&text, "СекцияДокумент", 1));
    assert!(p.message.contains("платёж не на наш счёт"), "{}", p.message);
    assert!(p.message.contains(&stranger) && p.message.contains(&our()), "{}", p.message);
}

#[test]
fn without_own_accounts_the_files_own_accounts_are_ours() {
    let text = statement(&[Doc::incoming("17", "24.11.2026", "100")]);
    let s = parse_with(&win(&text), &[]);
    assert_eq!((s.documents.len(), s.problems.len()), (1, 0));
    assert_eq!(s.documents[0].direction, Direction::Incoming);
    // From the account section alone, too.
    let only_section = text.replacen(&format!("РасчСчет={}\nДокумент", our()), "Документ", 1);
    let s = parse_with(&win(&only_section), &[]);
    assert!(s.header_accounts.is_empty());
    assert_eq!((s.documents.len(), s.problems.len()), (1, 0));
    // Accounts given by the caller win over the file's.
    let s = parse_with(&win(&text), &[our_second()]);
    assert_eq!(only_problem(&s).kind, ProblemKind::NotOurAccount);
}

#[test]
fn two_identical_payments_in_one_file_are_occurrences_one_and_two() {
    let same = Doc::incoming("17", "24.11.2026", "12500.50");
    let other_amount = Doc::incoming("17", "24.11.2026", "12500.51");
    let s = parse(&statement(&[same.clone(), other_amount, same.set("НазначениеПлатежа", "Другое назначение")]));
    let occurrences: Vec<u32> = s.documents.iter().map(|d| d.key.occurrence).collect();
    assert_eq!(occurrences, vec![1, 1, 2]);
    assert_ne!(s.documents[0].key.fingerprint(), s.documents[2].key.fingerprint());
    assert_eq!(s.documents[0].key.fingerprint().trim_end_matches('1'), s.documents[2].key.fingerprint().trim_end_matches('2'));
    // The same file loaded again gives the same keys: the database books each payment once.
    let again = parse(&statement(&[Doc::incoming("17", "24.11.2026", "12500.50"), Doc::incoming("17", "24.11.2026", "12500.50")]));
    assert_eq!(again.documents[0].key, s.documents[0].key);
    assert_eq!(again.documents[1].key, s.documents[2].key);
}

#[test]
fn fingerprint_is_canonical_and_readable() {
    let s = parse(&statement(&[Doc::incoming("17", "24.11.2026", "12500.5")]));
    assert_eq!(s.documents[0].key.fingerprint(), format!("{}|in|17|2026-11-24|12500.50|{}|1", our(), client()));
    let out = parse(&statement(&[Doc::outgoing("5", "25.11.2026", "300")]));
    assert_eq!(out.documents[0].key.fingerprint(), format!("{}|out|5|2026-11-25|300.00|{}|1", our(), supplier()));
    let odd = parse(&statement(&[Doc::incoming("A|1\\", "24.11.2026", "1")]));
    assert!(odd.documents[0].key.fingerprint().contains("|A\\|1\\\\|"), "{}", odd.documents[0].key.fingerprint());
    // Without the counterparty's account the place stays empty.
    let no_account = Doc::incoming("17", "24.11.2026", "1").without("ПлательщикСчет").without("ПлательщикРасчСчет");
    let s = parse(&statement(&[no_account]));
    assert_eq!(s.documents[0].counterparty.account, None);
    assert!(s.documents[0].key.fingerprint().ends_with("|1.00||1"), "{}", s.documents[0].key.fingerprint());
}

#[test]
fn amounts_are_normalised_to_two_places() {
    for (written, amount) in [("12500", "12500.00"), ("12500.5", "12500.50"), ("12500.50", "12500.50"), ("12500.500", "12500.50"), ("007.10", "7.10")] {
        let s = parse(&statement(&[Doc::incoming("17", "24.11.2026", written)]));
        assert_eq!(s.documents[0].amount.to_string(), amount, "{written}");
    }
    let a = parse(&statement(&[Doc::incoming("17", "24.11.2026", "12500")]));
    let b = parse(&statement(&[Doc::incoming("17", "24.11.2026", "12500.00")]));
    assert_eq!(a.documents[0].amount, b.documents[0].amount);
    assert_eq!(a.documents[0].key.fingerprint(), b.documents[0].key.fingerprint());
}

// ---------------------------------------------------------------------------------------------
// Line problems
// ---------------------------------------------------------------------------------------------

#[test]
fn amount_with_commas_or_spaces_is_refused_on_its_line() {
    for written in ["12 500,50", "12,500.50", "1 000", "12500,50", "1e5", ".5", "5.", "+5", "12500.50 руб.", "10.005", "99999999999999"] {
        let text = statement(&[Doc::incoming("17", "24.11.2026", written)]);
        let s = parse(&text);
        let p = only_problem(&s);
        assert_problem(p, line_of(&text, "Сумма=", 1), "Сумма", ProblemKind::InvalidAmount, line_of(&text, "СекцияДокумент", 1));
        assert!(p.message.contains(written) && p.message.starts_with("Платежное поручение № 17: "), "{}", p.message);
    }
}

#[test]
fn amount_must_be_above_zero() {
    for written in ["0", "0.00", "-100"] {
        let text = statement(&[Doc::incoming("17", "24.11.2026", written)]);
        let s = parse(&text);
        let p = only_problem(&s);
        assert_problem(p, line_of(&text, "Сумма=", 1), "Сумма", ProblemKind::InvalidAmount, line_of(&text, "СекцияДокумент", 1));
        assert!(p.message.contains("больше нуля"), "{}", p.message);
    }
}

#[test]
fn date_must_be_a_real_dd_mm_yyyy_date() {
    for written in ["2026-11-24", "24.11.26", "24/11/2026", "31.02.2026", "00.11.2026", "24.11.1900", "24.11.2О26"] {
        let text = statement(&[Doc::incoming("17", "24.11.2026", "100").set("Дата", written)]);
        let s = parse(&text);
        let p = only_problem(&s);
        assert_problem(p, line_of(&text, "Дата=", 1), "Дата", ProblemKind::InvalidDate, line_of(&text, "СекцияДокумент", 1));
    }
}

#[test]
fn document_dated_after_today_is_refused() {
    let text = statement(&[Doc::incoming("17", "01.12.2026", "100"), Doc::incoming("18", "30.11.2026", "100")]);
    let s = parse(&text);
    assert_eq!(s.documents.len(), 1, "today itself is fine");
    assert_eq!(s.problems.len(), 1);
    assert_problem(&s.problems[0], line_of(&text, "Дата=", 1), "Дата", ProblemKind::FutureDate, line_of(&text, "СекцияДокумент", 1));
    assert!(s.problems[0].message.contains("01.12.2026") && s.problems[0].message.contains("30.11.2026"), "{}", s.problems[0].message);
}

#[test]
fn missing_number_date_or_amount_is_named_on_the_section_line() {
    for key in ["Номер", "Дата", "Сумма"] {
        let text = statement(&[Doc::incoming("17", "24.11.2026", "100").without(key)]);
        let s = parse(&text);
        let section = line_of(&text, "СекцияДокумент", 1);
        assert_problem(only_problem(&s), section, key, ProblemKind::MissingField, section);
    }
    // An empty value is absent.
    let text = statement(&[Doc::incoming("17", "24.11.2026", "100").set("Сумма", "")]);
    let section = line_of(&text, "СекцияДокумент", 1);
    assert_problem(only_problem(&parse(&text)), section, "Сумма", ProblemKind::MissingField, section);
}

#[test]
fn every_fault_of_a_document_is_named_at_once() {
    let text = statement(&[Doc::incoming("17", "31.13.2026", "1,5").without("Номер").set("ПлательщикСчет", &broken(&client()))]);
    let s = parse(&text);
    let fields: Vec<&str> = s.problems.iter().filter_map(|p| p.field.as_deref()).collect();
    assert_eq!(fields, vec!["Номер", "Дата", "Сумма", "ПлательщикСчет", "ДатаПоступило"]);
    assert!(s.problems.iter().all(|p| p.document_line == Some(line_of(&text, "СекцияДокумент", 1))));
}

#[test]
fn document_without_its_end_is_named_on_its_section_line() {
    let unclosed = Doc::incoming("17", "24.11.2026", "100").text().replace("КонецДокумента\n", "");
    let body = format!("{unclosed}{}", Doc::incoming("18", "24.11.2026", "200").text());
    let text = statement_text("Windows", &body);
    let s = parse(&text);
    let first = line_of(&text, "СекцияДокумент", 1);
    let second = line_of(&text, "СекцияДокумент", 2);
    assert_eq!(s.documents.iter().map(|d| d.number.as_str()).collect::<Vec<_>>(), vec!["18"], "the next document is read");
    assert_eq!(s.problems.len(), 1);
    assert_problem(&s.problems[0], first, "КонецДокумента", ProblemKind::UnclosedDocument, first);
    assert!(s.problems[0].message.contains(&format!("до строки {second}")), "{}", s.problems[0].message);
    // The last document, cut by КонецФайла.
    let text = statement_text("Windows", &unclosed);
    let p = only_problem(&parse(&text)).clone();
    assert_problem(&p, line_of(&text, "СекцияДокумент", 1), "КонецДокумента", ProblemKind::UnclosedDocument, line_of(&text, "СекцияДокумент", 1));
}

#[test]
fn counterparty_account_failing_its_bik_key_is_refused() {
    let text = statement(&[Doc::incoming("17", "24.11.2026", "100").set("ПлательщикСчет", &broken(&client()))]);
    let s = parse(&text);
    let p = only_problem(&s);
    assert_problem(p, line_of(&text, "ПлательщикСчет=", 1), "ПлательщикСчет", ProblemKind::AccountKeyMismatch, line_of(&text, "СекцияДокумент", 1));
    assert!(p.message.contains("контрольный ключ") && p.message.contains(VTB), "{}", p.message);
    // The same account at another bank is a different key.
    let text = statement(&[Doc::incoming("17", "24.11.2026", "100").set("ПлательщикБИК", SBER)]);
    assert_eq!(only_problem(&parse(&text)).kind, ProblemKind::AccountKeyMismatch);
}

#[test]
fn own_account_failing_its_bik_key_is_refused() {
    let bad = broken(&our());
    let text = statement(&[Doc::incoming("17", "24.11.2026", "100").set("ПолучательСчет", &bad)]);
    let s = parse_with(&win(&text), &[our(), bad]);
    assert_problem(only_problem(&s), line_of(&text, "ПолучательСчет=", 1), "ПолучательСчет", ProblemKind::AccountKeyMismatch, line_of(&text, "СекцияДокумент", 1));
}

#[test]
fn malformed_account_or_bik_is_refused_on_its_line() {
    let text = statement(&[Doc::incoming("17", "24.11.2026", "100").set("ПлательщикСчет", "4070281050000000200")]);
    let s = parse(&text);
    assert_problem(only_problem(&s), line_of(&text, "ПлательщикСчет=", 1), "ПлательщикСчет", ProblemKind::InvalidAccount, line_of(&text, "СекцияДокумент", 1));
    let text = statement(&[Doc::incoming("17", "24.11.2026", "100").set("ПлательщикБИК", "44525187")]);
    let s = parse(&text);
    assert_problem(only_problem(&s), line_of(&text, "ПлательщикБИК=", 1), "ПлательщикБИК", ProblemKind::InvalidBik, line_of(&text, "СекцияДокумент", 1));
    // Without a БИК there is nothing to check the key against.
    let s = parse(&statement(&[Doc::incoming("17", "24.11.2026", "100").without("ПлательщикБИК").set("ПлательщикСчет", &broken(&client()))]));
    assert_eq!((s.documents.len(), s.problems.len()), (1, 0));
}

#[test]
fn unreadable_booking_date_is_refused_on_its_line() {
    let text = statement(&[Doc::incoming("17", "24.11.2026", "100").set("ДатаПоступило", "24.11.2026 10:00")]);
    let s = parse(&text);
    assert_problem(only_problem(&s), line_of(&text, "ДатаПоступило=", 1), "ДатаПоступило", ProblemKind::InvalidDate, line_of(&text, "СекцияДокумент", 1));
    // The other side's date does not matter.
    let s = parse(&statement(&[Doc::incoming("17", "24.11.2026", "100").set("ДатаСписано", "когда-то")]));
    assert_eq!((s.documents.len(), s.problems.len()), (1, 0));
}

#[test]
fn unknown_keys_are_ignored_and_empty_values_are_absent() {
    let doc = Doc::incoming("17", "24.11.2026", "100")
        .set("ПоказательКБК", "18210102010011000110")
        .set("КакойТоНовыйКлюч", "что-то")
        .set("ПлательщикКПП", "")
        .set("ПлательщикИНН", "0")
        .set("ПлательщикБанк1", "")
        .kind("Банковский ордер");
    let s = parse(&statement(&[doc]));
    let doc = &s.documents[0];
    assert_eq!(doc.kind, "Банковский ордер");
    assert_eq!((doc.counterparty.kpp.clone(), doc.counterparty.inn.clone(), doc.counterparty.bank_name.clone()), (None, None, None));
    assert_eq!(s.problems, vec![]);
}

#[test]
fn counterparty_name_prefers_name1_and_drops_the_inn_prefix() {
    let s = parse(&statement(&[Doc::incoming("17", "24.11.2026", "100").without("Плательщик1")]));
    assert_eq!(s.documents[0].counterparty.name.as_deref(), Some("ООО «Детский мир Подмосковья»"));
    let s = parse(&statement(&[Doc::incoming("17", "24.11.2026", "100").without("Плательщик1").set("Плательщик", "ИП Зуев Павел Андреевич")]));
    assert_eq!(s.documents[0].counterparty.name.as_deref(), Some("ИП Зуев Павел Андреевич"));
    assert_eq!(without_inn_prefix("ИНН 7725012341"), "ИНН 7725012341", "nothing but the number stays as written");
}

#[test]
fn account_section_faults_are_problems_and_its_balances_are_read() {
    let text = statement(&[]).replace("НачальныйОстаток=100000.00", "НачальныйОстаток=100 000,00").replace("ВсегоСписано=0.00", "ВсегоСписано=-5.10");
    let s = parse(&text);
    assert_eq!(s.problems.len(), 1);
    assert_eq!((s.problems[0].line, s.problems[0].field.as_deref(), s.problems[0].kind), (line_of(&text, "НачальныйОстаток", 1), Some("НачальныйОстаток"), ProblemKind::InvalidAmount));
    assert_eq!(s.problems[0].document_line, None);
    assert_eq!((s.accounts[0].opening_balance, s.accounts[0].total_out), (None, Some(dec("-5.10"))));
    // A section left open is kept, with a problem on its first line.
    let text = statement(&[Doc::incoming("17", "24.11.2026", "100")]).replace("КонецРасчСчет\n", "");
    let s = parse(&text);
    assert_eq!(s.accounts.len(), 1);
    assert_eq!(s.documents.len(), 1);
    assert_eq!((s.problems[0].line, s.problems[0].kind), (12, ProblemKind::UnclosedAccountSection));
    // A section without its account is dropped.
    let text = statement(&[]).replacen(&format!("РасчСчет={}\nНачальный", our()), "Начальный", 1);
    let s = parse(&text);
    assert!(s.accounts.is_empty());
    assert_eq!((s.problems[0].line, s.problems[0].kind, s.problems[0].field.as_deref()), (12, ProblemKind::MissingField, Some("РасчСчет")));
}

#[test]
fn header_date_faults_are_problems() {
    let text = statement(&[]).replace("ДатаСоздания=30.11.2026", "ДатаСоздания=30.11.2026 9:15");
    let s = parse(&text);
    assert_eq!(s.created, None);
    assert_eq!((s.problems[0].line, s.problems[0].field.as_deref(), s.problems[0].kind, s.problems[0].document_line), (6, Some("ДатаСоздания"), ProblemKind::InvalidDate, None));
}

#[test]
fn several_accounts_and_many_document_kinds_are_read() {
    let second = format!(
        "СекцияРасчСчет\nДатаНачала=23.11.2026\nДатаКонца=27.11.2026\nРасчСчет={}\nНачальныйОстаток=0\nВсегоПоступило=1000\nВсегоСписано=0\nКонечныйОстаток=1000\nКонецРасчСчет\n",
        our_second()
    );
    let transfer_in = Doc::incoming("9", "25.11.2026", "1000").set("ПолучательСчет", &our_second()).set("ПолучательРасчСчет", &our_second());
    let body = format!(
        "{second}{}{}{}",
        transfer_in.text(),
        Doc::outgoing("3", "25.11.2026", "150").kind("Банковский ордер").text(),
        Doc::incoming("4", "26.11.2026", "75").kind("Инкассовое поручение").text()
    );
    let s = parse_with(&win(&statement_text("Windows", &body)), &[]);
    assert_eq!(s.accounts.iter().map(|a| a.account.clone()).collect::<Vec<_>>(), vec![our(), our_second()]);
    assert_eq!(s.problems, vec![]);
    let kinds: Vec<(&str, Direction, String)> = s.documents.iter().map(|d| (d.kind.as_str(), d.direction, d.own_account.clone())).collect();
    assert_eq!(
        kinds,
        vec![
            ("Платежное поручение", Direction::Incoming, our_second()),
            ("Банковский ордер", Direction::Outgoing, our()),
            ("Инкассовое поручение", Direction::Incoming, our()),
        ]
    );
}

#[test]
fn problems_are_in_line_order_and_lines_after_the_end_are_ignored() {
    let text = statement(&[Doc::incoming("17", "24.11.2026", "1,5"), Doc::incoming("18", "01.01.2027", "100")]) + "СекцияДокумент=Платежное поручение\nНомер=x\n";
    let s = parse(&text);
    let lines: Vec<usize> = s.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![line_of(&text, "Сумма=", 1), line_of(&text, "Дата=", 2)]);
}

#[test]
fn a_small_literal_file_names_exact_lines() {
    let our = our();
    let client = client();
    let text = format!(
        "1CClientBankExchange\r\n\
         ВерсияФормата=1.03\r\n\
         Кодировка=Windows\r\n\
         РасчСчет={our}\r\n\
         СекцияДокумент=Платежное поручение\r\n\
         Номер=1\r\n\
         Дата=24.11.2026\r\n\
         Сумма=12 500,50\r\n\
         ПлательщикСчет={client}\r\n\
         ПолучательСчет={our}\r\n\
         КонецДокумента\r\n\
         СекцияДокумент=Платежное поручение\r\n\
         Номер=2\r\n\
         Дата=24.11.2026\r\n\
         Сумма=700\r\n\
         ПлательщикСчет={client}\r\n\
         ПолучательСчет={client}\r\n\
         КонецДокумента\r\n\
         СекцияДокумент=Мемориальный ордер\r\n\
         Номер=3\r\n\
         Дата=24.11.2026\r\n\
         Сумма=700\r\n\
         ПлательщикСчет={client}\r\n\
         ПолучательСчет={our}\r\n\
         КонецДокумента\r\n\
         КонецФайла\r\n"
    );
    let s = parse_with(&win(&text), &[]);
    let got: Vec<(usize, Option<&str>, ProblemKind, Option<usize>)> = s.problems.iter().map(|p| (p.line, p.field.as_deref(), p.kind, p.document_line)).collect();
    assert_eq!(
        got,
        vec![
            (8, Some("Сумма"), ProblemKind::InvalidAmount, Some(5)),
            (17, Some("ПолучательСчет"), ProblemKind::NotOurAccount, Some(12)),
        ]
    );
    assert_eq!(s.documents.len(), 1);
    assert_eq!((s.documents[0].line, s.documents[0].kind.as_str(), s.documents[0].amount), (19, "Мемориальный ордер", dec("700.00")));
}

// ---------------------------------------------------------------------------------------------
// Whole-file errors
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_file_is_refused() {
    assert_eq!(error(b""), StatementError::Empty);
    assert_eq!(error(b"\r\n  \n\t\n"), StatementError::Empty);
    assert_eq!(error(b"\xEF\xBB\xBF"), StatementError::Empty);
    assert_eq!(StatementError::Empty.code(), "statement_empty");
}

#[test]
fn file_above_fifty_megabytes_is_refused_before_parsing() {
    // Zeroed memory is not touched: the size is checked first.
    let huge = vec![0u8; MAX_STATEMENT_BYTES + 1];
    let e = error(&huge);
    assert_eq!(e, StatementError::TooLarge { size: MAX_STATEMENT_BYTES + 1, limit: MAX_STATEMENT_BYTES });
    assert!(e.to_string().contains("не более 50 МБ"), "{e}");
    assert_eq!(check_size(MAX_STATEMENT_BYTES), Ok(()), "exactly the limit is read");
}

#[test]
fn file_of_another_format_is_refused_naming_its_first_line() {
    let e = error(b"\r\n\r\n%PDF-1.4\r\n%\xE2\xE3\xCF\xD3\r\n");
    assert_eq!(e, StatementError::NotExchangeFile { line: 3, found: "%PDF-1.4".into() });
    assert!(e.to_string().contains("строка 3") && e.to_string().contains("1CClientBankExchange"), "{e}");
    let e = error(&win("Номер;Дата;Сумма\n17;24.11.2026;100\n"));
    assert_eq!(e, StatementError::NotExchangeFile { line: 1, found: "Номер;Дата;Сумма".into() }, "a windows-1251 line reads");
}

#[test]
fn unknown_declared_encoding_is_refused_on_its_line() {
    let e = error(&win(&statement_text("KOI8-R", "")));
    assert_eq!(e, StatementError::UnknownEncoding { line: 3, value: "KOI8-R".into() });
    assert!(e.to_string().starts_with("Строка 3:"), "{e}");
}

#[test]
fn utf8_bytes_declared_as_windows_are_refused_naming_both() {
    let text = statement(&[Doc::incoming("17", "24.11.2026", "100")]);
    let e = error(text.as_bytes());
    assert_eq!(e, StatementError::EncodingMismatch { declared: Encoding::Windows1251, actual: Some(Encoding::Utf8), line: Some(3) });
    let m = e.to_string();
    assert!(m.contains("windows-1251") && m.contains("UTF-8") && m.contains("строке 3"), "{m}");
    // The header in windows-1251, the rest in UTF-8.
    let cut = text.find("Отправитель").expect("header");
    let bytes = [win(&text[..cut]), text.as_bytes()[cut..].to_vec()].concat();
    let e = error(&bytes);
    assert_eq!(e, StatementError::EncodingMismatch { declared: Encoding::Windows1251, actual: Some(Encoding::Utf8), line: Some(3) });
}

#[test]
fn windows_bytes_declared_as_dos_are_refused_naming_both() {
    let e = error(&win(&statement_text("DOS", &Doc::incoming("17", "24.11.2026", "100").text())));
    assert_eq!(e, StatementError::EncodingMismatch { declared: Encoding::Cp866, actual: Some(Encoding::Windows1251), line: Some(3) });
    let m = e.to_string();
    assert!(m.contains("cp866") && m.contains("windows-1251"), "{m}");
    let e = error(&dos(&statement_text("Windows", "")));
    assert_eq!(e, StatementError::EncodingMismatch { declared: Encoding::Windows1251, actual: Some(Encoding::Cp866), line: Some(3) });
}

#[test]
fn body_in_another_encoding_than_its_header_is_refused() {
    // The header (with «Кодировка=Windows») in windows-1251, the rest in cp866: the keywords
    // read only in cp866.
    let text = statement(&[Doc::incoming("17", "24.11.2026", "100")]);
    let cut = text.find("Отправитель").expect("header");
    let bytes = [win(&text[..cut]), dos(&text[cut..])].concat();
    let e = error(&bytes);
    assert_eq!(e, StatementError::EncodingMismatch { declared: Encoding::Windows1251, actual: Some(Encoding::Cp866), line: Some(3) });
}

#[test]
fn windows_bytes_declared_as_utf8_are_refused() {
    let e = error(&win(&statement_text("UTF-8", "")));
    assert_eq!(e, StatementError::EncodingMismatch { declared: Encoding::Utf8, actual: Some(Encoding::Windows1251), line: Some(3) });
    // A UTF-8 file with one windows-1251 purpose.
    let text = statement_text("UTF-8", &Doc::incoming("17", "24.11.2026", "100").text());
    let cut = text.find("Оплата по счету").expect("purpose");
    let bytes = [text.as_bytes()[..cut].to_vec(), win(&text[cut..])].concat();
    let e = error(&bytes);
    assert!(matches!(e, StatementError::EncodingMismatch { declared: Encoding::Utf8, line: Some(3), .. }), "{e:?}");
    assert!(e.to_string().contains("UTF-8"), "{e}");
}

#[test]
fn file_without_its_end_is_truncated_at_its_last_line() {
    let text = statement(&[Doc::incoming("17", "24.11.2026", "100"), Doc::incoming("18", "24.11.2026", "100")]);
    let last = line_of(&text, "Сумма=", 2) - 1;
    let cut: String = text.lines().take(last).map(|l| format!("{l}\n")).collect();
    let e = error(&win(&crlf(&cut)));
    assert_eq!(e, StatementError::Truncated { last_line: last });
    assert!(e.to_string().contains(&format!("последняя прочитанная строка — {last}")), "{e}");
    // Only the header.
    assert_eq!(error(&win("1CClientBankExchange\nВерсияФормата=1.03\nКодировка=Windows\n\n")), StatementError::Truncated { last_line: 3 });
}

#[test]
fn every_error_has_a_code() {
    let errors = [
        StatementError::Empty,
        StatementError::TooLarge { size: 1, limit: 0 },
        StatementError::NotExchangeFile { line: 1, found: String::new() },
        StatementError::UnknownEncoding { line: 1, value: String::new() },
        StatementError::EncodingMismatch { declared: Encoding::Utf8, actual: None, line: None },
        StatementError::Truncated { last_line: 1 },
    ];
    let codes: std::collections::BTreeSet<&str> = errors.iter().map(StatementError::code).collect();
    assert_eq!(codes.len(), errors.len());
    assert!(errors.iter().all(|e| !e.to_string().is_empty()));
}

// ---------------------------------------------------------------------------------------------
// Real files and speed
// ---------------------------------------------------------------------------------------------

#[test]
fn sberbank_export_sample_is_read() {
    let bytes = include_bytes!("../../tests/data/statement_sberbank.txt");
    assert!(!bytes.is_ascii() && !is_multibyte_utf8(bytes), "the sample is windows-1251");
    let s = parse_statement(bytes, &[], d(2026, 11, 30)).expect("the sample reads");
    assert_eq!(s.problems, vec![]);
    assert_eq!(s.sender.as_deref(), Some("СберБизнес"));
    assert_eq!(s.accounts.len(), 1);
    let section = &s.accounts[0];
    let incoming: Decimal = s.documents.iter().filter(|d| d.direction == Direction::Incoming).map(|d| d.amount).sum();
    let outgoing: Decimal = s.documents.iter().filter(|d| d.direction == Direction::Outgoing).map(|d| d.amount).sum();
    assert_eq!((section.total_in, section.total_out), (Some(incoming), Some(outgoing)), "the bank's totals agree with the documents");
    assert_eq!(section.opening_balance.map(|o| o + incoming - outgoing), section.closing_balance);
    let summary: Vec<(&str, &str, Direction, String)> = s.documents.iter().map(|d| (d.kind.as_str(), d.number.as_str(), d.direction, d.amount.to_string())).collect();
    assert_eq!(
        summary,
        vec![
            ("Платежное поручение", "412", Direction::Incoming, "371200.00".into()),
            ("Платежное поручение", "1187", Direction::Incoming, "156000.00".into()),
            ("Платежное поручение", "96", Direction::Outgoing, "240000.00".into()),
            ("Платежное поручение", "35", Direction::Incoming, "49625.00".into()),
            ("Банковский ордер", "480113", Direction::Outgoing, "1490.00".into()),
        ]
    );
    let first = &s.documents[0];
    assert_eq!(first.counterparty.name.as_deref(), Some("ООО \"ДАЧАСТРОЙ\""));
    assert_eq!(first.purpose, "Оплата по счету № 1 от 20.11.2026 за плитку резиновую, в т.ч. НДС 22% 66 937.70 руб.");
    assert_eq!(s.documents[1].purpose, "Предоплата 50% по сч. 2 от 20.11.2026 за резиновое покрытие. Сумма 156000-00 В т.ч. НДС (22%) 28131-15");
    let fee = &s.documents[4];
    assert_eq!((fee.counterparty.name.as_deref(), fee.booked_on), (Some("ПАО СБЕРБАНК"), Some(d(2026, 11, 27))));
}

#[test]
fn demo_statement_reads_without_problems() {
    let bytes = include_bytes!("../../../api/assets/demo/statement.txt");
    assert!(!bytes.is_ascii() && !is_multibyte_utf8(bytes), "the demo is windows-1251");
    assert!(bytes.windows(2).filter(|w| w[1] == b'\n').all(|w| w[0] == b'\r'), "the demo has CRLF line endings");
    let head_company = acc(SBER, "40702810038000001001");
    let s = parse_statement(bytes, std::slice::from_ref(&head_company), d(2026, 11, 30)).expect("the demo reads");
    assert_eq!(s.problems, vec![]);
    let ins = s.documents.iter().filter(|d| d.direction == Direction::Incoming).count();
    let outs = s.documents.iter().filter(|d| d.direction == Direction::Outgoing).count();
    assert_eq!((ins, outs), (6, 2));
    assert!(s.documents.iter().all(|d| d.own_account == head_company));
    let section = &s.accounts[0];
    let total = |dir| s.documents.iter().filter(|d| d.direction == dir).map(|d| d.amount).sum::<Decimal>();
    assert_eq!((section.total_in, section.total_out), (Some(total(Direction::Incoming)), Some(total(Direction::Outgoing))));
    assert_eq!(section.opening_balance.map(|o| o + total(Direction::Incoming) - total(Direction::Outgoing)), section.closing_balance);
}

/// A statement of `n` incoming payments from a handful of clients.
fn many_documents(n: usize) -> Vec<u8> {
    let template = Doc::incoming("{N}", "24.11.2026", "{A}").text();
    let mut body = String::with_capacity(template.len() * n);
    for i in 0..n {
        body.push_str(&template.replace("{N}", &(i + 1).to_string()).replace("{A}", &format!("{}.{:02}", 1000 + i, i % 100)));
    }
    win(&crlf(&statement_text("Windows", &body)))
}

#[test]
fn ten_thousand_documents_are_read_in_one_pass() {
    // Its speed is the import benchmark's business, not a timed test's.
    let bytes = many_documents(10_000);
    let s = parse_statement(&bytes, &[our()], today()).expect("statement");
    assert_eq!((s.documents.len(), s.problems.len()), (10_000, 0));
    assert!(s.documents.iter().all(|d| d.key.occurrence == 1));
}
