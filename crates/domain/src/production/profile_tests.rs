use super::*;

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("decimal literal")
}

fn offer(tile_type: &str, thickness: &str, price: &str) -> OfferDraft {
    OfferDraft { tile_type: tile_type.into(), thickness_mm: Some(dec(thickness)), price_per_m2: Some(dec(price)) }
}

fn draft() -> ProfileDraft {
    ProfileDraft {
        daily_capacity_m2: Some(dec("400")),
        working_days: vec![1, 2, 3, 4, 5, 6],
        payment_terms: "fifty_fifty".into(),
        acceptance_hours: None,
        contact_name: Some("  Гаврилов Олег  ".into()),
        contact_phone: Some("8 (343) 234-56-01".into()),
        contact_email: Some("Plant@Ural.Demo".into()),
        offers: vec![offer("Плитка", "20", "980"), offer("Плитка", "40", "1350.50"), offer("Бордюр", "50", "310")],
    }
}

/// `(field, code)` of every error, in order.
fn fields(d: &ProfileDraft) -> Vec<(String, &'static str)> {
    match d.parse() {
        Ok(p) => panic!("accepted: {p:?}"),
        Err(e) => e.0.into_iter().map(|(f, err)| (f, err.code)).collect(),
    }
}

fn pairs<'a>(v: &'a [(String, &'static str)]) -> Vec<(&'a str, &'a str)> {
    v.iter().map(|(f, c)| (f.as_str(), *c)).collect()
}

#[test]
fn a_complete_profile_is_checked_and_normalised() {
    let p = draft().parse().expect("valid");
    assert_eq!(p.daily_capacity_m2, dec("400"));
    assert_eq!(p.working_week, WorkingWeek::MON_SAT);
    assert_eq!(p.payment_terms, PaymentTerms::FiftyFifty);
    assert_eq!(p.acceptance_hours, DEFAULT_ACCEPTANCE_HOURS, "24 hours when nothing is said");
    assert_eq!(p.contact_name.as_deref(), Some("Гаврилов Олег"));
    assert_eq!(p.contact_phone.as_ref().map(|x| x.as_str()), Some("+73432345601"));
    assert_eq!(p.contact_email.as_ref().map(|x| x.as_str()), Some("plant@ural.demo"));
    assert_eq!(p.offers.len(), 3);
    assert_eq!(p.offers[1].price_per_m2.to_string(), "1350.50", "prices keep their kopecks");
    assert_eq!(p.offers[1].thickness_mm, dec("40"));
}

#[test]
fn capacity_must_be_above_zero_with_at_most_two_decimals() {
    for (v, code) in [("0", "out_of_range"), ("-5", "out_of_range"), ("250.125", "invalid_format"), ("1000000", "out_of_range")] {
        let d = ProfileDraft { daily_capacity_m2: Some(dec(v)), ..draft() };
        assert_eq!(pairs(&fields(&d)), [("daily_capacity_m2", code)], "{v}");
    }
    let d = ProfileDraft { daily_capacity_m2: None, ..draft() };
    assert_eq!(pairs(&fields(&d)), [("daily_capacity_m2", "required")]);
    let d = ProfileDraft { daily_capacity_m2: Some(dec("250.50")), ..draft() };
    assert_eq!(d.parse().map(|p| p.daily_capacity_m2), Ok(dec("250.5")));
}

#[test]
fn working_days_are_iso_weekdays_one_to_seven_and_at_least_one() {
    let d = ProfileDraft { working_days: vec![], ..draft() };
    assert_eq!(pairs(&fields(&d)), [("working_days", "required")]);
    for bad in [vec![0], vec![1, 8], vec![-1], vec![300]] {
        let d = ProfileDraft { working_days: bad.clone(), ..draft() };
        assert_eq!(pairs(&fields(&d)), [("working_days", "out_of_range")], "{bad:?}");
    }
    let d = ProfileDraft { working_days: vec![7, 1, 1, 3], ..draft() };
    assert_eq!(d.parse().map(|p| p.working_week.iso_days()), Ok(vec![1, 3, 7]), "repeats and order do not matter");
}

#[test]
fn payment_terms_are_one_of_the_order_terms() {
    for t in ["prepayment", "fifty_fifty", "after_shipment"] {
        let d = ProfileDraft { payment_terms: t.into(), ..draft() };
        assert_eq!(d.parse().map(|p| p.payment_terms.as_str()), Ok(t));
    }
    let d = ProfileDraft { payment_terms: "half".into(), ..draft() };
    assert_eq!(pairs(&fields(&d)), [("payment_terms", "invalid_value")]);
    let d = ProfileDraft { payment_terms: " ".into(), ..draft() };
    assert_eq!(pairs(&fields(&d)), [("payment_terms", "required")]);
}

#[test]
fn the_acceptance_time_is_one_hour_to_two_weeks() {
    for bad in [0, -3, 337] {
        let d = ProfileDraft { acceptance_hours: Some(bad), ..draft() };
        assert_eq!(pairs(&fields(&d)), [("acceptance_hours", "out_of_range")], "{bad}");
    }
    let d = ProfileDraft { acceptance_hours: Some(48), ..draft() };
    assert_eq!(d.parse().map(|p| p.acceptance_hours), Ok(48));
}

#[test]
fn contacts_are_checked_as_phones_and_emails_everywhere() {
    let d = ProfileDraft { contact_phone: Some("12".into()), contact_email: Some("not-an-email".into()), ..draft() };
    assert_eq!(pairs(&fields(&d)), [("contact_phone", "invalid_format"), ("contact_email", "invalid_format")]);
    let d = ProfileDraft { contact_name: None, contact_phone: Some("  ".into()), contact_email: None, ..draft() };
    let p = d.parse().expect("contacts are optional");
    assert_eq!((p.contact_name, p.contact_phone, p.contact_email), (None, None, None));
}

#[test]
fn an_offer_needs_a_tile_type_a_thickness_and_a_price_above_zero_in_kopecks() {
    let d = ProfileDraft {
        offers: vec![
            OfferDraft { tile_type: "  ".into(), thickness_mm: None, price_per_m2: None },
            offer("Плитка", "4", "0"),
            offer("Плитка", "20.25", "-10"),
            offer(&"Ш".repeat(101), "30", "99.999"),
            offer("Брусчатка", "45.5", "1200.10"),
        ],
        ..draft()
    };
    assert_eq!(
        pairs(&fields(&d)),
        [
            ("offers[0].tile_type", "required"),
            ("offers[0].thickness_mm", "required"),
            ("offers[0].price_per_m2", "required"),
            ("offers[1].thickness_mm", "out_of_range"),
            ("offers[1].price_per_m2", "out_of_range"),
            ("offers[2].thickness_mm", "invalid_format"),
            ("offers[2].price_per_m2", "out_of_range"),
            ("offers[3].tile_type", "too_long"),
            ("offers[3].price_per_m2", "invalid_format"),
        ]
    );
}

#[test]
fn the_same_tile_type_and_thickness_twice_is_refused_on_the_repeat_ignoring_case_and_spaces() {
    let d = ProfileDraft {
        offers: vec![offer("Плитка резиновая", "20", "980"), offer("Плитка резиновая", "30", "1100"), offer("  плитка   РЕЗИНОВАЯ ", "20.0", "990")],
        ..draft()
    };
    assert_eq!(pairs(&fields(&d)), [("offers[2].tile_type", "duplicate")]);
    assert_eq!(tile_key("  Плитка   Резиновая "), "плитка резиновая");
}

#[test]
fn offered_tile_types_are_stored_tidy() {
    let d = ProfileDraft { offers: vec![offer("  Плитка   резиновая ", "20", "980")], ..draft() };
    assert_eq!(d.parse().map(|p| p.offers[0].tile_type.clone()), Ok("Плитка резиновая".to_owned()));
}

#[test]
fn a_production_may_list_no_offers_yet_but_not_hundreds() {
    let d = ProfileDraft { offers: vec![], ..draft() };
    assert!(d.parse().is_ok());
    let many: Vec<OfferDraft> = (0..=MAX_OFFERS).map(|i| offer(&format!("Плитка {i}"), "20", "100")).collect();
    let d = ProfileDraft { offers: many, ..draft() };
    assert_eq!(pairs(&fields(&d)), [("offers", "too_long")]);
}

#[test]
fn every_wrong_field_is_named_at_once() {
    let d = ProfileDraft {
        daily_capacity_m2: Some(dec("0")),
        working_days: vec![],
        payment_terms: "barter".into(),
        acceptance_hours: Some(0),
        contact_name: None,
        contact_phone: None,
        contact_email: Some("x".into()),
        offers: vec![offer("Плитка", "20", "0")],
    };
    assert_eq!(
        pairs(&fields(&d)),
        [
            ("daily_capacity_m2", "out_of_range"),
            ("working_days", "required"),
            ("payment_terms", "invalid_value"),
            ("acceptance_hours", "out_of_range"),
            ("contact_email", "invalid_format"),
            ("offers[0].price_per_m2", "out_of_range"),
        ]
    );
}
