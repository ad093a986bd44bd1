use uuid::Uuid;

use super::*;

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("decimal literal")
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn org(n: u128) -> OrganizationId {
    OrganizationId::from_uuid(Uuid::from_u128(n))
}

const MOSCOW: GeoPoint = GeoPoint {
    lat: 55.7558,
    lon: 37.6173,
};
const TVER: GeoPoint = GeoPoint {
    lat: 56.8587,
    lon: 35.9176,
};
const KAZAN: GeoPoint = GeoPoint {
    lat: 55.7887,
    lon: 49.1221,
};
const NOVOSIBIRSK: GeoPoint = GeoPoint {
    lat: 55.0084,
    lon: 82.9357,
};

/// 200 m² of 30 mm «Плитка» to Moscow, due Monday 14 December 2026; today is Monday 30 November.
fn order() -> OrderToPlace {
    OrderToPlace {
        tile_type: "Плитка".to_owned(),
        thickness_mm: dec("30"),
        quantity_m2: dec("200"),
        delivery: MOSCOW,
        due_date: d(2026, 12, 14),
        today: d(2026, 11, 30),
    }
}

/// Makes 30 mm «Плитка» at `price`, 50 m² a day Monday to Friday (10 working days before the due
/// date: 500 m²), no open orders, 1 defective batch of 20 checked.
fn production(n: u128, location: GeoPoint, price: &str) -> ProductionProfile {
    ProductionProfile {
        id: org(n),
        name: format!("Производство {n}"),
        location,
        offers: vec![TileOffer {
            tile_type: "плитка".to_owned(),
            thickness_mm: dec("30.0"),
            price_per_m2: dec(price),
        }],
        daily_capacity_m2: dec("50"),
        working_week: WorkingWeek::MON_FRI,
        open_orders: Vec::new(),
        defects_90_days: DefectHistory {
            checked: 20,
            defective: 1,
        },
    }
}

fn ranked_ids(r: &Ranking) -> Vec<OrganizationId> {
    r.ranked.iter().map(|p| p.production).collect()
}

// ---- geometry and calendar ----

#[test]
fn haversine_gives_the_straight_line_distance_in_km() {
    let km = haversine_km(MOSCOW, KAZAN);
    assert!((km - 719.0).abs() < 5.0, "{km}");
    assert_eq!(haversine_km(MOSCOW, MOSCOW), 0.0);
    assert!((haversine_km(MOSCOW, KAZAN) - haversine_km(KAZAN, MOSCOW)).abs() < 1e-9);
}

#[test]
fn coordinates_must_be_on_the_earth() {
    assert!(GeoPoint::parse(55.0, 37.0).is_ok());
    let e = GeoPoint::parse(91.0, f64::NAN).expect_err("refused");
    let fields: Vec<&str> = e.0.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["lat", "lon"]);
}

#[test]
fn working_days_count_only_the_production_weekdays_before_the_due_date() {
    let monday = d(2026, 11, 30);
    assert_eq!(
        WorkingWeek::MON_FRI.days_between(monday, d(2026, 12, 14)),
        10
    );
    assert_eq!(
        WorkingWeek::MON_SAT.days_between(monday, d(2026, 12, 14)),
        12
    );
    assert_eq!(
        WorkingWeek::EVERY_DAY.days_between(monday, d(2026, 12, 14)),
        14
    );
    assert_eq!(
        WorkingWeek::MON_FRI.days_between(d(2026, 12, 5), d(2026, 12, 7)),
        0,
        "a weekend"
    );
    assert_eq!(WorkingWeek::MON_FRI.days_between(monday, monday), 0);
    assert_eq!(
        WorkingWeek::MON_FRI.days_between(d(2026, 12, 14), monday),
        0
    );
}

#[test]
fn working_days_agree_with_walking_the_calendar() {
    let weeks = [
        WorkingWeek::MON_FRI,
        WorkingWeek::from_iso_days(&[2, 4, 7]).expect("days"),
        WorkingWeek::from_iso_days(&[]).expect("none"),
    ];
    for week in weeks {
        for start in 0..7 {
            let from = d(2026, 11, 30) + chrono::Days::new(start);
            for len in 0..40 {
                let until = from + chrono::Days::new(len);
                let walked = from
                    .iter_days()
                    .take_while(|x| *x < until)
                    .filter(|x| week.works_on(*x))
                    .count();
                assert_eq!(
                    week.days_between(from, until) as usize,
                    walked,
                    "{week:?} {from} {until}"
                );
            }
        }
    }
}

#[test]
fn working_weeks_travel_as_iso_weekday_numbers() {
    assert_eq!(
        serde_json::to_value(WorkingWeek::MON_FRI).ok(),
        Some(serde_json::json!([1, 2, 3, 4, 5]))
    );
    assert_eq!(
        serde_json::from_value::<WorkingWeek>(serde_json::json!([6, 1, 2, 3, 4, 5])).ok(),
        Some(WorkingWeek::MON_SAT)
    );
    assert!(serde_json::from_value::<WorkingWeek>(serde_json::json!([0])).is_err());
    assert_eq!(
        WorkingWeek::from_iso_days(&[8]).map_err(|e| e.code),
        Err("out_of_range")
    );
}

#[test]
fn the_defect_rate_is_defective_over_checked_and_unknown_without_checks() {
    assert_eq!(
        DefectHistory {
            checked: 20,
            defective: 1
        }
        .rate(),
        Some(dec("0.05"))
    );
    assert_eq!(
        DefectHistory {
            checked: 3,
            defective: 1
        }
        .rate(),
        Some(dec("0.3333"))
    );
    assert_eq!(
        DefectHistory {
            checked: 0,
            defective: 0
        }
        .rate(),
        None
    );
    assert_eq!(
        DefectHistory {
            checked: 2,
            defective: 5
        }
        .rate(),
        Some(dec("1")),
        "never above one"
    );
}

// ---- exclusion ----

#[test]
fn a_production_that_does_not_make_the_tile_or_thickness_is_excluded() {
    let mut other_thickness = production(1, TVER, "900");
    other_thickness.offers[0].thickness_mm = dec("40");
    let mut other_kind = production(2, TVER, "900");
    other_kind.offers[0].tile_type = "Брусчатка".to_owned();
    let r = rank(
        &order(),
        &[other_thickness, other_kind, production(3, KAZAN, "900")],
    )
    .expect("ranked");
    assert_eq!(ranked_ids(&r), [org(3)]);
    assert_eq!(r.excluded.len(), 2);
    assert!(
        r.excluded
            .iter()
            .all(|e| e.reasons == [Exclusion::DoesNotMake])
    );
    assert_eq!(
        r.excluded[0].reasons[0].reason_ru(),
        "Не производит плитку этого вида и толщины"
    );
}

#[test]
fn a_production_with_no_free_capacity_before_the_due_date_is_excluded() {
    let mut full = production(1, TVER, "900");
    full.open_orders = vec![OpenOrder {
        remaining_m2: dec("500"),
        due_date: d(2026, 12, 10),
    }];
    let r = rank(&order(), &[full]).expect("ranked");
    assert!(r.ranked.is_empty());
    assert_eq!(
        r.excluded[0].reasons,
        [Exclusion::NoFreeCapacity {
            capacity_m2: dec("500"),
            committed_m2: dec("500")
        }]
    );
    assert_eq!(
        r.excluded[0].reasons[0].reason_ru(),
        "Нет свободной мощности до срока: мощность 500 м², занято 500 м²"
    );
}

#[test]
fn an_excluded_production_lists_every_reason() {
    let mut p = production(1, TVER, "900");
    p.offers.clear();
    p.working_week = WorkingWeek::from_iso_days(&[]).expect("none");
    let r = rank(&order(), &[p]).expect("ranked");
    assert_eq!(
        r.excluded[0].reasons,
        [
            Exclusion::DoesNotMake,
            Exclusion::NoFreeCapacity {
                capacity_m2: dec("0"),
                committed_m2: dec("0")
            }
        ]
    );
}

// ---- capacity ----

#[test]
fn free_capacity_is_working_days_times_daily_capacity_minus_committed_load() {
    let mut p = production(1, TVER, "900");
    p.open_orders = vec![
        // Due before ours: counts in full.
        OpenOrder {
            remaining_m2: dec("120"),
            due_date: d(2026, 12, 7),
        },
        // Overdue: counts in full.
        OpenOrder {
            remaining_m2: dec("30"),
            due_date: d(2026, 11, 20),
        },
        // Due on our day: counts in full.
        OpenOrder {
            remaining_m2: dec("50"),
            due_date: d(2026, 12, 14),
        },
    ];
    let r = rank(&order(), &[p]).expect("ranked");
    let c = &r.ranked[0];
    assert_eq!(
        (c.working_days, c.capacity_m2, c.committed_m2, c.free_m2),
        (10, dec("500"), dec("200"), dec("300"))
    );
    assert_eq!(c.load_percent, dec("40"));
    assert!(c.takes_whole);
}

#[test]
fn an_open_order_due_later_counts_for_its_share_of_working_days_before_our_date() {
    let mut p = production(1, TVER, "900");
    // Due 28 December: 20 working days from today, 10 of them before our due date → half counts.
    p.open_orders = vec![OpenOrder {
        remaining_m2: dec("300"),
        due_date: d(2026, 12, 28),
    }];
    let r = rank(&order(), &[p]).expect("ranked");
    assert_eq!(
        (r.ranked[0].committed_m2, r.ranked[0].free_m2),
        (dec("150"), dec("350"))
    );
}

#[test]
fn a_production_with_some_free_capacity_is_ranked_but_cannot_take_the_whole_order() {
    let mut p = production(1, TVER, "900");
    p.open_orders = vec![OpenOrder {
        remaining_m2: dec("400"),
        due_date: d(2026, 12, 10),
    }];
    let r = rank(&order(), &[p]).expect("ranked");
    assert_eq!(r.ranked[0].free_m2, dec("100"));
    assert!(!r.ranked[0].takes_whole);
    assert_eq!(
        r.ranked[0].score.capacity, 10.0,
        "half the order: half the 20 points"
    );
}

// ---- score ----

#[test]
fn every_score_component_is_shown_and_adds_up_to_the_total() {
    let r = rank(&order(), &[production(1, MOSCOW, "1000")]).expect("ranked");
    let s = r.ranked[0].score;
    // At the address, the cheapest, takes it all, 5 % defects, nothing committed.
    assert_eq!(
        (s.distance, s.price, s.capacity, s.quality, s.load),
        (30.0, 25.0, 20.0, 7.5, 10.0)
    );
    assert_eq!(s.total, 92.5);
    assert_eq!(r.ranked[0].defect_rate, Some(dec("0.05")));
    assert_eq!(r.ranked[0].distance_km, 0.0);
}

#[test]
fn the_distance_component_halves_at_five_hundred_km() {
    let far = GeoPoint {
        lat: MOSCOW.lat,
        lon: MOSCOW.lon + 500.0 / (111.195 * MOSCOW.lat.to_radians().cos()),
    };
    let r = rank(&order(), &[production(1, far, "1000")]).expect("ranked");
    assert!(
        (r.ranked[0].distance_km - 500.0).abs() < 2.0,
        "{}",
        r.ranked[0].distance_km
    );
    assert!(
        (r.ranked[0].score.distance - 15.0).abs() < 0.1,
        "{}",
        r.ranked[0].score.distance
    );
}

#[test]
fn the_price_component_is_the_cheapest_price_over_the_production_price() {
    let r = rank(
        &order(),
        &[production(1, MOSCOW, "1000"), production(2, MOSCOW, "2000")],
    )
    .expect("ranked");
    let by_id = |id| {
        r.ranked
            .iter()
            .find(|p| p.production == id)
            .map(|p| p.score.price)
    };
    assert_eq!((by_id(org(1)), by_id(org(2))), (Some(25.0), Some(12.5)));
}

#[test]
fn defects_lower_the_quality_component_to_zero_at_ten_percent_and_unknown_counts_as_five() {
    let mut clean = production(1, MOSCOW, "1000");
    clean.defects_90_days = DefectHistory {
        checked: 10,
        defective: 0,
    };
    let mut poor = production(2, MOSCOW, "1000");
    poor.defects_90_days = DefectHistory {
        checked: 10,
        defective: 3,
    };
    let mut new = production(3, MOSCOW, "1000");
    new.defects_90_days = DefectHistory::default();
    let r = rank(&order(), &[clean, poor, new]).expect("ranked");
    let q: Vec<f64> = r.ranked.iter().map(|p| p.score.quality).collect();
    assert_eq!(ranked_ids(&r), [org(1), org(3), org(2)]);
    assert_eq!(q, [15.0, 7.5, 0.0]);
    assert_eq!(r.ranked[1].defect_rate, None);
}

#[test]
fn a_closer_cheaper_production_ranks_first() {
    let r = rank(
        &order(),
        &[
            production(1, NOVOSIBIRSK, "900"),
            production(2, KAZAN, "950"),
            production(3, TVER, "950"),
        ],
    )
    .expect("ranked");
    assert_eq!(ranked_ids(&r), [org(3), org(2), org(1)]);
    assert_eq!(
        r.ranked.iter().map(|p| p.rank).collect::<Vec<_>>(),
        [1, 2, 3]
    );
}

#[test]
fn ties_are_broken_by_price_then_distance_then_id() {
    // Identical productions: the id decides, whatever order they come in.
    let r = rank(
        &order(),
        &[production(9, TVER, "900"), production(4, TVER, "900")],
    )
    .expect("ranked");
    assert_eq!(ranked_ids(&r), [org(4), org(9)]);
    // Same total, the cheaper first: capacity makes up for the price.
    let mut cheap = production(1, MOSCOW, "1000");
    cheap.daily_capacity_m2 = dec("15"); // 150 m² of 200: 15 capacity points instead of 20
    cheap.defects_90_days = DefectHistory {
        checked: 10,
        defective: 0,
    };
    let mut dear = production(2, MOSCOW, "1250"); // 20 price points instead of 25
    dear.defects_90_days = DefectHistory {
        checked: 10,
        defective: 0,
    };
    let r = rank(&order(), &[dear, cheap]).expect("ranked");
    assert_eq!(r.ranked[0].score.total, r.ranked[1].score.total);
    assert_eq!(ranked_ids(&r), [org(1), org(2)]);
}

#[test]
fn the_order_to_place_is_checked_naming_its_fields() {
    let bad = OrderToPlace {
        tile_type: " ".to_owned(),
        thickness_mm: dec("0"),
        quantity_m2: dec("-1"),
        delivery: GeoPoint {
            lat: 100.0,
            lon: 0.0,
        },
        due_date: d(2026, 11, 30),
        today: d(2026, 11, 30),
    };
    let e = rank(&bad, &[]).expect_err("refused");
    let fields: Vec<&str> = e.0.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        [
            "tile_type",
            "thickness_mm",
            "quantity_m2",
            "due_date",
            "delivery.lat"
        ]
    );
}

#[test]
fn a_production_that_declined_the_deals_order_is_excluded_and_the_rest_renumbered() {
    // Seed 000: a decline sends the order back to distribution, without the one that declined.
    let near = production(1, TVER, "900");
    let far = production(2, KAZAN, "900");
    let mut none = production(3, MOSCOW, "900");
    none.offers.clear();
    let r = rank(&order(), &[near, far, none]).expect("ranked");
    assert_eq!(ranked_ids(&r), [org(1), org(2)]);
    let r = without_declined(r, &[org(1), org(3)]);
    assert_eq!(ranked_ids(&r), [org(2)]);
    assert_eq!(r.ranked[0].rank, 1);
    let reasons = |n| r.excluded.iter().find(|e| e.production == org(n)).map(|e| e.reasons.clone()).expect("excluded");
    assert_eq!(reasons(1), [Exclusion::DeclinedThisOrder]);
    assert_eq!(reasons(3), [Exclusion::DoesNotMake, Exclusion::DeclinedThisOrder]);
    assert_eq!(Exclusion::DeclinedThisOrder.reason_ru(), "Уже отказалось от заказа по этой сделке");
}

// ---- placement ----

fn free(n: u128, free_m2: &str) -> ProductionProfile {
    let mut p = production(n, TVER, "900");
    p.daily_capacity_m2 = dec(free_m2) / Decimal::TEN;
    p
}

fn place(quantity: &str, profiles: &[ProductionProfile]) -> Placement {
    let r = rank(
        &OrderToPlace {
            quantity_m2: dec(quantity),
            ..order()
        },
        profiles,
    )
    .expect("ranked");
    propose_placement(dec(quantity), &r.ranked).expect("placed")
}

fn part(n: u128, q: &str) -> PlacementPart {
    PlacementPart {
        production: org(n),
        quantity_m2: dec(q),
    }
}

#[test]
fn one_production_takes_the_whole_order_when_it_can() {
    assert_eq!(
        place("200", &[free(1, "100"), free(2, "300")]),
        Placement::Whole(part(2, "200"))
    );
}

#[test]
fn an_order_no_single_production_can_take_is_split_between_two() {
    // Novosibirsk is far: ranked 1, 2, 3. The pair 1 + 2 falls short, 1 + 3 covers it.
    let mut far = free(3, "60");
    far.location = NOVOSIBIRSK;
    let p = place("200", &[free(1, "150"), free(2, "20"), far]);
    let Placement::Split { parts } = &p else {
        panic!("split expected: {p:?}")
    };
    assert_eq!(parts.len(), 2);
    assert_eq!(
        p,
        Placement::Split {
            parts: vec![part(1, "150"), part(3, "50")]
        }
    );
}

#[test]
fn the_split_prefers_the_best_ranked_pair() {
    let p = place("200", &[free(1, "150"), free(2, "120"), free(3, "180")]);
    let Placement::Split { parts } = p else {
        panic!("split expected: {p:?}")
    };
    assert_eq!(parts.len(), 2);
    assert_eq!(
        parts.iter().map(|p| p.quantity_m2).sum::<Decimal>(),
        dec("200")
    );
    assert_eq!(parts[0], part(3, "180"), "the best-ranked takes all it can");
}

#[test]
fn when_two_are_not_enough_more_productions_share_the_order_in_rank_order() {
    let p = place("200", &[free(1, "80"), free(2, "70"), free(3, "60")]);
    assert_eq!(
        p,
        Placement::Split {
            parts: vec![part(1, "80"), part(2, "70"), part(3, "50")]
        }
    );
}

#[test]
fn when_all_together_are_not_enough_the_placement_says_what_is_missing() {
    let p = place("200", &[free(1, "80"), free(2, "70")]);
    assert_eq!(
        p,
        Placement::Short {
            parts: vec![part(1, "80"), part(2, "70")],
            missing_m2: dec("50")
        }
    );
    assert_eq!(
        propose_placement(dec("10"), &[]),
        Ok(Placement::Short {
            parts: vec![],
            missing_m2: dec("10")
        })
    );
}

#[test]
fn placing_nothing_is_refused() {
    let e = propose_placement(dec("0"), &[]).expect_err("refused");
    assert_eq!(e.0[0].0, "quantity_m2");
}
