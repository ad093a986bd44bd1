//! The catalogue: what is sold (tiles, equipment, materials, services), in which units, how it
//! is taxed, and price lists — possibly in euros or dollars, converted to roubles at the Central
//! Bank's rate of the document date.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::lines::round2;
use super::vat::VatKind;
use crate::clients::text;
use crate::error::{FieldError, FieldErrors};
use crate::money::Currency;

/// The longest item name.
pub const MAX_NAME: usize = 300;
/// The longest article (vendor code).
pub const MAX_ARTICLE: usize = 50;
/// The longest tile type or colour.
pub const MAX_TILE_TEXT: usize = 100;

crate::named_enum! {
    /// What a catalogue item is.
    pub enum ItemKind {
        Tile,
        Equipment,
        Material,
        Service,
    }
}

impl ItemKind {
    /// Name shown to users.
    pub fn name_ru(self) -> &'static str {
        match self {
            ItemKind::Tile => "Плитка",
            ItemKind::Equipment => "Оборудование",
            ItemKind::Material => "Материал",
            ItemKind::Service => "Услуга",
        }
    }
}

crate::named_enum! {
    /// A unit of measure, with its ОКЕИ code for printed forms.
    pub enum Unit {
        Pcs,
        M2,
        Kg,
        Set,
        ServiceUnit,
    }
}

impl Unit {
    /// The ОКЕИ code (Russian classifier of units), as printed on invoices and УПД.
    pub fn okei(self) -> &'static str {
        match self {
            Unit::Pcs => "796",
            Unit::M2 => "055",
            Unit::Kg => "166",
            Unit::Set => "839",
            Unit::ServiceUnit => "876",
        }
    }

    /// The short name in the unit column: «шт», «м²», «кг», «компл», «усл. ед.».
    pub fn short_ru(self) -> &'static str {
        match self {
            Unit::Pcs => "шт",
            Unit::M2 => "м²",
            Unit::Kg => "кг",
            Unit::Set => "компл",
            Unit::ServiceUnit => "усл. ед.",
        }
    }
}

/// What a rubber tile is: type, colour, thickness and size.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TileAttributes {
    /// «Плитка», «Брусчатка», «Бордюр» …
    pub tile_type: String,
    pub colour: String,
    /// 5..=100 mm, at most one decimal place.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub thickness_mm: Decimal,
    /// Length × width in millimetres, always written «500×500».
    pub size: String,
}

/// Tile attributes as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TileDraft {
    #[serde(default)]
    pub tile_type: String,
    #[serde(default)]
    pub colour: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub thickness_mm: Option<Decimal>,
    #[serde(default)]
    pub size: String,
}

fn required_text(errs: &mut FieldErrors, field: &str, max: usize, input: &str) -> Option<String> {
    errs.required(field, Some(input), |s| text(max, s))
}

/// «500×500», «500x500», «500 X 500», «500х500» (Cyrillic) → «500×500»: two whole numbers of
/// millimetres, each 1..=10 000.
pub fn parse_tile_size(input: &str) -> Result<String, FieldError> {
    let cleaned: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let sides: Vec<&str> = cleaned.split(['×', 'x', 'X', 'х', 'Х', '*']).collect();
    let numbers: Option<Vec<u32>> = sides
        .iter()
        .map(|s| {
            s.parse::<u32>()
                .ok()
                .filter(|n| (1..=10_000).contains(n) && s.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect();
    match numbers.as_deref() {
        Some([length, width]) => Ok(format!("{length}×{width}")),
        _ => Err(FieldError::new(
            "invalid_format",
            "Размер — длина и ширина в мм, например 500×500",
        )),
    }
}

impl TileDraft {
    /// Checks the attributes; errors under `tile_type`, `colour`, `thickness_mm`, `size`.
    pub fn parse(&self) -> Result<TileAttributes, FieldErrors> {
        let mut errs = FieldErrors::new();
        let tile_type = required_text(&mut errs, "tile_type", MAX_TILE_TEXT, &self.tile_type);
        let colour = required_text(&mut errs, "colour", MAX_TILE_TEXT, &self.colour);
        let thickness_mm = match self.thickness_mm {
            None => {
                errs.add("thickness_mm", FieldError::required());
                None
            }
            Some(t) if t < Decimal::from(5) || t > Decimal::ONE_HUNDRED => {
                errs.add(
                    "thickness_mm",
                    FieldError::new("out_of_range", "Толщина — от 5 до 100 мм"),
                );
                None
            }
            Some(t) if t.normalize().scale() > 1 => {
                errs.add(
                    "thickness_mm",
                    FieldError::new(
                        "invalid_format",
                        "Толщина — не более одного знака после запятой",
                    ),
                );
                None
            }
            Some(t) => Some(t.normalize()),
        };
        let size = errs.required("size", Some(&self.size), parse_tile_size);
        match (tile_type, colour, thickness_mm, size) {
            (Some(tile_type), Some(colour), Some(thickness_mm), Some(size)) if errs.is_empty() => {
                Ok(TileAttributes {
                    tile_type,
                    colour,
                    thickness_mm,
                    size,
                })
            }
            _ => Err(errs),
        }
    }
}

/// A checked catalogue item.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Item {
    pub name: String,
    pub article: Option<String>,
    pub kind: ItemKind,
    pub unit: Unit,
    pub vat_kind: VatKind,
    /// Present exactly when `kind` is `tile`.
    pub tile: Option<TileAttributes>,
}

/// A catalogue item as entered: enum values as their snake_case codes.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemDraft {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub article: Option<String>,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub vat_kind: String,
    #[serde(default)]
    pub tile: Option<TileDraft>,
}

fn named<T: crate::Named>(what: &str) -> impl FnOnce(&str) -> Result<T, FieldError> + '_ {
    move |s| {
        T::parse(s).ok_or_else(|| {
            FieldError::new(
                "invalid_value",
                format!("Неизвестное значение «{s}» ({what}). {}", T::allowed_ru()),
            )
        })
    }
}

impl ItemDraft {
    /// Checks the item: `name` required (at most 300 characters), `article` at most 50, `kind`,
    /// `unit` and `vat_kind` one of their codes; tile attributes (`tile.…`) required for a tile
    /// and refused (`tile`) for anything else.
    pub fn parse(&self) -> Result<Item, FieldErrors> {
        let mut errs = FieldErrors::new();
        let name = required_text(&mut errs, "name", MAX_NAME, &self.name);
        let article = errs.optional("article", self.article.as_deref(), |s| text(MAX_ARTICLE, s));
        let kind = errs.required("kind", Some(&self.kind), named::<ItemKind>("вид"));
        let unit = errs.required("unit", Some(&self.unit), named::<Unit>("единица измерения"));
        let vat_kind = errs.required("vat_kind", Some(&self.vat_kind), named::<VatKind>("НДС"));
        let tile = match (kind, &self.tile) {
            (Some(ItemKind::Tile), Some(draft)) => match draft.parse() {
                Ok(t) => Some(t),
                Err(e) => {
                    errs.merge_prefixed("tile", e);
                    None
                }
            },
            (Some(ItemKind::Tile), None) => {
                errs.add(
                    "tile",
                    FieldError::new("required", "Укажите тип, цвет, толщину и размер плитки"),
                );
                None
            }
            (Some(_), Some(_)) => {
                errs.add(
                    "tile",
                    FieldError::new(
                        "invalid_value",
                        "Характеристики плитки указываются только для плитки",
                    ),
                );
                None
            }
            _ => None,
        };
        match (name, kind, unit, vat_kind) {
            (Some(name), Some(kind), Some(unit), Some(vat_kind)) if errs.is_empty() => Ok(Item {
                name,
                article,
                kind,
                unit,
                vat_kind,
                tile,
            }),
            _ => Err(errs),
        }
    }
}

/// A price list: its currency and the period it is in force.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceList {
    pub name: String,
    pub currency: Currency,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub valid_from: NaiveDate,
    /// The last day in force; none = until replaced.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub valid_to: Option<NaiveDate>,
}

impl PriceList {
    /// Checks a price list: `name` required (at most 300 characters), `currency` one of RUB,
    /// EUR, USD, `valid_to` not before `valid_from`.
    pub fn parse(
        name: &str,
        currency: &str,
        valid_from: NaiveDate,
        valid_to: Option<NaiveDate>,
    ) -> Result<PriceList, FieldErrors> {
        let mut errs = FieldErrors::new();
        let name = required_text(&mut errs, "name", MAX_NAME, name);
        let currency = errs.required("currency", Some(currency), |s| {
            Currency::parse(&s.to_uppercase()).ok_or_else(|| {
                FieldError::new(
                    "invalid_value",
                    format!(
                        "Неизвестная валюта «{s}». {}",
                        <Currency as crate::Named>::allowed_ru()
                    ),
                )
            })
        });
        if let Some(to) = valid_to
            && to < valid_from
        {
            errs.add(
                "valid_to",
                FieldError::new(
                    "out_of_range",
                    format!(
                        "Окончание действия не может быть раньше начала ({})",
                        valid_from.format("%d.%m.%Y")
                    ),
                ),
            );
        }
        match (name, currency) {
            (Some(name), Some(currency)) if errs.is_empty() => Ok(PriceList {
                name,
                currency,
                valid_from,
                valid_to,
            }),
            _ => Err(errs),
        }
    }

    /// In force on `date`: from `valid_from` through `valid_to`, both inclusive.
    pub fn is_in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|to| date <= to)
    }
}

/// A price in roubles for a document dated `date`: roubles pass through; euros and dollars are
/// multiplied by that day's Central Bank `rate` (roubles per unit). Rounded to the kopeck, half
/// away from zero.
///
/// Without a rate: «Нет курса EUR на 30.11.2026» (`no_rate`), meant for the field `currency`.
pub fn convert_to_rub(
    price: Decimal,
    rate: Option<Decimal>,
    currency: Currency,
    date: NaiveDate,
) -> Result<Decimal, FieldError> {
    if currency == Currency::Rub {
        return Ok(round2(price));
    }
    let code = currency.as_str();
    match rate {
        None => Err(FieldError::new(
            "no_rate",
            format!("Нет курса {code} на {}", date.format("%d.%m.%Y")),
        )),
        Some(r) if r <= Decimal::ZERO => Err(FieldError::new(
            "invalid_value",
            format!("Курс {code} должен быть больше нуля"),
        )),
        Some(r) => price
            .checked_mul(r)
            .map(round2)
            .ok_or_else(|| FieldError::new("out_of_range", "Слишком большая цена")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect("decimal literal")
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn fields(e: &FieldErrors) -> Vec<&str> {
        e.0.iter().map(|(f, _)| f.as_str()).collect()
    }

    fn tile_draft() -> TileDraft {
        TileDraft {
            tile_type: "Плитка".into(),
            colour: "Красный".into(),
            thickness_mm: Some(dec("40")),
            size: "500x500".into(),
        }
    }

    fn tile_item() -> ItemDraft {
        ItemDraft {
            name: "  Плитка резиновая 500×500×40 красная ".into(),
            article: Some("ПР-40-К".into()),
            kind: "tile".into(),
            unit: "m2".into(),
            vat_kind: "standard".into(),
            tile: Some(tile_draft()),
        }
    }

    #[test]
    fn names_agree_between_serde_and_strum() {
        crate::names::assert_names_agree::<ItemKind>();
        crate::names::assert_names_agree::<Unit>();
        let units: Vec<&str> = Unit::ALL.iter().map(|u| u.as_str()).collect();
        assert_eq!(units, ["pcs", "m2", "kg", "set", "service_unit"]);
    }

    #[test]
    fn units_carry_their_okei_codes_and_short_names() {
        let table: Vec<(&str, &str)> = Unit::ALL.iter().map(|u| (u.okei(), u.short_ru())).collect();
        assert_eq!(
            table,
            [
                ("796", "шт"),
                ("055", "м²"),
                ("166", "кг"),
                ("839", "компл"),
                ("876", "усл. ед.")
            ]
        );
    }

    #[test]
    fn item_kinds_have_russian_names() {
        let names: Vec<&str> = ItemKind::ALL.iter().map(|k| k.name_ru()).collect();
        assert_eq!(names, ["Плитка", "Оборудование", "Материал", "Услуга"]);
    }

    #[test]
    fn tile_size_is_normalised_to_the_multiplication_sign() {
        for typed in ["500×500", "500x500", "500 X 500", "500х500", " 500 * 500 "] {
            assert_eq!(parse_tile_size(typed), Ok("500×500".to_owned()), "{typed}");
        }
        assert_eq!(parse_tile_size("1000x500"), Ok("1000×500".to_owned()));
    }

    #[test]
    fn a_tile_size_that_is_not_length_by_width_is_refused() {
        for typed in [
            "500",
            "500×",
            "×500",
            "500×500×40",
            "0×500",
            "50.5×500",
            "-500×500",
            "abc",
            "20000×500",
        ] {
            assert_eq!(
                parse_tile_size(typed).map_err(|e| e.code),
                Err("invalid_format"),
                "{typed}"
            );
        }
    }

    #[test]
    fn tile_thickness_is_between_5_and_100_mm() {
        for (t, ok) in [
            ("5", true),
            ("100", true),
            ("4.9", false),
            ("100.1", false),
            ("12.5", true),
            ("12.55", false),
        ] {
            let draft = TileDraft {
                thickness_mm: Some(dec(t)),
                ..tile_draft()
            };
            assert_eq!(draft.parse().is_ok(), ok, "{t}");
        }
        let e = TileDraft {
            thickness_mm: None,
            ..tile_draft()
        }
        .parse()
        .expect_err("missing");
        assert_eq!(fields(&e), ["thickness_mm"]);
    }

    #[test]
    fn a_tile_item_is_parsed_with_its_attributes() {
        let item = tile_item().parse().expect("valid");
        assert_eq!(item.name, "Плитка резиновая 500×500×40 красная");
        assert_eq!(
            (item.kind, item.unit, item.vat_kind),
            (ItemKind::Tile, Unit::M2, VatKind::Standard)
        );
        assert_eq!(
            item.tile,
            Some(TileAttributes {
                tile_type: "Плитка".into(),
                colour: "Красный".into(),
                thickness_mm: dec("40"),
                size: "500×500".into()
            })
        );
    }

    #[test]
    fn tile_attributes_are_required_for_a_tile() {
        let e = ItemDraft {
            tile: None,
            ..tile_item()
        }
        .parse()
        .expect_err("no attributes");
        assert_eq!(fields(&e), ["tile"]);
        let e = ItemDraft {
            tile: Some(TileDraft::default()),
            ..tile_item()
        }
        .parse()
        .expect_err("empty attributes");
        assert_eq!(
            fields(&e),
            [
                "tile.tile_type",
                "tile.colour",
                "tile.thickness_mm",
                "tile.size"
            ]
        );
        let e = ItemDraft {
            tile: Some(TileDraft {
                thickness_mm: Some(dec("3")),
                ..tile_draft()
            }),
            ..tile_item()
        }
        .parse()
        .expect_err("thin");
        assert_eq!(fields(&e), ["tile.thickness_mm"]);
    }

    #[test]
    fn tile_attributes_are_refused_for_anything_but_a_tile() {
        let e = ItemDraft {
            kind: "equipment".into(),
            ..tile_item()
        }
        .parse()
        .expect_err("equipment with tile");
        assert_eq!(fields(&e), ["tile"]);
        let item = ItemDraft {
            kind: "service".into(),
            unit: "service_unit".into(),
            tile: None,
            ..tile_item()
        }
        .parse()
        .expect("service");
        assert_eq!(item.tile, None);
    }

    #[test]
    fn item_name_is_required_and_at_most_300_characters() {
        assert_eq!(
            fields(
                &ItemDraft {
                    name: "  ".into(),
                    ..tile_item()
                }
                .parse()
                .expect_err("blank")
            ),
            ["name"]
        );
        assert_eq!(
            fields(
                &ItemDraft {
                    name: "я".repeat(301),
                    ..tile_item()
                }
                .parse()
                .expect_err("long")
            ),
            ["name"]
        );
        assert!(
            ItemDraft {
                name: "я".repeat(300),
                ..tile_item()
            }
            .parse()
            .is_ok()
        );
    }

    #[test]
    fn item_article_is_optional_and_at_most_50_characters() {
        assert_eq!(
            ItemDraft {
                article: None,
                ..tile_item()
            }
            .parse()
            .map(|i| i.article),
            Ok(None)
        );
        assert_eq!(
            ItemDraft {
                article: Some(" ".into()),
                ..tile_item()
            }
            .parse()
            .map(|i| i.article),
            Ok(None)
        );
        assert_eq!(
            fields(
                &ItemDraft {
                    article: Some("A".repeat(51)),
                    ..tile_item()
                }
                .parse()
                .expect_err("long")
            ),
            ["article"]
        );
    }

    #[test]
    fn unknown_kind_unit_and_vat_kind_codes_are_refused() {
        let e = ItemDraft {
            kind: "tiles".into(),
            unit: "".into(),
            vat_kind: "vat20".into(),
            ..tile_item()
        }
        .parse()
        .expect_err("codes");
        assert_eq!(fields(&e), ["kind", "unit", "vat_kind"]);
        assert_eq!(
            e.0[0].1.message,
            "Неизвестное значение «tiles» (вид). Допустимые значения: tile, equipment, material, service"
        );
        assert_eq!(e.0[1].1.code, "required");
    }

    #[test]
    fn price_list_period_must_not_end_before_it_starts() {
        let e = PriceList::parse("Прайс 2026", "EUR", d(2026, 2, 1), Some(d(2026, 1, 31)))
            .expect_err("backwards");
        assert_eq!(fields(&e), ["valid_to"]);
        let p = PriceList::parse("Прайс 2026", "eur", d(2026, 2, 1), Some(d(2026, 2, 1)))
            .expect("one day");
        assert_eq!(p.currency, Currency::Eur);
        assert!(p.is_in_force_on(d(2026, 2, 1)));
        assert!(!p.is_in_force_on(d(2026, 2, 2)));
    }

    #[test]
    fn price_list_currency_is_rub_eur_or_usd() {
        let e = PriceList::parse("Прайс", "CNY", d(2026, 1, 1), None).expect_err("yuan");
        assert_eq!(fields(&e), ["currency"]);
        assert_eq!(
            e.0[0].1.message,
            "Неизвестная валюта «CNY». Допустимые значения: RUB, EUR, USD"
        );
        assert!(
            PriceList::parse("Прайс", "USD", d(2026, 1, 1), None)
                .is_ok_and(|p| p.is_in_force_on(d(2099, 1, 1)))
        );
    }

    #[test]
    fn roubles_pass_through_conversion() {
        assert_eq!(
            convert_to_rub(dec("1500"), None, Currency::Rub, d(2026, 11, 30)),
            Ok(dec("1500.00"))
        );
    }

    #[test]
    fn euros_and_dollars_convert_at_the_rate_rounded_to_the_kopeck() {
        // 12.50 × 91.2044 = 1140.055 → 1140.06 (half away from zero)
        assert_eq!(
            convert_to_rub(
                dec("12.50"),
                Some(dec("91.2044")),
                Currency::Eur,
                d(2026, 11, 30)
            ),
            Ok(dec("1140.06"))
        );
        assert_eq!(
            convert_to_rub(
                dec("100"),
                Some(dec("78.5012")),
                Currency::Usd,
                d(2026, 11, 30)
            ),
            Ok(dec("7850.12"))
        );
    }

    #[test]
    fn a_foreign_price_without_the_days_rate_is_refused() {
        let e =
            convert_to_rub(dec("10"), None, Currency::Eur, d(2026, 11, 30)).expect_err("no rate");
        assert_eq!(e.message, "Нет курса EUR на 30.11.2026");
        assert_eq!(
            convert_to_rub(
                dec("10"),
                Some(Decimal::ZERO),
                Currency::Usd,
                d(2026, 11, 30)
            )
            .map_err(|e| e.code),
            Err("invalid_value")
        );
    }
}
