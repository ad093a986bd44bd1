//! The board's columns in their order: the two board indexes (a pipeline's cards by stage, and the
//! same per responsible person) are replaced by ones that end with the card's id, the tie-breaker
//! of a column's order, so a column's first cards come from the index already sorted. (Its totals
//! come from `card_counts`, the next migration.)
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Col { Id, PipelineId, ResponsibleId, Stage, StageEnteredAt }

/// (old name, new name, whether it leads with the responsible person), per table.
const BOARD: [(&str, &str, bool); 2] = [("board", "columns", false), ("board_responsible", "columns_responsible", true)];

fn columns(by_responsible: bool, with_id: bool) -> Vec<Col> {
    let mut cols = vec![Col::PipelineId];
    if by_responsible {
        cols.push(Col::ResponsibleId);
    }
    cols.extend([Col::Stage, Col::StageEnteredAt]);
    if with_id {
        cols.push(Col::Id);
    }
    cols
}

/// Creates the indexes of one generation, then drops the other's (never a moment without one).
async fn switch(m: &SchemaManager<'_>, to_new: bool) -> Result<(), DbErr> {
    for table in ["leads", "deals"] {
        for (old, new, by_responsible) in BOARD {
            let (create, remove) = if to_new { (new, old) } else { (old, new) };
            let mut i = Index::create();
            i.name(format!("ix_{table}_{create}")).table(Alias::new(table));
            for c in columns(by_responsible, to_new) {
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
