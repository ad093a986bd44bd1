//! A document as it prints: the data the typst template lays out, every amount and date already
//! written the Russian way. A draft is printed from what is stored now (the organization's and
//! the counterparty's current requisites); a sent document from its frozen snapshot only.
use crate::AppState;
use crate::error::AppError;
use super::stored::{BuyerSignatory, Details};
use crate::render::{BankDetails, ContractSection, ContractText, DocumentData, Line, Party, SchedulePart, Signatory, Totals};
use chrono::NaiveDate;
use domain::documents::contract_texts::{ContractContext, contract_body};
use domain::documents::{ContractKind, DocumentKind, Unit, VatRate, amount_in_words};
use persistence::entities::{bank_account, counterparty, deal, organization, organization_requisites};
use persistence::repo::documents::documents::DocumentRow;
use rust_decimal::Decimal;

/// Kopecks as «1 234 567,50» (no-break spaces between groups).
pub fn money(minor: i64) -> String {
    let sign = if minor < 0 { "−" } else { "" };
    let abs = minor.unsigned_abs();
    let (rub, kop) = (abs / 100, abs % 100);
    let digits = rub.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{kop:02}")
}

/// Kopecks as a decimal amount of roubles.
pub fn rub(minor: i64) -> Decimal {
    Decimal::new(minor, 2)
}

/// Roubles (at most kopecks) as kopecks.
pub fn minor(amount: Decimal) -> i64 {
    let mut a = amount.round_dp(2);
    a.rescale(2);
    i64::try_from(a.mantissa()).unwrap_or(i64::MAX)
}

/// Thousandths as «12,5» or «3» (no trailing zeros).
pub fn quantity(milli: i64) -> String {
    Decimal::new(milli, 3).normalize().to_string().replace('.', ",")
}

/// «30.11.2026».
pub fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// «Иванов И. И.» from «Иванов Иван Иванович»; other shapes as they are.
pub fn initials(full: &str) -> String {
    let parts: Vec<&str> = full.split_whitespace().collect();
    match parts.as_slice() {
        [last, first, rest @ ..] => {
            let mut s = format!("{last} {}.", first.chars().next().map(String::from).unwrap_or_default());
            if let Some(middle) = rest.first() {
                s.push_str(&format!("\u{a0}{}.", middle.chars().next().map(String::from).unwrap_or_default()));
            }
            s
        }
        _ => full.to_owned(),
    }
}

/// The organization as the supplier of its documents: its requisites, or only its name while
/// nobody has entered them.
pub fn supplier(org: &organization::Model, r: Option<&organization_requisites::Model>) -> Party {
    match r {
        Some(r) => Party {
            name_full: r.full_name.clone(), name_short: r.short_name.clone(), inn: r.inn.clone(), kpp: r.kpp.clone(), ogrn: r.ogrn.clone(),
            legal_address: r.legal_address.clone(), postal_address: r.postal_address.clone(), phone: r.phone.clone(), email: r.email.clone(),
            bank: match (&r.bank_account, &r.bik) {
                (Some(account), Some(bik)) => Some(BankDetails {
                    account: account.clone(), bik: bik.clone(), bank_name: r.bank_name.clone().unwrap_or_default(), corr_account: r.corr_account.clone(),
                    city: r.bank_city.clone(),
                }),
                _ => None,
            },
            signatory: r.director_name.as_ref().map(|name| Signatory {
                position: r.director_position.clone().unwrap_or_else(|| "Генеральный директор".to_owned()),
                name: initials(name),
                acting: r.director_acting.clone().unwrap_or_default(),
            }),
            accountant: r.accountant_name.as_deref().map(initials),
        },
        None => Party {
            name_full: org.name.clone(), name_short: org.name.clone(), inn: org.inn.clone(), kpp: org.kpp.clone(), ogrn: None,
            legal_address: org.address.clone(), postal_address: None, phone: None, email: None, bank: None, signatory: None, accountant: None,
        },
    }
}

/// The counterparty as the buyer, with the account it pays from.
pub fn buyer(cp: &counterparty::Model, account: Option<&bank_account::Model>, signatory: Option<&BuyerSignatory>) -> Party {
    Party {
        name_full: cp.name.clone(), name_short: cp.name.clone(), inn: cp.inn.clone(), kpp: cp.kpp.clone(), ogrn: cp.ogrn.clone(),
        legal_address: cp.legal_address.clone(), postal_address: cp.actual_address.clone(), phone: None, email: None,
        bank: account.map(|a| BankDetails {
            account: a.account_number.clone(), bik: a.bik.clone(), bank_name: a.bank_name.clone(), corr_account: a.corr_account.clone(), city: a.city.clone(),
        }),
        signatory: signatory.and_then(|s| {
            Some(Signatory {
                position: s.position.clone().unwrap_or_else(|| "Руководитель".to_owned()),
                name: initials(s.name.as_deref()?),
                acting: s.acting.clone().unwrap_or_default(),
            })
        }),
        accountant: None,
    }
}

/// The lines as printed, and their totals with the amount in words.
fn lines_and_totals(row: &DocumentRow) -> Result<(Vec<Line>, Option<Totals>), AppError> {
    let mut rates = std::collections::BTreeSet::new();
    let lines: Vec<Line> = row
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let rate = VatRate::parse(&l.vat_rate).unwrap_or(VatRate::None);
            rates.insert(rate);
            Line {
                no: (i + 1) as u32,
                name: l.name.clone(),
                article: l.article.clone(),
                quantity: quantity(l.quantity_milli),
                unit: Unit::parse(&l.unit).map_or_else(|| l.unit.clone(), |u| u.short_ru().to_owned()),
                price: money(l.price_minor),
                discount: (l.discount_bp != 0).then(|| format!("{} %", Decimal::new(i64::from(l.discount_bp), 2).normalize().to_string().replace('.', ","))),
                amount: money(l.amount_minor),
                vat_rate: rate.label_ru().to_owned(),
                vat_amount: if rate.percent().is_some_and(|p| !p.is_zero()) { money(l.vat_minor) } else { "—".to_owned() },
            }
        })
        .collect();
    if lines.is_empty() {
        return Ok((lines, None));
    }
    let without_vat = rates.iter().all(|r| *r == VatRate::None);
    let vat_label = if without_vat {
        "Без НДС".to_owned()
    } else if rates.len() == 1 {
        format!("В том числе НДС {}", rates.iter().next().map(|r| r.label_ru()).unwrap_or_default())
    } else {
        "В том числе НДС".to_owned()
    };
    let words = amount_in_words(rub(row.doc.total_minor)).map_err(|e| AppError::Internal(anyhow::anyhow!("amount in words: {}", e.message)))?;
    let totals = Totals {
        total: money(row.doc.total_minor),
        vat_total: if without_vat { "—".to_owned() } else { money(row.doc.vat_total_minor) },
        vat_label,
        amount_in_words: words,
        count_line: format!("Всего наименований {}, на сумму {} руб.", lines.len(), money(row.doc.total_minor)),
    };
    Ok((lines, Some(totals)))
}

/// Everything a document prints, read now (for a draft, or to freeze it when it is sent).
pub struct Sources<'a> {
    pub row: &'a DocumentRow,
    /// The deal it is for (a lead's typical offer has none).
    pub deal: Option<&'a deal::Model>,
    pub org: &'a organization::Model,
    pub requisites: Option<&'a organization_requisites::Model>,
    pub counterparty: Option<&'a counterparty::Model>,
    pub account: Option<&'a bank_account::Model>,
    pub manager: Option<String>,
    /// Whom a lead's typical offer is addressed to, when there is no counterparty.
    pub prospect: Option<Party>,
}

/// The data the template lays out.
pub fn data(s: &Sources<'_>) -> Result<DocumentData, AppError> {
    let doc = &s.row.doc;
    let kind = DocumentKind::parse(&doc.kind).ok_or_else(|| AppError::Internal(anyhow::anyhow!("document kind {}", doc.kind)))?;
    let details: Details = doc.details.as_deref().and_then(|d| serde_json::from_str(d).ok()).unwrap_or_default();
    let (lines, totals) = lines_and_totals(s.row)?;
    // A typical offer is a price list per unit: its lines have no total worth printing.
    let totals = if doc.lead_id.is_some() { None } else { totals };
    let supplier = supplier(s.org, s.requisites);
    let buyer = s.counterparty.map(|cp| buyer(cp, s.account, details.signatory.as_ref())).or_else(|| s.prospect.clone());
    let title = match kind {
        DocumentKind::Offer if doc.lead_id.is_some() => format!("Типовое коммерческое предложение № {} от {}", doc.number, date(doc.doc_date)),
        DocumentKind::Offer if doc.version_no > 1 => format!("Коммерческое предложение № {} (редакция {}) от {}", doc.number, doc.version_no, date(doc.doc_date)),
        DocumentKind::Contract => format!("Договор № {} от {}", doc.number, date(doc.doc_date)),
        _ => format!("{} № {} от {}", kind.name_ru(), doc.number, date(doc.doc_date)),
    };
    let schedule = s
        .row
        .schedule
        .iter()
        .enumerate()
        .map(|(i, p)| SchedulePart {
            label: format!("Платёж {}", i + 1),
            percent: format!("{} %", p.percent.replace('.', ",")),
            amount: money(p.amount_minor),
            due: format!("до {}", date(p.due_date)),
        })
        .collect();
    let contract = match (kind, ContractKind::parse(doc.contract_kind.as_deref().unwrap_or(""))) {
        (DocumentKind::Contract, Some(ck)) => Some(contract_text(ck, s, &supplier, buyer.as_ref(), totals.as_ref(), !lines.is_empty())),
        _ => None,
    };
    let city = s.org.city.as_ref().map(|c| format!("г. {c}"));
    Ok(DocumentData {
        kind: kind.as_str().to_owned(),
        title,
        number: doc.number.clone(),
        date: date(doc.doc_date),
        city,
        supplier,
        buyer,
        lines,
        totals,
        schedule,
        valid_until: doc.valid_until.map(date),
        terms: doc.terms.clone(),
        contract,
        notes: details.notes.clone(),
        manager: s.manager.clone(),
        reconciliation: None,
    })
}

fn contract_text(kind: ContractKind, s: &Sources<'_>, supplier: &Party, buyer: Option<&Party>, totals: Option<&Totals>, has_specification: bool) -> ContractText {
    let doc = &s.row.doc;
    let (number, day) = (doc.number.clone(), date(doc.doc_date));
    let city = s.org.city.as_ref().map_or_else(|| "г. Москва".to_owned(), |c| format!("г. {c}"));
    let supplier_acting = supplier.signatory.as_ref().map(|x| x.acting.clone()).unwrap_or_default();
    let (buyer_full, buyer_short, buyer_acting) = buyer.map_or((String::new(), String::new(), String::new()), |b| {
        (b.name_full.clone(), b.name_short.clone(), b.signatory.as_ref().map(|x| x.acting.clone()).unwrap_or_default())
    });
    let vat_clause = totals.map(|t| {
        if t.vat_label == "Без НДС" { "НДС не облагается".to_owned() } else { format!("в том числе {} — {} руб.", t.vat_label.trim_start_matches("В том числе "), t.vat_total) }
    });
    let valid_until = doc.valid_until.map(date);
    let ctx = ContractContext {
        kind,
        number: &number,
        date: &day,
        city: &city,
        supplier_full_name: &supplier.name_full,
        supplier_short_name: &supplier.name_short,
        supplier_acting: &supplier_acting,
        buyer_full_name: &buyer_full,
        buyer_short_name: &buyer_short,
        buyer_acting: &buyer_acting,
        total: totals.map(|t| t.total.as_str()),
        total_in_words: totals.map(|t| t.amount_in_words.as_str()),
        vat_clause: vat_clause.as_deref(),
        delivery_address: s.deal.and_then(|d| d.delivery_address.as_deref()),
        valid_until: valid_until.as_deref(),
        has_specification,
    };
    let body = contract_body(&ctx);
    ContractText {
        kind_title: body.title,
        preamble: body.preamble,
        sections: body.sections.into_iter().map(|s| ContractSection { title: s.title, clauses: s.clauses }).collect(),
        amount_clause: body.amount_clause,
    }
}

/// A sent document's frozen data.
pub fn frozen(doc: &persistence::entities::document::Model) -> Result<Option<DocumentData>, AppError> {
    doc.snapshot
        .as_deref()
        .map(|s| serde_json::from_str(s).map_err(|e| AppError::Internal(anyhow::anyhow!("document snapshot: {e}"))))
        .transpose()
}

/// Renders to PDF.
pub async fn pdf(ctx: &AppState, data: &DocumentData, requisites: Option<&organization_requisites::Model>, with_stamp: bool) -> Result<Vec<u8>, AppError> {
    let images = super::requisites::images(ctx, requisites).await?;
    ctx.renderer
        .render(data, &images, crate::render::RenderOptions { with_stamp })
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("render: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_with_grouped_roubles_and_two_kopeck_digits() {
        assert_eq!(money(12_500_050), "125\u{a0}000,50");
        assert_eq!(money(5), "0,05");
        assert_eq!(money(100_000_000_000), "1\u{a0}000\u{a0}000\u{a0}000,00");
        assert_eq!(money(-150), "−1,50");
    }

    #[test]
    fn quantities_drop_trailing_zeros() {
        assert_eq!(quantity(12_500), "12,5");
        assert_eq!(quantity(3_000), "3");
    }

    #[test]
    fn a_signature_line_shows_the_initials() {
        assert_eq!(initials("Иванов Иван Иванович"), "Иванов И.\u{a0}И.");
        assert_eq!(initials("Петров Пётр"), "Петров П.");
        assert_eq!(initials("Мадонна"), "Мадонна");
    }
}
