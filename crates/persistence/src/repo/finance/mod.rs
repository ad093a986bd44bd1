//! Finance: payments and their allocations, imported statements, shipments, open invoices as the
//! money side sees them, and the reminders the scheduler fired.
pub mod assessments;
pub mod invoices;
pub mod payments;
pub mod reminders;
pub mod shipments;
pub mod statements;

/// Rows per multi-row statement or `IN (…)` list: well under SQLite's 32,766 bound variables and
/// PostgreSQL's 65,535 for the widest row, and 300 ids (6 KiB) stay under [`STATEMENT_BYTES`].
pub(crate) const CHUNK: usize = 300;

/// What one multi-row statement may carry, in bytes of its values: under the socket's first send
/// buffer (16 KiB, `tcp_wmem`'s default). sqlx does not set `TCP_NODELAY`; a statement larger
/// than the buffer is written in two parts, and Nagle's algorithm holds the second until the
/// database ACKs the first — which it delays by 40 ms. A bank day's payments in 100 statements of
/// 60 KiB took 6–9 s over TCP instead of 0.3 s.
pub(crate) const STATEMENT_BYTES: usize = 12 * 1024;

/// Splits `rows` into runs of at most `max_rows` rows whose `size` adds up to at most
/// [`STATEMENT_BYTES`] (a run has one row at least).
pub(crate) fn batches<T>(rows: &[T], max_rows: usize, size: impl Fn(&T) -> usize) -> Vec<&[T]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, r) in rows.iter().enumerate() {
        let n = size(r);
        if i > start && (i - start >= max_rows || bytes + n > STATEMENT_BYTES) {
            out.push(&rows[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += n;
    }
    if start < rows.len() {
        out.push(&rows[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_keep_each_statement_under_a_segment_and_lose_no_row() {
        let rows: Vec<usize> = (0..1000).map(|i| 100 + (i % 7) * 900).collect();
        let runs = batches(&rows, 100, |r| *r);
        assert_eq!(runs.iter().map(|r| r.len()).sum::<usize>(), rows.len());
        assert!(runs.iter().all(|r| r.len() <= 100 && (r.len() == 1 || r.iter().sum::<usize>() <= STATEMENT_BYTES)));
        let one_huge = [STATEMENT_BYTES * 2, 1, 1];
        assert_eq!(batches(&one_huge, 100, |r| *r).iter().map(|r| r.len()).collect::<Vec<_>>(), [1, 2], "a row larger than the budget goes alone");
        assert!(batches(&[] as &[usize], 10, |r| *r).is_empty());
    }
}
