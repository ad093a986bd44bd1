//! A counterparty's requisites by its legal form (seed 001 §2.2): a legal entity has a 10-digit
//! INN and a KPP, a sole trader a 12-digit INN and an OGRNIP, a person may have an INN and nothing
//! else. Requisites that exist are valid: build them with [`Requisites::parse`].

use super::CounterpartyKind;
use super::requisites::{Inn, Kpp, Ogrn, Okpo, text};
use crate::Named as _;
use crate::error::{FieldError, FieldErrors};

const NAME_MAX: usize = 500;
const ADDRESS_MAX: usize = 1000;

/// Requisites as a person or an integrator typed them.
#[derive(Debug, Clone, Copy, Default)]
pub struct CounterpartyDraft<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub inn: Option<&'a str>,
    pub kpp: Option<&'a str>,
    pub ogrn: Option<&'a str>,
    pub okpo: Option<&'a str>,
    pub legal_address: Option<&'a str>,
    pub actual_address: Option<&'a str>,
}

/// Checked requisites of a counterparty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requisites {
    pub kind: CounterpartyKind,
    pub name: String,
    pub inn: Option<Inn>,
    pub kpp: Option<Kpp>,
    pub ogrn: Option<Ogrn>,
    pub okpo: Option<Okpo>,
    pub legal_address: Option<String>,
    pub actual_address: Option<String>,
}

impl Requisites {
    /// Every problem at once, by field (`kind`, `inn`, `kpp`, …).
    pub fn parse(d: &CounterpartyDraft<'_>) -> Result<Requisites, FieldErrors> {
        use CounterpartyKind::*;
        let mut errors = FieldErrors::new();
        let kind = CounterpartyKind::parse(d.kind);
        if kind.is_none() {
            errors.add("kind", FieldError::new("invalid_value", CounterpartyKind::allowed_ru()));
        }
        let name = errors.required("name", Some(d.name), |s| text(NAME_MAX, s));
        let inn = match kind {
            Some(Person) => errors.optional("inn", d.inn, Inn::parse),
            _ => errors.required("inn", d.inn, Inn::parse),
        };
        let wrong = |msg: &str| FieldError::new("invalid_value", msg);
        match (kind, &inn) {
            (Some(LegalEntity), Some(i)) if !i.is_legal_entity() => errors.add("inn", wrong("У юридического лица ИНН из 10 цифр")),
            (Some(SoleTrader | Person), Some(i)) if i.is_legal_entity() => errors.add("inn", wrong("У ИП и физического лица ИНН из 12 цифр")),
            _ => {}
        }
        let kpp = if kind == Some(LegalEntity) {
            errors.required("kpp", d.kpp, Kpp::parse)
        } else {
            if d.kpp.is_some_and(|k| !k.trim().is_empty()) {
                errors.add("kpp", FieldError::new("not_allowed", "КПП есть только у юридических лиц"));
            }
            None
        };
        let ogrn = errors.optional("ogrn", d.ogrn, Ogrn::parse);
        match (kind, &ogrn) {
            (Some(LegalEntity), Some(o)) if o.is_ogrnip() => errors.add("ogrn", wrong("ОГРН юридического лица — 13 цифр")),
            (Some(SoleTrader), Some(o)) if !o.is_ogrnip() => errors.add("ogrn", wrong("ОГРНИП — 15 цифр")),
            _ => {}
        }
        let okpo = errors.optional("okpo", d.okpo, Okpo::parse);
        let legal_address = errors.optional("legal_address", d.legal_address, |s| text(ADDRESS_MAX, s));
        let actual_address = errors.optional("actual_address", d.actual_address, |s| text(ADDRESS_MAX, s));
        errors.into_result()?;
        match (kind, name) {
            (Some(kind), Some(name)) => Ok(Requisites { kind, name, inn, kpp, ogrn, okpo, legal_address, actual_address }),
            // Both are recorded as errors above when missing.
            _ => Err(FieldErrors::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(d: CounterpartyDraft<'_>) -> Vec<(String, &'static str)> {
        match Requisites::parse(&d) {
            Ok(_) => vec![],
            Err(e) => e.0.into_iter().map(|(f, e)| (f, e.code)).collect(),
        }
    }

    fn pairs<'a>(v: &'a [(String, &'static str)]) -> Vec<(&'a str, &'static str)> {
        v.iter().map(|(f, c)| (f.as_str(), *c)).collect()
    }

    const LEGAL_INN: &str = "7707083893";
    const PERSON_INN: &str = "500100732259";

    #[test]
    fn a_legal_entity_needs_a_ten_digit_inn_and_a_kpp() {
        let ok = CounterpartyDraft { kind: "legal_entity", name: "ООО «Ромашка»", inn: Some(LEGAL_INN), kpp: Some("770701001"), ..Default::default() };
        let r = Requisites::parse(&ok).expect("valid");
        assert_eq!((r.kind, r.inn.as_ref().map(|i| i.as_str())), (CounterpartyKind::LegalEntity, Some(LEGAL_INN)));
        let missing = CounterpartyDraft { kpp: None, ..ok };
        assert_eq!(pairs(&codes(missing)), [("kpp", "required")]);
        let person_inn = CounterpartyDraft { inn: Some(PERSON_INN), ..ok };
        assert_eq!(pairs(&codes(person_inn)), [("inn", "invalid_value")]);
    }

    #[test]
    fn a_sole_trader_has_a_twelve_digit_inn_no_kpp_and_an_ogrnip() {
        let ok = CounterpartyDraft { kind: "sole_trader", name: "ИП Иванов", inn: Some(PERSON_INN), ..Default::default() };
        assert!(Requisites::parse(&ok).is_ok());
        assert_eq!(pairs(&codes(CounterpartyDraft { kpp: Some("770701001"), ..ok })), [("kpp", "not_allowed")]);
        assert_eq!(pairs(&codes(CounterpartyDraft { inn: Some(LEGAL_INN), ..ok })), [("inn", "invalid_value")]);
        assert_eq!(pairs(&codes(CounterpartyDraft { ogrn: Some("1027700132195"), ..ok })), [("ogrn", "invalid_value")]);
    }

    #[test]
    fn a_person_may_have_no_inn_at_all() {
        let ok = CounterpartyDraft { kind: "person", name: "Иванов Иван", ..Default::default() };
        assert!(Requisites::parse(&ok).is_ok());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = CounterpartyDraft { kind: "firm", name: " ", inn: Some("123"), ..Default::default() };
        assert_eq!(pairs(&codes(bad)), [("kind", "invalid_value"), ("name", "required"), ("inn", "invalid_length")]);
    }
}
