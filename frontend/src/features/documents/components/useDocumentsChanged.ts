import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { documentKeys } from '../api/documents';

/** After a document was made, sent or moved: its list and views are read again, and the deal card. */
export function useDocumentsChanged(dealId: string, onDealChanged: () => void): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: documentKeys.deal(dealId) });
    void queryClient.invalidateQueries({ queryKey: documentKeys.details() });
    onDealChanged();
  }, [queryClient, dealId, onDealChanged]);
}
