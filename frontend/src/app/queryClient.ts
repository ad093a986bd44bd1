import { QueryClient } from '@tanstack/react-query';
import { ApiProblem } from '../shared/api/problem';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // 4xx answers are final; retry network and server trouble once.
        retry: (count, error) =>
          count < 1 && !(error instanceof ApiProblem && error.status >= 400 && error.status < 500),
      },
    },
  });
}
