// Receivables by age: the buckets in the order the table shows them, which of them are overdue,
// and the overdue share behind the summary (exact, in kopecks).
import type { Ageing } from '../api/finance';
import { percentOf } from './money';

/** The ageing columns, left to right; `total` closes the row. */
export const AGEING_BUCKETS = ['not_due', 'd1_30', 'd31_60', 'd61_90', 'over_90'] as const satisfies readonly (keyof Ageing)[];
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export const isOverdueBucket = (bucket: AgeingBucket) => bucket !== 'not_due';

/** The overdue part of the total, in whole percent. */
export const overdueShare = (ageing: Pick<Ageing, 'overdue' | 'total'>) => percentOf(ageing.overdue, ageing.total);
