//! What an organization's documents print (issue 10, «Реквизиты организации»): its legal names,
//! INN/KPP/OGRN, addresses, the bank account checked against the BIK's control key as clients'
//! are, and who signs — the director «в лице … действующего на основании …» in the genitive, as
//! typed by the admin (Russian declension of names is not guessed), and the chief accountant.
use crate::clients::commands::NewBankAccount;
use crate::clients::{Email, Inn, Kpp, Ogrn, Phone, text};
use crate::error::{FieldError, FieldErrors};

/// The requisites as typed.
#[derive(Debug, Clone, Default)]
pub struct RequisitesDraft<'a> {
    pub full_name: &'a str,
    pub short_name: &'a str,
    pub inn: Option<&'a str>,
    pub kpp: Option<&'a str>,
    pub ogrn: Option<&'a str>,
    pub legal_address: Option<&'a str>,
    pub postal_address: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub bank_account: Option<&'a str>,
    pub bik: Option<&'a str>,
    pub corr_account: Option<&'a str>,
    pub bank_name: Option<&'a str>,
    pub bank_city: Option<&'a str>,
    pub director_position: Option<&'a str>,
    pub director_name: Option<&'a str>,
    pub director_acting: Option<&'a str>,
    pub accountant_name: Option<&'a str>,
}

/// Checked requisites, every text trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRequisites {
    pub full_name: String,
    pub short_name: String,
    pub inn: Option<String>,
    pub kpp: Option<String>,
    pub ogrn: Option<String>,
    pub legal_address: Option<String>,
    pub postal_address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub bank_account: Option<String>,
    pub bik: Option<String>,
    pub corr_account: Option<String>,
    pub bank_name: Option<String>,
    pub bank_city: Option<String>,
    pub director_position: Option<String>,
    pub director_name: Option<String>,
    pub director_acting: Option<String>,
    pub accountant_name: Option<String>,
}

impl OrgRequisites {
    /// Every problem at once, by field. The bank account and the BIK come together; the account
    /// must match the BIK's control key. The signatory's clause must start «в лице».
    pub fn parse(d: &RequisitesDraft<'_>) -> Result<OrgRequisites, FieldErrors> {
        let mut e = FieldErrors::new();
        let full_name = e.required("full_name", Some(d.full_name), |s| text(500, s));
        let short_name = e.required("short_name", Some(d.short_name), |s| text(200, s));
        let inn = e.optional("inn", d.inn, |s| Inn::parse(s).map(|v| v.as_str().to_owned()));
        let kpp = e.optional("kpp", d.kpp, |s| Kpp::parse(s).map(|v| v.as_str().to_owned()));
        let ogrn = e.optional("ogrn", d.ogrn, |s| Ogrn::parse(s).map(|v| v.as_str().to_owned()));
        let legal_address = e.optional("legal_address", d.legal_address, |s| text(500, s));
        let postal_address = e.optional("postal_address", d.postal_address, |s| text(500, s));
        let phone = e.optional("phone", d.phone, |s| Phone::parse(s).map(|p| p.as_str().to_owned()));
        let email = e.optional("email", d.email, |s| Email::parse(s).map(|m| m.as_str().to_owned()));
        let blank = |s: Option<&str>| s.is_none_or(|v| v.trim().is_empty());
        let (mut bank_account, mut bik, mut corr_account) = (None, None, None);
        match (blank(d.bank_account), blank(d.bik)) {
            (true, true) => {}
            (false, true) => e.add("bik", FieldError::new("required", "Укажите БИК банка, в котором открыт счёт")),
            (true, false) => e.add("bank_account", FieldError::new("required", "Укажите расчётный счёт")),
            (false, false) => match NewBankAccount::parse(d.bank_account.unwrap_or(""), d.bik.unwrap_or(""), d.corr_account, None, None) {
                Ok(a) => {
                    bank_account = Some(a.account_number.as_str().to_owned());
                    bik = Some(a.bik.as_str().to_owned());
                    corr_account = a.corr_account.map(|c| c.as_str().to_owned());
                }
                Err(errs) => {
                    for (field, err) in errs.0 {
                        let field = match field.as_str() {
                            "account_number" => "bank_account".to_owned(),
                            _ => field,
                        };
                        e.add(field, err);
                    }
                }
            },
        }
        let bank_name = e.optional("bank_name", d.bank_name, |s| text(300, s));
        let bank_city = e.optional("bank_city", d.bank_city, |s| text(100, s));
        let director_position = e.optional("director_position", d.director_position, |s| text(200, s));
        let director_name = e.optional("director_name", d.director_name, |s| text(200, s));
        let director_acting = e.optional("director_acting", d.director_acting, acting_clause);
        let accountant_name = e.optional("accountant_name", d.accountant_name, |s| text(200, s));
        e.into_result()?;
        Ok(OrgRequisites {
            full_name: full_name.unwrap_or_default(),
            short_name: short_name.unwrap_or_default(),
            inn, kpp, ogrn, legal_address, postal_address, phone, email, bank_account, bik, corr_account, bank_name, bank_city,
            director_position, director_name, director_acting, accountant_name,
        })
    }

    /// What is still missing before a document can be issued in this organization's name.
    pub fn missing_for_documents(&self) -> Vec<&'static str> {
        missing_for_documents(self.inn.as_deref(), self.legal_address.as_deref(), self.bank_account.as_deref(), self.director_name.as_deref())
    }
}

/// The requisites a document cannot be issued without, by field, that are not filled (for stored
/// requisites as well as checked ones).
pub fn missing_for_documents(inn: Option<&str>, legal_address: Option<&str>, bank_account: Option<&str>, director_name: Option<&str>) -> Vec<&'static str> {
    [("inn", inn), ("legal_address", legal_address), ("bank_account", bank_account), ("director_name", director_name)]
        .into_iter()
        .filter(|(_, v)| v.is_none())
        .map(|(field, _)| field)
        .collect()
}

/// «в лице Генерального директора Иванова Ивана Ивановича, действующего на основании Устава».
fn acting_clause(s: &str) -> Result<String, FieldError> {
    let s = text(500, s)?;
    let lower = s.to_lowercase();
    if !lower.starts_with("в лице ") || !lower.contains("на основании") {
        return Err(FieldError::new(
            "invalid_format",
            "Напишите так: «в лице Генерального директора Иванова Ивана Ивановича, действующего на основании Устава»",
        ));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> RequisitesDraft<'static> {
        RequisitesDraft {
            full_name: "Общество с ограниченной ответственностью «Тессера»",
            short_name: "ООО «Тессера»",
            inn: Some("7707083893"),
            kpp: Some("773601001"),
            bank_account: Some("40702810938000000001"),
            bik: Some("044525225"),
            director_acting: Some("в лице Генерального директора Иванова Ивана Ивановича, действующего на основании Устава"),
            ..Default::default()
        }
    }

    #[test]
    fn requisites_with_a_bank_account_matching_its_bik_are_accepted() {
        let r = OrgRequisites::parse(&draft()).expect("valid");
        assert_eq!(r.bik.as_deref(), Some("044525225"));
        assert_eq!(r.missing_for_documents(), ["legal_address", "director_name"]);
    }

    #[test]
    fn an_organization_account_that_fails_the_bik_key_is_refused_under_bank_account() {
        let d = RequisitesDraft { bank_account: Some("40702810938000000002"), ..draft() };
        let errs = OrgRequisites::parse(&d).expect_err("bad key");
        assert_eq!(errs.0.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(), ["bank_account"]);
    }

    #[test]
    fn an_account_without_a_bik_is_refused() {
        let d = RequisitesDraft { bik: None, ..draft() };
        assert_eq!(OrgRequisites::parse(&d).expect_err("no bik").0[0].0, "bik");
    }

    #[test]
    fn the_signatory_clause_is_written_in_the_genitive_form_v_litse() {
        let d = RequisitesDraft { director_acting: Some("Иванов Иван Иванович"), ..draft() };
        assert_eq!(OrgRequisites::parse(&d).expect_err("not a clause").0[0].0, "director_acting");
    }

    #[test]
    fn names_and_inn_are_checked_with_every_problem_at_once() {
        let d = RequisitesDraft { full_name: " ", inn: Some("1234"), ..draft() };
        let fields: Vec<String> = OrgRequisites::parse(&d).expect_err("bad").0.into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["full_name", "inn"]);
    }
}
