//! Sample documents and images: the module's tests, the benchmark and template previews use them.
//! Company details are made up (the INNs pass the checksum).

use super::*;

pub fn supplier() -> Party {
    Party {
        name_full: "Общество с ограниченной ответственностью \"Тессера-Плитка\"".into(),
        name_short: "ООО \"Тессера-Плитка\"".into(),
        inn: Some("7707083893".into()),
        kpp: Some("773601001".into()),
        ogrn: Some("1027700132195".into()),
        legal_address: Some("117312, г. Москва, ул. Вавилова, д. 19, офис 4".into()),
        postal_address: Some("117312, г. Москва, а/я 15".into()),
        phone: Some("+7 (495) 123-45-67".into()),
        email: Some("sales@tessera-plitka.ru".into()),
        bank: Some(BankDetails {
            account: "40702810938000012345".into(),
            bank_name: "ПАО Сбербанк".into(),
            bik: "044525225".into(),
            corr_account: Some("30101810400000000225".into()),
            city: Some("г. Москва".into()),
        }),
        signatory: Some(Signatory {
            position: "Генеральный директор".into(),
            name: "Иванов И. И.".into(),
            acting: "в лице Генерального директора Иванова Ивана Ивановича, действующего на основании Устава".into(),
        }),
        accountant: Some("Петрова А. С.".into()),
    }
}

pub fn buyer() -> Party {
    Party {
        name_full: "Общество с ограниченной ответственностью \"СпортСтрой\"".into(),
        name_short: "ООО \"СпортСтрой\"".into(),
        inn: Some("5003052454".into()),
        kpp: Some("500301001".into()),
        ogrn: Some("1045000706424".into()),
        legal_address: Some("142700, Московская обл., г. Видное, ул. Школьная, д. 5".into()),
        postal_address: None,
        phone: Some("+7 (495) 765-43-21".into()),
        email: Some("zakupki@sportstroy.ru".into()),
        bank: Some(BankDetails {
            account: "40702810100000004321".into(),
            bank_name: "АО \"АЛЬФА-БАНК\"".into(),
            bik: "044525593".into(),
            corr_account: Some("30101810200000000593".into()),
            city: Some("г. Москва".into()),
        }),
        signatory: Some(Signatory {
            position: "Директор".into(),
            name: "Сидоров П. П.".into(),
            acting: "в лице Директора Сидорова Петра Петровича, действующего на основании Устава".into(),
        }),
        accountant: None,
    }
}

const PRODUCTS: [(&str, &str, &str, &str, &str); 6] = [
    ("Плитка резиновая 500×500×30 мм, красная", "ТП-500-30-К", "м²", "1 450,00", "шт"),
    ("Плитка резиновая 500×500×40 мм, зелёная", "ТП-500-40-З", "м²", "1 690,00", "шт"),
    ("Бордюр резиновый 1000×300×40 мм, чёрный", "БР-1000-40", "шт", "890,00", "шт"),
    ("Клей полиуретановый однокомпонентный, 20 кг", "КП-20", "шт", "7 800,00", "шт"),
    ("Втулка соединительная для плитки", "ВТ-01", "шт", "12,50", "шт"),
    ("Укладка резиновой плитки на подготовленное основание", "", "м²", "650,00", ""),
];

/// `n` lines of goods and work with VAT 22 %.
pub fn lines(n: usize) -> Vec<Line> {
    (0..n)
        .map(|i| {
            let (name, article, unit, price, _) = PRODUCTS[i % PRODUCTS.len()];
            let quantity = 10 + (i * 7) % 240;
            Line {
                no: i as u32 + 1,
                name: if i < PRODUCTS.len() { name.into() } else { format!("{name} (партия {})", i / PRODUCTS.len() + 1) },
                article: (!article.is_empty()).then(|| article.into()),
                quantity: quantity.to_string(),
                unit: unit.into(),
                price: price.into(),
                discount: (i % 4 == 1).then(|| "5 %".into()),
                amount: format!("{} {:03},00", 10 + i * 3, (i * 137) % 1000),
                vat_rate: "22 %".into(),
                vat_amount: format!("{} {:03},18", 1 + i / 2, (i * 311) % 1000),
            }
        })
        .collect()
}

pub fn totals(n: usize) -> Totals {
    Totals {
        total: "125 000,50".into(),
        vat_total: "22 541,07".into(),
        vat_label: "В том числе НДС 22 %".into(),
        amount_in_words: "Сто двадцать пять тысяч рублей 50 копеек".into(),
        count_line: format!("Всего наименований {n}, на сумму 125 000,50 руб."),
    }
}

fn base(kind: &str, title: &str, number: &str, n: usize) -> DocumentData {
    DocumentData {
        kind: kind.into(),
        title: title.into(),
        number: number.into(),
        date: "30.11.2026".into(),
        city: Some("Москва".into()),
        supplier: supplier(),
        buyer: Some(buyer()),
        lines: lines(n),
        totals: (n > 0).then(|| totals(n)),
        manager: Some("Менеджер: Смирнова Е. В., +7 (495) 123-45-67 доб. 105, smirnova@tessera-plitka.ru".into()),
        ..Default::default()
    }
}

/// A commercial offer with `n` lines (25 make two pages).
pub fn offer(n: usize) -> DocumentData {
    DocumentData {
        valid_until: Some("30.12.2026".into()),
        terms: Some(
            "Оплата: 50 % предоплата, 50 % по факту готовности к отгрузке.\n\
             Срок изготовления: 10 рабочих дней с момента поступления предоплаты.\n\
             Доставка по Москве и Московской области — бесплатно при заказе от 300 000,00 руб."
                .into(),
        ),
        ..base("offer", "Коммерческое предложение № КП-12 от 30.11.2026", "КП-12", n)
    }
}

pub fn invoice() -> DocumentData {
    DocumentData {
        schedule: vec![
            SchedulePart { label: "Предоплата".into(), percent: "50 %".into(), amount: "62 500,25".into(), due: "05.12.2026".into() },
            SchedulePart { label: "Окончательный расчёт".into(), percent: "50 %".into(), amount: "62 500,25".into(), due: "20.12.2026".into() },
        ],
        terms: Some("Оплата данного счёта означает согласие с условиями поставки товара. Товар отпускается по факту прихода денег на р/с Поставщика.".into()),
        ..base("invoice", "Счёт на оплату № 12 от 30.11.2026", "12", 3)
    }
}

pub fn contract() -> DocumentData {
    let section = |title: &str, clauses: &[&str]| ContractSection { title: title.into(), clauses: clauses.iter().map(|c| c.to_string()).collect() };
    DocumentData {
        contract: Some(ContractText {
            kind_title: "ДОГОВОР ПОСТАВКИ № 17/26".into(),
            preamble: "Общество с ограниченной ответственностью \"Тессера-Плитка\", именуемое в дальнейшем «Поставщик», в лице Генерального директора Иванова Ивана Ивановича, действующего на основании Устава, с одной стороны, и Общество с ограниченной ответственностью \"СпортСтрой\", именуемое в дальнейшем «Покупатель», в лице Директора Сидорова Петра Петровича, действующего на основании Устава, с другой стороны, заключили настоящий Договор о нижеследующем:".into(),
            sections: vec![
                section("Предмет договора", &[
                    "Поставщик обязуется передать в собственность Покупателя резиновую плитку и сопутствующие товары (далее — Товар), а Покупатель обязуется принять и оплатить Товар на условиях настоящего Договора.",
                    "Наименование, количество, цена и сроки поставки Товара определяются Спецификацией, являющейся неотъемлемой частью Договора.",
                ]),
                section("Цена и порядок расчётов", &[
                    "Покупатель вносит предоплату в размере 50 % стоимости Товара в течение 5 банковских дней с даты выставления счёта.",
                    "Оставшиеся 50 % Покупатель оплачивает в течение 5 банковских дней с даты уведомления о готовности Товара к отгрузке.",
                ]),
                section("Ответственность сторон", &[
                    "За просрочку оплаты Покупатель уплачивает пени в размере 0,1 % от неоплаченной суммы за каждый день просрочки, но не более 10 % от стоимости Товара.",
                ]),
            ],
            amount_clause: Some("Общая сумма Договора составляет 125 000,50 (Сто двадцать пять тысяч рублей 50 копеек), в том числе НДС 22 % — 22 541,07 руб.".into()),
        }),
        ..base("contract", "Договор поставки № 17/26 от 30.11.2026", "17/26", 3)
    }
}

pub fn work_order() -> DocumentData {
    DocumentData {
        notes: vec![
            "Адрес объекта: Московская обл., г. Видное, ул. Школьная, д. 5, детская площадка.".into(),
            "Сроки выполнения работ: с 05.12.2026 по 09.12.2026.".into(),
            "Бригада: Кузнецов А. А. (бригадир, +7 916 000-11-22), Морозов Д. С., Волков Е. Н.".into(),
        ],
        ..base("work_order", "Заказ-наряд № ЗН-5 от 30.11.2026", "ЗН-5", 2)
    }
}

pub fn delivery_notice() -> DocumentData {
    DocumentData {
        notes: vec![
            "Уведомляем Вас о готовности Товара к отгрузке по счёту № 12 от 30.11.2026.".into(),
            "Дата доставки: 04.12.2026, с 10:00 до 14:00. Адрес доставки: Московская обл., г. Видное, ул. Школьная, д. 5.".into(),
            "Водитель: Соколов В. В., +7 903 111-22-33, автомобиль ГАЗель NEXT, госномер А123ВС 750.".into(),
        ],
        ..base("delivery_notice", "Уведомление о доставке № УД-8 от 30.11.2026", "УД-8", 3)
    }
}

/// Every kind once.
/// A reconciliation statement with a production: an opening balance, an order, a payment.
pub fn reconciliation() -> DocumentData {
    use super::{DebitCredit, Reconciliation, ReconciliationRow};
    let row = |date: &str, document: &str, debit: &str, credit: &str| ReconciliationRow {
        date: date.into(),
        document: document.into(),
        debit: debit.into(),
        credit: credit.into(),
    };
    DocumentData {
        reconciliation: Some(Reconciliation {
            period: "01.11.2026 — 30.11.2026".into(),
            opening: DebitCredit { debit: "10 000,00".into(), credit: String::new() },
            rows: vec![
                row("05.11.2026", "Оплата по заказу № 12-1", "60 000,00", ""),
                row("20.11.2026", "Заказ № 12-1", "", "120 000,00"),
            ],
            turnover: DebitCredit { debit: "60 000,00".into(), credit: "120 000,00".into() },
            closing: DebitCredit { debit: String::new(), credit: "50 000,00".into() },
            conclusion: "По данным ООО \"Тессера-Плитка\" на 30.11.2026 задолженность в пользу ООО \"СпортСтрой\" составляет 50 000,00 руб.".into(),
        }),
        ..base("reconciliation", "Акт сверки взаимных расчётов", "АС-1", 0)
    }
}

pub fn all() -> Vec<DocumentData> {
    vec![offer(5), invoice(), contract(), work_order(), delivery_notice()]
}

/// A round blue stamp (PNG, transparent outside the ring).
pub fn stamp_png() -> Vec<u8> {
    let (w, h) = (160u32, 160u32);
    png(w, h, |x, y| {
        let (dx, dy) = (x as f32 - 79.5, y as f32 - 79.5);
        let r = (dx * dx + dy * dy).sqrt();
        if (70.0..78.0).contains(&r) || (50.0..53.0).contains(&r) || (r < 12.0) {
            [30, 60, 170, 200]
        } else {
            [0, 0, 0, 0]
        }
    })
}

/// A dark-blue scribble (PNG, transparent background).
pub fn signature_png() -> Vec<u8> {
    let (w, h) = (180u32, 60u32);
    png(w, h, |x, y| {
        let t = x as f32 / w as f32;
        let curve = 30.0 + 18.0 * (t * 14.0).sin() * (1.0 - t);
        if (y as f32 - curve).abs() < 2.0 && x > 8 && x < 170 { [20, 30, 110, 255] } else { [0, 0, 0, 0] }
    })
}

/// A small two-colour logo (PNG).
pub fn logo_png() -> Vec<u8> {
    png(120, 40, |x, y| if (x / 20 + y / 20) % 2 == 0 { [200, 40, 40, 255] } else { [60, 60, 60, 255] })
}

/// A minimal RGBA PNG encoder (stored deflate blocks: no compression dependency needed).
pub fn png(width: u32, height: u32, pixel: impl Fn(u32, u32) -> [u8; 4]) -> Vec<u8> {
    let mut raw = Vec::with_capacity(((width * 4 + 1) * height) as usize);
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            raw.extend_from_slice(&pixel(x, y));
        }
    }
    let mut zlib = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == chunks.len()));
        let len = chunk.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(chunk);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + byte as u32) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());

    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA
    for (kind, data) in [(b"IHDR", &ihdr[..]), (b"IDAT", &zlib[..]), (b"IEND", &[][..])] {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= byte as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
