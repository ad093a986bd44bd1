// What a definition may name besides the card fields (those come from GET /card-fields): request
// kinds, stage kinds, and a calm palette for new stages.
import type { PipelineKind, RequestKind, StageKind } from '../api/pipelines';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const satisfies readonly StageKind[];
export const REQUEST_KINDS = ['delivery_cost', 'design'] as const satisfies readonly RequestKind[];
export const PIPELINE_KINDS = ['deal', 'lead'] as const satisfies readonly PipelineKind[];

/** Mantine's palette (the app's look), in the order new stages take them. */
export const PALETTE = [
  '#228be6', // blue
  '#15aabf', // cyan
  '#12b886', // teal
  '#4c6ef5', // indigo
  '#7950f2', // violet
  '#be4bdb', // grape
  '#fd7e14', // orange
  '#fab005', // yellow
  '#868e96', // gray
] as const;
export const WON_COLOR = '#40c057';
export const LOST_COLOR = '#fa5252';

/** `^[a-z][a-z0-9_]{0,39}$`, the shape of every code in a definition. */
export const CODE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
