import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { periodFromParams, type Period } from '../model/period';

/** The period in the URL's query (this month to today when it has none) and a way to change it. */
export function usePeriod(): [Period, (period: Period) => void] {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const period = useMemo(() => periodFromParams(new URLSearchParams({ from: from ?? '', to: to ?? '' })), [from, to]);
  const setPeriod = (next: Period) =>
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        out.set('from', next.from);
        out.set('to', next.to);
        return out;
      },
      { replace: true },
    );
  return [period, setPeriod];
}
