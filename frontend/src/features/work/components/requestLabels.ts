import type { Permission } from '../../../shared/api/types';
import type { RequestKind, RequestState } from '../api/requests';

/** Who answers requests of each kind. */
export const ANSWER_PERMISSION: Record<RequestKind, Permission> = {
  delivery_cost: 'requests.delivery',
  design: 'requests.design',
};

export const STATE_COLOR: Record<RequestState, string> = {
  open: 'blue',
  in_progress: 'yellow',
  completed: 'green',
  cancelled: 'gray',
};
