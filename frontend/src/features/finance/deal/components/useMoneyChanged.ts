import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { dealMoneyKeys } from '../api/money';

/** After a payment, a shipment or a cancellation: the money is read again, and the deal card
 * (its stage moves with the money). */
export function useMoneyChanged(dealId: string, onDealChanged: () => void): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: dealMoneyKeys.deal(dealId) });
    onDealChanged();
  }, [queryClient, dealId, onDealChanged]);
}
