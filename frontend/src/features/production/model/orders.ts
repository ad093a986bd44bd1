// Production orders as people read and type them: the stages and steps in their order, the steps
// a person may take here (every allowed one but the assignment, made on the deal), what each step
// asks for (the quality check's four points, the defect's kind, the expected delivery date, the
// closing documents' scan among the order's files), the typed values turned into the action's body
// (amounts the Russian way through shared/format/money, square metres through ./profile), and
// dates («12.12.2026», «30.11.2026 17:05»).
import { parseMoneyInput } from '../../../shared/format/money';
import type { OrderAction, OrderState, StepBody } from '../api/orders';
import { parseDecimalInput } from '../../../shared/format/decimal';

export const ORDER_PAGE_SIZE = 20;

/** Every stage, in the order an order goes through them (the filter's options). */
export const ORDER_STATES = [
  'assigned',
  'accepted',
  'in_production',
  'done',
  'quality_passed',
  'defects_found',
  'shipped',
  'documents_received',
  'closed',
  'declined',
  'cancelled',
] as const satisfies readonly OrderState[];

/**
 * The board's columns: the stages an order is still open in, in the order it goes through them —
 * a defect found before the quality confirmed (reworked or accepted with a deduction, it goes on).
 */
export const BOARD_STAGES = [
  'assigned',
  'accepted',
  'in_production',
  'done',
  'defects_found',
  'quality_passed',
  'shipped',
  'documents_received',
] as const satisfies readonly OrderState[];
export type BoardStage = (typeof BOARD_STAGES)[number];

/** The stages an order ends in: no columns, only their counts under the board. */
export const ENDED_STAGES = ['closed', 'declined', 'cancelled'] as const satisfies readonly OrderState[];

/** The newest orders a board column shows; «ещё N» opens the rest as a list. */
export const BOARD_COLUMN_SIZE = 20;

/** Stages in which the tiles have not left the production yet: the due day still binds. */
const BEFORE_SHIPMENT: readonly OrderState[] = ['assigned', 'accepted', 'in_production', 'done', 'defects_found', 'quality_passed'];

/** Today here, "YYYY-MM-DD" (the browser's own day, as the due date is a day). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The due day has passed and the tiles have not left the production (`today` as "YYYY-MM-DD"). */
export function isOverdue(o: { state: OrderState; due_date: string }, today: string): boolean {
  return BEFORE_SHIPMENT.includes(o.state) && o.due_date.slice(0, 10) < today;
}

/** The quality check's points, in the order the form lists them. */
export const CHECKLIST = ['thickness', 'colour', 'count', 'packaging'] as const;
export type ChecklistField = `checklist.${(typeof CHECKLIST)[number]}`;

/** The kinds of defect, as the API names them. */
export const DEFECT_KINDS = ['thickness', 'colour', 'count', 'packaging', 'other'] as const;

/** A step's inputs, named as the action's body names them (so the server's 422s land on them). */
export type ActionField =
  | 'reason'
  | 'carrier'
  | 'waybill'
  | 'cost'
  | 'eta'
  | 'defect_kind'
  | 'description'
  | 'quantity'
  | 'deduction'
  | 'amount'
  | 'scan'
  | ChecklistField;

/** What each step asks for; a step not listed is taken in one click. */
export const ACTION_FIELDS: Partial<Record<OrderAction, readonly ActionField[]>> = {
  decline: ['reason'],
  cancel: ['reason'],
  pass_quality: CHECKLIST.map((c) => `checklist.${c}` as const),
  ship: ['carrier', 'waybill', 'cost', 'eta'],
  record_defects: ['defect_kind', 'description', 'quantity'],
  accept_with_deduction: ['deduction'],
  record_payment: ['amount'],
  receive_closing_documents: ['scan'],
};

/** Inputs that may stay empty: the expected delivery date, and the checklist's boxes (the server
 * names every point left unticked). */
export const isOptional = (field: ActionField) => field === 'eta' || field.startsWith('checklist.');

/** The fields of a step ([] for a one-click step). */
export const actionFields = (action: OrderAction): readonly ActionField[] => ACTION_FIELDS[action] ?? [];

/** Amounts in roubles (a blank or wrong one is named as money); `quantity` is m², two decimals. */
const MONEY: readonly ActionField[] = ['cost', 'deduction', 'amount'];

/** Steps with no button here: the assignment (made on the deal or from «Распределение»). */
const NOT_HERE: readonly OrderAction[] = ['assign'];

/** The steps to offer: exactly the allowed ones, less those taken elsewhere. */
export function shownActions(allowed: readonly OrderAction[]): OrderAction[] {
  return allowed.filter((a) => !NOT_HERE.includes(a));
}

/** Steps that end the order, shown as such. */
export const isDestructive = (action: OrderAction) => action === 'decline' || action === 'cancel';

export type ActionValues = Partial<Record<ActionField, string>>;
export type ActionError = 'required' | 'number' | 'money' | 'date';

/** «05.12.2026» or "2026-12-05" → "2026-12-05"; undefined when it is no such date. */
export function parseDay(text: string): string | undefined {
  const t = text.trim();
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const [y, m, d] = ru ? [Number(ru[3]), Number(ru[2]), Number(ru[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!y || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export type BuiltAction = { ok: true; body: StepBody } | { ok: false; errors: Partial<Record<ActionField, ActionError>> };

/**
 * The action's body from what was typed: texts trimmed and required, amounts as money
 * («12 500,5» → "12500.50"; zero is an amount: a shipment the client pays the carrier for),
 * the defects' quantity as m² («120,5» → "120.5"). Errors by field when something is blank or not
 * a number; nothing is sent then.
 */
export function buildActionBody(action: OrderAction, version: number, values: ActionValues): BuiltAction {
  const body: StepBody = { action, version };
  const errors: Partial<Record<ActionField, ActionError>> = {};
  for (const field of actionFields(action)) {
    const text = values[field] ?? '';
    if (field.startsWith('checklist.')) {
      const point = field.slice('checklist.'.length) as (typeof CHECKLIST)[number];
      body.checklist = { ...(body.checklist ?? {}), [point]: text === 'true' };
    } else if (field === 'eta') {
      if (text.trim()) {
        const day = parseDay(text);
        if (day === undefined) errors[field] = 'date';
        else body.eta = day;
      }
    } else if (MONEY.includes(field)) {
      const amount = parseMoneyInput(text);
      if (amount === null) errors[field] = 'required';
      else if (amount === undefined) errors[field] = 'money';
      else body[field as 'cost' | 'deduction' | 'amount'] = amount;
    } else if (field === 'quantity') {
      const quantity = parseDecimalInput(text, 2);
      if (quantity === null) errors[field] = 'required';
      else if (quantity === undefined) errors[field] = 'number';
      else body[field] = quantity;
    } else {
      const trimmed = text.trim();
      if (!trimmed) errors[field] = 'required';
      else if (field === 'defect_kind') body.defect_kind = trimmed as NonNullable<StepBody['defect_kind']>;
      else body[field as 'reason' | 'carrier' | 'waybill' | 'description' | 'scan'] = trimmed;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body };
}

/** "2026-12-12" → «12.12.2026», whatever the browser's time zone; anything else as it came. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

const day = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' });
const time = new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit' });

/** A moment as «30.11.2026 17:05» in the browser's time zone. */
export function formatMoment(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${day.format(d)} ${time.format(d)}`;
}

/** Pages of `size` for `total` orders (at least one). */
export const pageCount = (total: number, size = ORDER_PAGE_SIZE) => Math.max(1, Math.ceil(total / size));

/** The offset of page `page` (1-based). */
export const offsetOfPage = (page: number, size = ORDER_PAGE_SIZE) => (Math.max(1, Math.floor(page)) - 1) * size;
