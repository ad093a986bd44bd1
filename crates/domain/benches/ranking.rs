//! Ranking 50 productions for an order (issue 12: "under 5 ms").
//!
//! `cargo bench -p domain --bench ranking` — 50 productions in real Russian cities, each with
//! several tile offers (20/30/40 mm at its own prices), its own working week and daily capacity
//! (150–800 m²), ~20 open orders and a defect history; some do not make the ordered tile, and a
//! few are fully booked, so both exclusion paths run alongside the scoring and the sort.
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use domain::OrganizationId;
use domain::production::{DefectHistory, GeoPoint, OpenOrder, OrderToPlace, ProductionProfile, TileOffer, WorkingWeek, rank};
use rust_decimal::Decimal;
use std::hint::black_box;
use uuid::Uuid;

/// (city, latitude, longitude).
const CITIES: [(&str, f64, f64); 50] = [
    ("Москва", 55.7558, 37.6173),
    ("Санкт-Петербург", 59.9343, 30.3351),
    ("Новосибирск", 55.0084, 82.9357),
    ("Екатеринбург", 56.8389, 60.6057),
    ("Казань", 55.7887, 49.1221),
    ("Нижний Новгород", 56.3269, 44.0059),
    ("Челябинск", 55.1644, 61.4368),
    ("Самара", 53.1959, 50.1002),
    ("Омск", 54.9885, 73.3242),
    ("Ростов-на-Дону", 47.2357, 39.7015),
    ("Уфа", 54.7388, 55.9721),
    ("Красноярск", 56.0153, 92.8932),
    ("Воронеж", 51.6720, 39.1843),
    ("Пермь", 58.0105, 56.2502),
    ("Волгоград", 48.7080, 44.5133),
    ("Краснодар", 45.0355, 38.9753),
    ("Саратов", 51.5331, 46.0342),
    ("Тюмень", 57.1522, 65.5272),
    ("Тольятти", 53.5303, 49.3461),
    ("Ижевск", 56.8526, 53.2045),
    ("Барнаул", 53.3548, 83.7698),
    ("Ульяновск", 54.3142, 48.4031),
    ("Иркутск", 52.2870, 104.3050),
    ("Хабаровск", 48.4827, 135.0838),
    ("Ярославль", 57.6261, 39.8845),
    ("Владивосток", 43.1155, 131.8855),
    ("Махачкала", 42.9849, 47.5047),
    ("Томск", 56.4846, 84.9476),
    ("Оренбург", 51.7682, 55.0969),
    ("Кемерово", 55.3547, 86.0873),
    ("Новокузнецк", 53.7865, 87.1552),
    ("Рязань", 54.6269, 39.6916),
    ("Астрахань", 46.3479, 48.0336),
    ("Набережные Челны", 55.7436, 52.3958),
    ("Пенза", 53.1959, 45.0183),
    ("Липецк", 52.6031, 39.5708),
    ("Киров", 58.6036, 49.6680),
    ("Чебоксары", 56.1439, 47.2489),
    ("Тула", 54.1931, 37.6173),
    ("Калининград", 54.7104, 20.4522),
    ("Курск", 51.7304, 36.1926),
    ("Ставрополь", 45.0448, 41.9691),
    ("Сочи", 43.5855, 39.7231),
    ("Тверь", 56.8587, 35.9176),
    ("Белгород", 50.5997, 36.5983),
    ("Архангельск", 64.5393, 40.5187),
    ("Владимир", 56.1290, 40.4066),
    ("Смоленск", 54.7818, 32.0401),
    ("Калуга", 54.5293, 36.2754),
    ("Мурманск", 68.9585, 33.0827),
];

const TILES: [&str; 3] = ["Плитка", "Брусчатка", "Бордюр"];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

/// A small deterministic generator (xorshift), so every run ranks the same input.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
}

/// 500 m² of 30 mm «Плитка» to Moscow, due Monday 21 December 2026; today is Monday 30 November.
fn order() -> OrderToPlace {
    OrderToPlace {
        tile_type: "Плитка".to_owned(),
        thickness_mm: Decimal::from(30),
        quantity_m2: Decimal::from(500),
        delivery: GeoPoint { lat: 55.7558, lon: 37.6173 },
        due_date: d(2026, 12, 21),
        today: d(2026, 11, 30),
    }
}

fn productions(today: NaiveDate) -> Vec<ProductionProfile> {
    let mut rng = Rng(0x5EED_0F7E_55E7_1200);
    let weeks = [WorkingWeek::MON_FRI, WorkingWeek::MON_SAT, WorkingWeek::EVERY_DAY];
    CITIES
        .iter()
        .enumerate()
        .map(|(i, &(city, lat, lon))| {
            // Every seventh makes no «Плитка» at all; every eleventh makes it, but not in 30 mm.
            let tiles: &[&str] = if i % 7 == 3 { &TILES[1..] } else { &TILES };
            let thicknesses: &[i64] = if i % 11 == 5 { &[20, 40] } else { &[20, 30, 40] };
            let mut offers = vec![];
            for tile in tiles {
                for &mm in thicknesses {
                    offers.push(TileOffer {
                        tile_type: (*tile).to_owned(),
                        thickness_mm: Decimal::from(mm),
                        // 900–1,400 ₽ plus 12 ₽ a millimetre, in kopecks.
                        price_per_m2: Decimal::new(rng.between(90_000, 140_000) + mm * 1_200, 2),
                    });
                }
            }
            let daily = rng.between(150, 800);
            // Every ninth is booked far beyond its capacity before the due date.
            let overbooked = i % 9 == 8;
            let open_orders = (0..rng.between(17, 23))
                .map(|_| OpenOrder {
                    remaining_m2: Decimal::new(if overbooked { rng.between(1_000, 3_000) } else { rng.between(20, 600) } * 100 + rng.between(0, 99), 2),
                    due_date: today + chrono::Duration::days(rng.between(-5, 60)),
                })
                .collect();
            let checked = rng.between(0, 60) as u32;
            ProductionProfile {
                id: OrganizationId::from_uuid(Uuid::from_u128(0x1000 + i as u128)),
                name: format!("Производство {city}"),
                location: GeoPoint { lat, lon },
                offers,
                daily_capacity_m2: Decimal::from(daily),
                working_week: weeks[i % weeks.len()],
                open_orders,
                defects_90_days: DefectHistory { checked, defective: (rng.next() % (u64::from(checked) / 5 + 1)) as u32 },
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let order = order();
    let productions = productions(order.today);
    let ranking = rank(&order, &productions).expect("rank");
    assert_eq!(ranking.ranked.len() + ranking.excluded.len(), CITIES.len());
    assert!(ranking.ranked.len() >= 25, "most productions rank: {}", ranking.ranked.len());
    assert!(!ranking.excluded.is_empty(), "some are excluded");
    eprintln!("50 productions: {} ranked, {} excluded", ranking.ranked.len(), ranking.excluded.len());
    c.bench_function("rank_50_productions_for_one_order", |b| b.iter(|| rank(black_box(&order), black_box(&productions)).expect("rank")));
}

criterion_group!(benches, bench);
criterion_main!(benches);
