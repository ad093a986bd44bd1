//! Sales: leads and deals on the customer's funnels. The funnels are tables a business analyst
//! reads against the customer's own (seed 000, «Детализация статусов воронки продаж»): the lead
//! funnel in `lead_funnel.rs`, the tile sale in `tile_deal.rs`; their diagrams are in `README.md`
//! beside this file (generated, checked by a test). The engine that runs them is `crate::pipelines`.

pub mod closed;
pub mod commands;
mod lead_funnel;
mod tile_deal;

pub use lead_funnel::lead_funnel;
pub use tile_deal::tile_deal_funnel;

use crate::pipelines::{PipelineKind, StageKind};
use crate::{DealId, LeadId};

crate::named_enum! {
    /// Where a lead came from.
    pub enum Channel {
        Yandex,
        Google,
        Avito,
        Youtube,
        Social,
        Site,
        Phone,
        Bitrix24,
        Other,
    }
}

crate::named_enum! {
    /// `lead` or `deal`.
    pub enum CardKind {
        Lead,
        Deal,
    }
}

impl CardKind {
    /// The kind of pipeline cards of this kind run on.
    pub fn pipeline_kind(self) -> PipelineKind {
        match self {
            CardKind::Lead => PipelineKind::Lead,
            CardKind::Deal => PipelineKind::Deal,
        }
    }

    /// The kind of cards a pipeline of `kind` runs.
    pub fn on(kind: PipelineKind) -> CardKind {
        match kind {
            PipelineKind::Lead => CardKind::Lead,
            PipelineKind::Deal => CardKind::Deal,
        }
    }
}

/// A lead or a deal, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardId {
    Lead(LeadId),
    Deal(DealId),
}

impl CardId {
    /// The card of `kind` with this id.
    pub fn new(kind: CardKind, id: uuid::Uuid) -> CardId {
        match kind {
            CardKind::Lead => CardId::Lead(id.into()),
            CardKind::Deal => CardId::Deal(id.into()),
        }
    }

    pub fn kind(self) -> CardKind {
        match self {
            CardId::Lead(_) => CardKind::Lead,
            CardId::Deal(_) => CardKind::Deal,
        }
    }

    pub fn uuid(self) -> uuid::Uuid {
        match self {
            CardId::Lead(id) => id.uuid(),
            CardId::Deal(id) => id.uuid(),
        }
    }
}

crate::named_enum! {
    /// Where a card is on its pipeline.
    pub enum CardStatus {
        Open,
        Won,
        Lost,
    }
}

impl CardStatus {
    /// The status of a card in a stage of this kind.
    pub fn of(stage: StageKind) -> CardStatus {
        match stage {
            StageKind::Open => CardStatus::Open,
            StageKind::Won => CardStatus::Won,
            StageKind::Lost => CardStatus::Lost,
        }
    }
}

/// Code of the built-in lead funnel.
pub const LEAD_FUNNEL: &str = "leads";
/// Code of the built-in tile-sale deal funnel.
pub const TILE_SALE_FUNNEL: &str = "tile_sale";

/// A built-in funnel: where it stands among the pipelines, its code and names, its definition.
pub struct BuiltinFunnel {
    pub position: i32,
    pub code: &'static str,
    pub name_ru: &'static str,
    pub name_en: &'static str,
    pub definition: crate::pipelines::PipelineDefinition,
}

/// The customer's funnels, as the system starts with them.
pub fn builtin_funnels() -> [BuiltinFunnel; 2] {
    [
        BuiltinFunnel { position: 0, code: LEAD_FUNNEL, name_ru: "Лиды", name_en: "Leads", definition: lead_funnel() },
        BuiltinFunnel { position: 1, code: TILE_SALE_FUNNEL, name_ru: "Продажа плитки", name_en: "Tile sale", definition: tile_deal_funnel() },
    ]
}

crate::named_enum! {
    /// tile_sale | line_sale | other
    pub enum DealKind {
        TileSale,
        LineSale,
        Other,
    }
}

impl DealKind {
    /// A deal on the built-in tile-sale funnel sells tiles; other pipelines' deals are `other`.
    pub fn of_pipeline(code: &str) -> DealKind {
        if code == TILE_SALE_FUNNEL { DealKind::TileSale } else { DealKind::Other }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::assert_names_agree;

    #[test]
    fn sales_value_sets_have_their_documented_names() {
        assert_names_agree::<Channel>();
        assert_names_agree::<CardKind>();
        assert_names_agree::<CardStatus>();
        assert_names_agree::<DealKind>();
        assert_eq!(Channel::Bitrix24.as_str(), "bitrix24");
        assert_eq!(DealKind::TileSale.as_str(), "tile_sale");
    }

    #[test]
    fn a_card_is_closed_in_a_won_or_lost_stage() {
        assert_eq!(CardStatus::of(StageKind::Open), CardStatus::Open);
        assert_eq!(CardStatus::of(StageKind::Won), CardStatus::Won);
        assert_eq!(CardStatus::of(StageKind::Lost), CardStatus::Lost);
    }

    /// The README beside this file: both built-in funnels as diagrams.
    fn readme() -> String {
        let mut out = String::from(
            "# Built-in sales funnels\n\n\
             Generated from `lead_funnel()` and `tile_deal_funnel()` by `PipelineDefinition::to_mermaid()`;\n\
             do not edit by hand. After changing a funnel run\n\
             `UPDATE_PIPELINE_README=1 cargo test -p domain readme_diagrams_are_current`.\n\
             The customer's table: seed 000, «Детализация статусов воронки продаж».\n",
        );
        for (title, def) in [
            ("Лид — `lead_funnel()`", lead_funnel()),
            (
                "Сделка: продажа плитки — `tile_deal_funnel()`",
                tile_deal_funnel(),
            ),
        ] {
            out.push_str(&format!(
                "\n## {title}\n\n```mermaid\n{}```\n",
                def.to_mermaid()
            ));
        }
        out
    }

    #[test]
    fn readme_diagrams_are_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/sales/README.md");
        let expected = readme();
        if std::env::var_os("UPDATE_PIPELINE_README").is_some() {
            std::fs::write(&path, &expected).expect("README written");
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "{} is out of date: run UPDATE_PIPELINE_README=1 cargo test -p domain readme_diagrams_are_current",
            path.display()
        );
    }

}
