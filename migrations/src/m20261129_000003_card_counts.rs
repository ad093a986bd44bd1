//! The board's column totals as counters the database keeps: `card_counts` holds, per pipeline,
//! stage, organization and responsible person, how many cards stand there and their expected
//! revenue. Triggers on `leads` and `deals` add to it on every insert, move, change of
//! responsible or revenue and delete, so no code path can forget it; the board reads a few rows
//! instead of counting every card. Filled from the cards there are.
//!
//! On PostgreSQL the counters are spread over 8 shards (by the card's id), so concurrent moves
//! of different cards rarely wait for one row, and a move writes its two rows in one statement in
//! key order, so two cards moving opposite ways cannot deadlock. SQLite writes one at a time: one
//! shard.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CardCounts { Table, PipelineId, Stage, OrganizationId, ResponsibleId, Shard, Count, SumMinor }

const CARDS: [&str; 2] = ["leads", "deals"];
const KEY: &str = "pipeline_id, stage, organization_id, responsible_id, shard";

const PG_FUNCTIONS: &str = r#"
CREATE FUNCTION card_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO card_counts AS c (pipeline_id, stage, organization_id, responsible_id, shard, count, sum_minor)
    VALUES (NEW.pipeline_id, NEW.stage, NEW.organization_id, COALESCE(NEW.responsible_id, '00000000-0000-0000-0000-000000000000'),
            get_byte(uuid_send(NEW.id), 15) & 7, 1, COALESCE(NEW.expected_revenue_minor, 0))
    ON CONFLICT (pipeline_id, stage, organization_id, responsible_id, shard)
    DO UPDATE SET count = c.count + EXCLUDED.count, sum_minor = c.sum_minor + EXCLUDED.sum_minor;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO card_counts AS c (pipeline_id, stage, organization_id, responsible_id, shard, count, sum_minor)
    VALUES (OLD.pipeline_id, OLD.stage, OLD.organization_id, COALESCE(OLD.responsible_id, '00000000-0000-0000-0000-000000000000'),
            get_byte(uuid_send(OLD.id), 15) & 7, -1, -COALESCE(OLD.expected_revenue_minor, 0))
    ON CONFLICT (pipeline_id, stage, organization_id, responsible_id, shard)
    DO UPDATE SET count = c.count + EXCLUDED.count, sum_minor = c.sum_minor + EXCLUDED.sum_minor;
  ELSIF (OLD.pipeline_id, OLD.stage, OLD.organization_id, OLD.responsible_id, OLD.expected_revenue_minor)
        IS DISTINCT FROM (NEW.pipeline_id, NEW.stage, NEW.organization_id, NEW.responsible_id, NEW.expected_revenue_minor) THEN
    -- The row it left and the row it joined in one statement, in key order (two cards moving
    -- opposite ways wait for each other, never deadlock); one row when only the revenue changed.
    INSERT INTO card_counts AS c (pipeline_id, stage, organization_id, responsible_id, shard, count, sum_minor)
    SELECT p, s, o, r, get_byte(uuid_send(NEW.id), 15) & 7, sum(n), sum(m)::bigint
    FROM (VALUES (OLD.pipeline_id, OLD.stage, OLD.organization_id, COALESCE(OLD.responsible_id, '00000000-0000-0000-0000-000000000000'),
                  -1, -COALESCE(OLD.expected_revenue_minor, 0)),
                 (NEW.pipeline_id, NEW.stage, NEW.organization_id, COALESCE(NEW.responsible_id, '00000000-0000-0000-0000-000000000000'),
                  1, COALESCE(NEW.expected_revenue_minor, 0))) AS d (p, s, o, r, n, m)
    GROUP BY p, s, o, r ORDER BY p, s, o, r
    ON CONFLICT (pipeline_id, stage, organization_id, responsible_id, shard)
    DO UPDATE SET count = c.count + EXCLUDED.count, sum_minor = c.sum_minor + EXCLUDED.sum_minor;
  END IF;
  RETURN NULL;
END
$$;
"#;

/// SQLite: one upsert of `who` (NEW or OLD) adding `sign` cards.
fn sqlite_add(who: &str, sign: &str) -> String {
    format!(
        "INSERT INTO card_counts ({KEY}, count, sum_minor) \
         VALUES ({who}.pipeline_id, {who}.stage, {who}.organization_id, COALESCE({who}.responsible_id, zeroblob(16)), 0, {sign}1, {sign}COALESCE({who}.expected_revenue_minor, 0)) \
         ON CONFLICT ({KEY}) DO UPDATE SET count = count + excluded.count, sum_minor = sum_minor + excluded.sum_minor;"
    )
}

fn sqlite_triggers(table: &str) -> Vec<String> {
    let changed = ["pipeline_id", "stage", "organization_id", "responsible_id", "expected_revenue_minor"]
        .map(|c| format!("OLD.{c} IS NOT NEW.{c}"))
        .join(" OR ");
    vec![
        format!("CREATE TRIGGER {table}_card_counts_insert AFTER INSERT ON {table} BEGIN {} END", sqlite_add("NEW", "")),
        format!("CREATE TRIGGER {table}_card_counts_delete AFTER DELETE ON {table} BEGIN {} END", sqlite_add("OLD", "-")),
        format!("CREATE TRIGGER {table}_card_counts_update AFTER UPDATE ON {table} WHEN {changed} BEGIN {} {} END", sqlite_add("OLD", "-"), sqlite_add("NEW", "")),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use sea_orm_migration::schema::*;
        m.create_table(
            Table::create()
                .table(CardCounts::Table)
                .col(uuid(CardCounts::PipelineId))
                .col(string(CardCounts::Stage))
                .col(uuid(CardCounts::OrganizationId))
                .col(uuid(CardCounts::ResponsibleId))
                .col(small_integer(CardCounts::Shard))
                .col(big_integer(CardCounts::Count))
                .col(big_integer(CardCounts::SumMinor))
                .primary_key(
                    Index::create()
                        .col(CardCounts::PipelineId)
                        .col(CardCounts::Stage)
                        .col(CardCounts::OrganizationId)
                        .col(CardCounts::ResponsibleId)
                        .col(CardCounts::Shard),
                )
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        match m.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(PG_FUNCTIONS).await?;
                for t in CARDS {
                    db.execute_unprepared(&format!(
                        "INSERT INTO card_counts ({KEY}, count, sum_minor) \
                         SELECT pipeline_id, stage, organization_id, COALESCE(responsible_id, '00000000-0000-0000-0000-000000000000'), \
                                get_byte(uuid_send(id), 15) & 7, count(*), COALESCE(sum(expected_revenue_minor), 0) FROM {t} GROUP BY 1, 2, 3, 4, 5 \
                         ON CONFLICT ({KEY}) DO UPDATE SET count = card_counts.count + EXCLUDED.count, sum_minor = card_counts.sum_minor + EXCLUDED.sum_minor"
                    ))
                    .await?;
                    db.execute_unprepared(&format!("CREATE TRIGGER {t}_card_counts AFTER INSERT OR UPDATE OR DELETE ON {t} FOR EACH ROW EXECUTE FUNCTION card_counts_track()")).await?;
                }
            }
            _ => {
                for t in CARDS {
                    db.execute_unprepared(&format!(
                        "INSERT INTO card_counts ({KEY}, count, sum_minor) \
                         SELECT pipeline_id, stage, organization_id, COALESCE(responsible_id, zeroblob(16)), 0, count(*), COALESCE(sum(expected_revenue_minor), 0) \
                         FROM {t} WHERE true GROUP BY 1, 2, 3, 4 \
                         ON CONFLICT ({KEY}) DO UPDATE SET count = count + excluded.count, sum_minor = sum_minor + excluded.sum_minor"
                    ))
                    .await?;
                    for trigger in sqlite_triggers(t) {
                        db.execute_unprepared(&trigger).await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match m.get_database_backend() {
            DbBackend::Postgres => {
                for t in CARDS {
                    db.execute_unprepared(&format!("DROP TRIGGER {t}_card_counts ON {t}")).await?;
                }
                db.execute_unprepared("DROP FUNCTION card_counts_track()").await?;
            }
            _ => {
                for t in CARDS {
                    for op in ["insert", "delete", "update"] {
                        db.execute_unprepared(&format!("DROP TRIGGER {t}_card_counts_{op}")).await?;
                    }
                }
            }
        }
        m.drop_table(Table::drop().table(CardCounts::Table).to_owned()).await
    }
}
