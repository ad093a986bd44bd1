//! The renderer's own tests: real templates, real fonts, the PDF read back with `pdf-extract`
//! (text) and `lopdf` (pages, images).

use super::*;
use std::sync::Mutex;

/// Tests that count evictions or measure memory must not overlap other renders.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

fn renderer() -> Renderer {
    Renderer::new(2)
}

fn images() -> Images {
    Images { logo: Some(sample::logo_png()), stamp: Some(sample::stamp_png()), signature: Some(sample::signature_png()) }
}

const STAMPED: RenderOptions = RenderOptions { with_stamp: true };

/// The PDF's text, whitespace (including no-break spaces) collapsed to single spaces.
fn text_of(pdf: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(pdf).expect("pdf-extract reads the PDF");
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).expect("lopdf reads the PDF").get_pages().len()
}

/// Image XObjects in the PDF (an image with transparency counts twice: colour and soft mask).
fn image_count(pdf: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads the PDF");
    doc.objects
        .values()
        .filter(|o| match o {
            lopdf::Object::Stream(s) => s.dict.get(b"Subtype").and_then(|v| v.as_name()).is_ok_and(|n| n == b"Image"),
            _ => false,
        })
        .count()
}

#[track_caller]
fn assert_has(text: &str, needle: &str) {
    let needle = needle.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&needle), "PDF text lacks «{needle}»:\n{text}");
}

#[test]
fn every_kind_renders_with_parties_lines_and_totals() {
    let r = renderer();
    for doc in sample::all() {
        let pdf = r.render_blocking(&doc, &images(), STAMPED).unwrap_or_else(|e| panic!("{}: {e}", doc.kind));
        assert!(pdf.starts_with(b"%PDF-"), "{}", doc.kind);
        let text = text_of(&pdf);
        let kind = &doc.kind;
        assert_has(&text, "Тессера-Плитка");
        assert_has(&text, "7707083893");
        assert_has(&text, "СпортСтрой");
        assert_has(&text, "5003052454");
        assert_has(&text, "Плитка резиновая 500×500×30 мм, красная");
        assert_has(&text, "Плитка резиновая 500×500×40 мм, зелёная");
        assert_has(&text, "125 000,50");
        assert_has(&text, "Сто двадцать пять тысяч рублей 50 копеек");
        assert_has(&text, "Страница 1 из 1");
        match kind.as_str() {
            "invoice" => {
                for s in ["Счёт на оплату № 12 от 30.11.2026", "Банк получателя", "БИК", "044525225", "40702810938000012345",
                    "30101810400000000225", "Получатель", "Поставщик", "Покупатель", "Товары (работы, услуги)", "Итого:",
                    "В том числе НДС 22 %:", "22 541,07", "Всего к оплате:", "Всего наименований 3, на сумму 125 000,50 руб.",
                    "График платежей", "Предоплата", "05.12.2026", "Руководитель", "Бухгалтер", "Петрова А. С."] {
                    assert_has(&text, s);
                }
            }
            "contract" => {
                for s in ["ДОГОВОР ПОСТАВКИ № 17/26", "г. Москва", "«30» ноября 2026 г.", "1. ПРЕДМЕТ ДОГОВОРА", "1.1. Поставщик обязуется",
                    "1.2.", "2.1. Покупатель вносит предоплату", "3.1.", "СПЕЦИФИКАЦИЯ", "4. АДРЕСА И РЕКВИЗИТЫ СТОРОН",
                    "Поставщик", "Покупатель", "ОГРН 1027700132195", "БИК 044525225", "Иванов И. И.", "Сидоров П. П.", "М.П.",
                    "Общая сумма Договора составляет"] {
                    assert_has(&text, s);
                }
            }
            "offer" => {
                for s in ["Коммерческое предложение № КП-12 от 30.11.2026", "Кому:", "Предложение действительно до 30.12.2026",
                    "Срок изготовления: 10 рабочих дней", "Менеджер: Смирнова Е. В.", "Генеральный директор", "Иванов И. И."] {
                    assert_has(&text, s);
                }
            }
            "work_order" => {
                for s in ["Заказ-наряд № ЗН-5 от 30.11.2026", "Исполнитель", "Заказчик", "Адрес объекта:", "Бригада: Кузнецов А. А."] {
                    assert_has(&text, s);
                }
            }
            "delivery_notice" => {
                for s in ["Уведомление о доставке № УД-8 от 30.11.2026", "Дата доставки: 04.12.2026", "Водитель: Соколов В. В."] {
                    assert_has(&text, s);
                }
            }
            other => panic!("unexpected kind {other}"),
        }
    }
}

#[test]
fn a_reconciliation_statement_shows_both_sides_the_balances_and_the_conclusion() {
    let pdf = renderer().render_blocking(&sample::reconciliation(), &images(), STAMPED).expect("rendered");
    let text = text_of(&pdf);
    for s in ["Акт сверки взаимных расчётов", "за период: 01.11.2026 — 30.11.2026", "По данным", "Сальдо начальное", "10 000,00",
        "Оплата по заказу № 12-1", "60 000,00", "Заказ № 12-1", "120 000,00", "Обороты за период", "Сальдо конечное", "50 000,00",
        "задолженность в пользу", "М.П."] {
        assert_has(&text, s);
    }
}

#[test]
fn minimal_documents_render_without_optional_parts() {
    // No buyer, no totals, no bank, no signatory, no images: nothing optional is required.
    let r = renderer();
    let bare = Party { name_full: "ИП Кузьмин Олег Викторович".into(), name_short: "ИП Кузьмин О. В.".into(), ..Default::default() };
    for kind in KINDS {
        let doc = DocumentData {
            kind: kind.into(),
            title: format!("Документ {kind}"),
            number: "1".into(),
            date: "не указана".into(),
            supplier: bare.clone(),
            contract: (kind == "contract").then(ContractText::default),
            ..Default::default()
        };
        let pdf = r.render_blocking(&doc, &Images::default(), STAMPED).unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert_has(&text_of(&pdf), "Кузьмин");
    }
}

#[test]
fn contract_roles_from_preamble_and_amount_clause_once() {
    let mut doc = sample::contract();
    let c = doc.contract.as_mut().unwrap();
    c.kind_title = "ЛИЦЕНЗИОННЫЙ ДОГОВОР № 3".into();
    c.preamble = "ООО \"Тессера-Плитка\", именуемое в дальнейшем «Лицензиар», и ООО \"СпортСтрой\", именуемое в дальнейшем «Лицензиат», совместно именуемые «Стороны», заключили настоящий Договор о нижеследующем:".into();
    let amount = c.amount_clause.clone().unwrap();
    c.sections[1].clauses.insert(0, amount);
    let text = text_of(&renderer().render_blocking(&doc, &images(), STAMPED).unwrap());
    assert_has(&text, "2.1. Общая сумма Договора составляет");
    assert_eq!(text.matches("Общая сумма Договора").count(), 1, "{text}");
    let requisites = &text[text.find("АДРЕСА И РЕКВИЗИТЫ").unwrap()..];
    assert_has(requisites, "Лицензиар");
    assert_has(requisites, "Лицензиат");
    assert!(!requisites.contains("Поставщик"), "{requisites}");
}

#[test]
fn stamp_and_signature_only_with_stamp() {
    let r = renderer();
    for doc in sample::all() {
        let stamped = r.render_blocking(&doc, &images(), STAMPED).unwrap();
        let plain = r.render_blocking(&doc, &images(), RenderOptions { with_stamp: false }).unwrap();
        let logo_only = Images { logo: Some(sample::logo_png()), ..Default::default() };
        let plain_without_files = r.render_blocking(&doc, &logo_only, RenderOptions { with_stamp: false }).unwrap();
        assert_ne!(stamped, plain, "{}", doc.kind);
        // Without `with_stamp` the stamp and signature files are not even given to typst.
        assert_eq!(plain, plain_without_files, "{}", doc.kind);
        let (with, without) = (image_count(&stamped), image_count(&plain));
        // The stamp and the signature: each an image plus its soft mask.
        assert!(with >= without + 2, "{}: {with} images stamped, {without} plain", doc.kind);
        // The logo only where the template shows one (the contract has no letterhead).
        if doc.kind != "contract" {
            assert!(without >= 1, "{}: logo missing", doc.kind);
        }
        let no_images = r.render_blocking(&doc, &Images::default(), STAMPED).unwrap();
        assert_eq!(image_count(&no_images), 0, "{}", doc.kind);
    }
}

#[test]
fn two_page_offer_numbers_its_pages() {
    let pdf = renderer().render_blocking(&sample::offer(25), &images(), STAMPED).unwrap();
    assert_eq!(pages(&pdf), 2);
    let text = text_of(&pdf);
    assert_has(&text, "Страница 1 из 2");
    assert_has(&text, "Страница 2 из 2");
    assert_has(&text, "Всего наименований 25");
}

#[test]
fn same_data_same_bytes() {
    let doc = sample::offer(25);
    let a = renderer().render_blocking(&doc, &images(), STAMPED).unwrap();
    let b = renderer().render_blocking(&doc, &images(), STAMPED).unwrap();
    assert_eq!(a, b);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let c = rt.block_on(renderer().render(&doc, &images(), STAMPED)).unwrap();
    assert_eq!(a, c);
    // The creation date is the document's, not the clock's.
    let raw = String::from_utf8_lossy(&a);
    assert!(raw.contains("20261130"), "creation date from the document date");
}

#[test]
fn broken_template_is_an_error_and_evicts() {
    let _serial = serial();
    let broken = Renderer::from_shared(Shared::new(&[("/offer.typ", "#import \"common.typ\": *\n#let d = json(\"/data.json\")\n#show: setup.with(d)\n#goods-table(d)\n#no-such-function(d)\n")]), 1);
    let before = EVICTIONS.with(|e| e.get());
    let err = broken.render_blocking(&sample::offer(3), &images(), STAMPED).unwrap_err();
    assert_eq!(EVICTIONS.with(|e| e.get()), before + 1, "the drop guard evicted after the failure");
    match err {
        RenderError::Template(msg) => assert!(msg.contains("offer.typ:5:") && msg.contains("no-such-function"), "{msg}"),
        other => panic!("expected a template error, got {other:?}"),
    }
    // An error inside the shared template names that file.
    let broken = Renderer::from_shared(Shared::new(&[("/common.typ", "#let oops = 1 + \"a\"\n")]), 1);
    match broken.render_blocking(&sample::offer(3), &images(), STAMPED).unwrap_err() {
        RenderError::Template(msg) => assert!(msg.contains("common.typ:1:"), "{msg}"),
        other => panic!("expected a template error, got {other:?}"),
    }
    // The real renderer still works afterwards.
    renderer().render_blocking(&sample::offer(3), &images(), STAMPED).unwrap();
}

#[test]
fn broken_data_is_an_error_not_a_panic() {
    let r = renderer();
    let bad = Images { stamp: Some(b"definitely not a PNG".to_vec()), ..images() };
    match r.render_blocking(&sample::invoice(), &bad, STAMPED).unwrap_err() {
        RenderError::Template(msg) => assert!(msg.contains("image"), "{msg}"),
        other => panic!("expected a template error, got {other:?}"),
    }
    // The same data without the stamp renders.
    r.render_blocking(&sample::invoice(), &bad, RenderOptions { with_stamp: false }).unwrap();
    let unknown = DocumentData { kind: "torg12".into(), ..sample::invoice() };
    assert!(matches!(r.render_blocking(&unknown, &images(), STAMPED), Err(RenderError::UnknownKind(k)) if k == "torg12"));
    // Markup in the data is text, not typst code.
    let sneaky = DocumentData { title: "#panic(\"x\") $x$ *жирный* <label> @ref [скобки]".into(), ..sample::offer(2) };
    // (pdf-extract puts spaces between glyph runs: compare without spaces.)
    let text = text_of(&r.render_blocking(&sneaky, &images(), STAMPED).unwrap()).replace(' ', "");
    assert!(text.contains("#panic(\"x\")$x$*жирный*<label>@ref[скобки]"), "{text}");
}

#[test]
fn async_renders_run_in_parallel_and_report_busy() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_time().build().unwrap();
    rt.block_on(async {
        let r = Arc::new(Renderer::new(2));
        let tasks: Vec<_> = sample::all()
            .into_iter()
            .map(|doc| {
                let r = r.clone();
                tokio::spawn(async move { r.render(&doc, &images(), STAMPED).await })
            })
            .collect();
        for t in tasks {
            assert!(t.await.unwrap().unwrap().starts_with(b"%PDF-"));
        }

        let r = Renderer::new(1).with_queue_timeout(Duration::from_millis(20));
        let held = r.semaphore.clone().acquire_owned().await.unwrap();
        assert!(matches!(r.render(&sample::invoice(), &images(), STAMPED).await, Err(RenderError::Busy)));
        drop(held);
        r.render(&sample::invoice(), &images(), STAMPED).await.unwrap();
    });
}

#[test]
fn amounts_do_not_break_and_missing_glyphs_are_replaced() {
    let mut v = serde_json::json!({"a": ["125 000,50 и 3 шт", "−1\u{202F}234\u{202F}567,50 ₽"], "b": {"c": "ИНН 7707083893"}});
    world::prepare_strings(&mut v);
    assert_eq!(v["a"][0], "125\u{a0}000,50 и 3 шт");
    assert_eq!(v["b"]["c"], "ИНН 7707083893");
    let fixed = v["a"][1].as_str().unwrap();
    assert!(fixed.chars().all(|c| !world::font_lacks(c)), "{fixed:?}");
}

#[test]
fn fonts_cover_templates_and_data() {
    let templates: String = world::TEMPLATES.iter().map(|(_, t)| *t).collect();
    let data = serde_json::to_string(&sample::all()).unwrap();
    let mut missing: Vec<char> = templates.chars().chain(data.chars()).filter(|c| !c.is_control() && world::font_lacks(*c)).collect();
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "PT Sans lacks {missing:?}");
    // Separators the money formatter may use are replaced when the font lacks them.
    println!("replaced, PT Sans lacks them: {:?}", world::missing_replacements());
    for c in world::missing_replacements() {
        assert!(world::font_lacks(c));
    }
}

/// `cargo test --release -- --ignored write_samples`: every kind to /tmp/render-<kind>.pdf, to look at.
#[test]
#[ignore = "writes files to /tmp"]
fn write_samples() {
    let r = renderer();
    let mut docs = sample::all();
    docs.push(DocumentData { kind: "offer".into(), ..sample::offer(25) });
    for (i, doc) in docs.iter().enumerate() {
        let pdf = r.render_blocking(doc, &images(), STAMPED).unwrap();
        let name = if i == docs.len() - 1 { "offer-25".to_string() } else { doc.kind.clone() };
        std::fs::write(format!("/tmp/render-{name}.pdf"), pdf).unwrap();
    }
}

/// Statm's resident pages, in bytes.
fn rss() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    statm.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() * 4096
}

/// `cargo test --release -- --ignored memory --nocapture`: 1,000 renders must not grow RSS by
/// 20 MB or more (typst's caches are evicted after every render).
#[test]
#[ignore = "slow: 1,000 renders; run in release"]
fn memory_stays_flat_over_1000_renders() {
    let _serial = serial();
    let r = renderer();
    let docs = sample::all();
    for doc in &docs {
        r.render_blocking(doc, &images(), STAMPED).unwrap();
    }
    let offer = sample::offer(25);
    for _ in 0..20 {
        r.render_blocking(&offer, &images(), STAMPED).unwrap();
    }
    let before = rss();
    let started = std::time::Instant::now();
    for i in 0..1000 {
        let doc = if i % 2 == 0 { &offer } else { &docs[i % docs.len()] };
        r.render_blocking(doc, &images(), STAMPED).unwrap();
    }
    let after = rss();
    let grown = after as i64 - before as i64;
    println!(
        "RSS before {:.1} MB, after {:.1} MB, growth {:.2} MB over 1000 renders in {:.1} s",
        before as f64 / 1e6,
        after as f64 / 1e6,
        grown as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    assert!(grown < 20_000_000, "RSS grew by {grown} bytes");
}
