//! The board reads its counts and sums from its indexes alone: the two board indexes (a pipeline's
//! cards by stage, and the same per responsible person) are replaced by ones that end with the
//! card's id, organization and expected revenue, so a column's first cards come in board order and
//! its totals need no table read.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Col { Id, PipelineId, ResponsibleId, Stage, StageEnteredAt, OrganizationId, ExpectedRevenueMinor }

/// (old name, new name, whether it leads with the responsible person), per table.
const BOARD: [(&str, &str, bool); 2] = [("board", "columns", false), ("board_responsible", "columns_responsible", true)];

fn columns(by_responsible: bool, covering: bool) -> Vec<Col> {
    let mut cols = vec![Col::PipelineId];
    if by_responsible {
        cols.push(Col::ResponsibleId);
    }
    cols.extend([Col::Stage, Col::StageEnteredAt]);
    if covering {
        cols.extend([Col::Id, Col::OrganizationId, Col::ExpectedRevenueMinor]);
    }
    cols
}

/// Creates the indexes of one generation, then drops the other's (never a moment without one).
async fn switch(m: &SchemaManager<'_>, to_covering: bool) -> Result<(), DbErr> {
    for table in ["leads", "deals"] {
        for (old, new, by_responsible) in BOARD {
            let (create, remove) = if to_covering { (new, old) } else { (old, new) };
            let mut i = Index::create();
            i.name(format!("ix_{table}_{create}")).table(Alias::new(table));
            for c in columns(by_responsible, to_covering) {
                i.col(c);
            }
            m.create_index(i).await?;
            m.drop_index(Index::drop().name(format!("ix_{table}_{remove}")).table(Alias::new(table)).to_owned()).await?;
        }
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        switch(m, true).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        switch(m, false).await
    }
}
