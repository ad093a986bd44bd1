//! The demo's bank statement: a day of the head company's account as its bank would export it
//! (1CClientBankExchange, windows-1251), written from the demo's own open invoices so that the
//! import shows all it does: payments matched by the invoice number and the payer's INN (one of
//! them pays a shipped deal's rest and closes it), one without a number waiting in the unmatched
//! queue with suggestions, one from a payer nobody knows, and an outgoing payment to a supplier.
use crate::AppState;
use crate::app::finance::standing;
use domain::{AccountNumber, Bik};
use persistence::AccessScope;
use persistence::repo::documents::requisites;
use persistence::repo::finance::invoices;
use rust_decimal::Decimal;
use uuid::Uuid;

/// Where the demo's statement is kept in the file store (and so on disk under the files dir).
pub const STATEMENT_KEY: &str = "demo/statement.txt";

struct Party {
    name: String,
    inn: String,
    account: String,
    bik: String,
    bank: &'static str,
}

/// An account at Sberbank (BIK 044525225) that passes the BIK key.
fn account(seed: u32) -> anyhow::Result<String> {
    let bik = Bik::parse("044525225").map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let a = AccountNumber::with_control_digit(&bik, &format!("407028100400{seed:08}")).ok_or_else(|| anyhow::anyhow!("no account for seed {seed}"))?;
    Ok(a.as_str().to_owned())
}

fn document(number: u32, date: &str, amount: Decimal, payer: &Party, payee: &Party, purpose: &str) -> String {
    let mut amount = amount;
    amount.rescale(2);
    format!(
        "СекцияДокумент=Платежное поручение\r\nНомер={number}\r\nДата={date}\r\nСумма={amount}\r\n\
         ПлательщикСчет={pa}\r\nДатаСписано={date}\r\nПлательщик=ИНН {pi} {pn}\r\nПлательщикИНН={pi}\r\nПлательщик1={pn}\r\nПлательщикРасчСчет={pa}\r\n\
         ПлательщикБанк1={pb}\r\nПлательщикБИК={pbik}\r\n\
         ПолучательСчет={ra}\r\nДатаПоступило={date}\r\nПолучатель=ИНН {ri} {rn}\r\nПолучательИНН={ri}\r\nПолучатель1={rn}\r\nПолучательРасчСчет={ra}\r\n\
         ПолучательБанк1={rb}\r\nПолучательБИК={rbik}\r\nВидОплаты=01\r\nОчередность=5\r\nНазначениеПлатежа={purpose}\r\nКонецДокумента\r\n",
        pa = payer.account, pi = payer.inn, pn = payer.name, pb = payer.bank, pbik = payer.bik,
        ra = payee.account, ri = payee.inn, rn = payee.name, rb = payee.bank, rbik = payee.bik,
    )
}

/// The statement of `head`'s account for today, paying what its open invoices still lack.
pub async fn statement(ctx: &AppState, head: Uuid) -> anyhow::Result<Vec<u8>> {
    let req = requisites::get(&ctx.db, head).await?.ok_or_else(|| anyhow::anyhow!("the head company has no requisites"))?;
    let (Some(own_account), Some(own_bik)) = (req.bank_account.clone(), req.bik.clone()) else { anyhow::bail!("the head company has no bank account") };
    let us = Party {
        name: req.short_name.clone(),
        inn: req.inn.clone().unwrap_or_default(),
        account: own_account.clone(),
        bik: own_bik,
        bank: "ПАО СБЕРБАНК",
    };
    let today = ctx.now().date_naive();
    let date = today.format("%d.%m.%Y").to_string();
    let open: Vec<_> = invoices::open_in(&ctx.db, AccessScope::All, None).await?.into_iter().filter(|i| i.doc.organization_id == head).collect();
    let money = standing::of(&ctx.db, open, today, false).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let names = persistence::repo::clients::clients::names(&ctx.db, money.iter().filter_map(|m| m.doc.client_id).map(domain::ClientId::from)).await?;
    let mut docs = String::new();
    let mut number = 1040;
    let mut payers = Vec::new();
    for (i, m) in money.iter().filter(|m| m.outstanding > Decimal::ZERO && m.buyer_inn.is_some()).enumerate() {
        let name = m.doc.client_id.and_then(|c| names.get(&domain::ClientId::from(c)).cloned()).unwrap_or_else(|| "Покупатель".into());
        let payer = Party { name, inn: m.buyer_inn.clone().unwrap_or_default(), account: account(2001 + i as u32)?, bik: "044525225".into(), bank: "ПАО СБЕРБАНК" };
        // What the schedule asks for now (an advance), else the whole rest (a shipped deal's second half).
        let amount = if m.due_now() > Decimal::ZERO { m.due_now() } else { m.outstanding };
        let purpose = format!("Оплата по счету № {} от {} за резиновую плитку, в т.ч. НДС 22%", m.doc.number, m.doc.doc_date.format("%d.%m.%Y"));
        docs += &document(number, &date, amount, &payer, &us, &purpose);
        number += 1;
        payers.push(payer);
    }
    // No invoice number: it waits in the unmatched queue, its payer's INN and amount suggesting invoices.
    if let Some(p) = payers.first() {
        docs += &document(number, &date, Decimal::new(1_500_000, 2), p, &us, "Оплата за резиновую плитку, в т.ч. НДС 22%");
        number += 1;
    }
    let stranger = Party { name: "ИП Соколов Андрей Викторович".into(), inn: "500100732259".into(), account: account(2901)?, bik: "044525225".into(), bank: "ПАО СБЕРБАНК" };
    docs += &document(number, &date, Decimal::new(3_560_000, 2), &stranger, &us, "Оплата за резиновые дорожки 1000x500x15 мм, в т.ч. НДС 22%");
    let supplier = Party { name: "ООО «РезинТех»".into(), inn: "7728123459".into(), account: account(3001)?, bik: "044525225".into(), bank: "ПАО СБЕРБАНК" };
    docs += &document(201, &date, Decimal::new(24_000_000, 2), &us, &supplier, "Оплата по счету № 318 за резиновую крошку SBR фр. 2-3 мм, в т.ч. НДС 22%");
    let text = format!(
        "1CClientBankExchange\r\nВерсияФормата=1.03\r\nКодировка=Windows\r\nОтправитель=СберБизнес\r\nПолучатель=1С:Предприятие\r\nДатаСоздания={date}\r\n\
         ДатаНачала={date}\r\nДатаКонца={date}\r\nРасчСчет={own_account}\r\nДокумент=Платежное поручение\r\n\
         СекцияРасчСчет\r\nДатаНачала={date}\r\nДатаКонца={date}\r\nРасчСчет={own_account}\r\nКонецРасчСчет\r\n{docs}КонецФайла\r\n"
    );
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&text);
    anyhow::ensure!(!unmappable, "the demo statement has a character windows-1251 lacks");
    Ok(bytes.into_owned())
}
