//! The Central Bank's BIK directory in its ED807 XML format (windows-1251): parsing only.
use quick_xml::events::Event;

#[derive(Debug, Clone, PartialEq)]
pub struct BankEntry {
    pub bik: String,
    pub name: String,
    pub city: Option<String>,
    pub address: Option<String>,
    pub corr_account: Option<String>,
}

#[derive(Debug, Default)]
pub struct Parsed {
    pub entries: Vec<BankEntry>,
    /// Closed or restricted participants (a `DateOut`, or a status other than active).
    pub skipped: usize,
}

/// A small directory shipped for demo and tests; an admin uploads the full file.
pub const SAMPLE: &[u8] = include_bytes!("../../../resources/20261120_ED807_sample.xml");

pub fn parse_ed807(bytes: &[u8]) -> Result<Parsed, String> {
    // The declared encoding is windows-1251; a UTF-8 file (with BOM or declaration) is accepted too.
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_lowercase();
    let text = if head.contains("utf-8") || bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        std::borrow::Cow::Owned(String::from_utf8_lossy(bytes).into_owned())
    } else {
        encoding_rs::WINDOWS_1251.decode(bytes).0
    };
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut out = Parsed::default();
    let mut current: Option<(BankEntry, bool)> = None;
    let mut saw_root = false;
    loop {
        let ev = reader.read_event().map_err(|e| format!("XML: {e}"))?;
        let e = match &ev {
            Event::Start(e) | Event::Empty(e) => e.clone(),
            Event::End(e) => {
                if e.local_name().as_ref() == b"BICDirectoryEntry"
                    && let Some((entry, closed)) = current.take() {
                        if closed || entry.name.is_empty() { out.skipped += 1 } else { out.entries.push(entry) }
                    }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let attr = |name: &[u8]| -> Option<String> {
            e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name).and_then(|a| a.unescape_value().ok()).map(|v| v.into_owned())
        };
        match e.local_name().as_ref() {
            b"ED807" => saw_root = true,
            b"BICDirectoryEntry" => {
                let bik = attr(b"BIC").unwrap_or_default();
                current = Some((BankEntry { bik, name: String::new(), city: None, address: None, corr_account: None }, false));
            }
            b"ParticipantInfo" => {
                if let Some((entry, closed)) = current.as_mut() {
                    entry.name = attr(b"NameP").unwrap_or_default();
                    entry.city = attr(b"Nnp");
                    entry.address = attr(b"Adr");
                    let status = attr(b"ParticipantStatus");
                    *closed |= attr(b"DateOut").is_some() || status.is_some_and(|s| s != "PSAC");
                }
            }
            b"Accounts" => {
                if let Some((entry, _)) = current.as_mut()
                    && attr(b"RegulationAccountType").as_deref() == Some("CRSA") && entry.corr_account.is_none() {
                        entry.corr_account = attr(b"Account");
                    }
            }
            _ => {}
        }
    }
    if !saw_root {
        return Err("это не файл ED807: нет элемента ED807".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_directory_parses_with_corr_accounts_and_skips_closed_banks() {
        let parsed = parse_ed807(SAMPLE).expect("sample parses");
        assert_eq!(parsed.skipped, 1);
        let sber = parsed.entries.iter().find(|b| b.bik == "044525225").expect("Sberbank");
        assert_eq!(sber.name, "ПАО Сбербанк");
        assert_eq!(sber.city.as_deref(), Some("Москва"));
        assert_eq!(sber.corr_account.as_deref(), Some("30101810400000000225"));
        assert!(parsed.entries.iter().all(|b| b.bik != "044599999"));
    }

    #[test]
    fn every_sample_corr_account_passes_the_control_key_against_its_bik() {
        for b in parse_ed807(SAMPLE).unwrap().entries {
            let bik = domain::Bik::parse(&b.bik).unwrap();
            let acc = domain::AccountNumber::parse(b.corr_account.as_deref().unwrap()).unwrap();
            assert!(acc.check_key(&bik).is_ok(), "{}", b.bik);
        }
    }

    #[test]
    fn a_file_that_is_not_ed807_is_refused() {
        assert!(parse_ed807(b"<html></html>").is_err());
    }
}
