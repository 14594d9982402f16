import { z } from 'zod';
import { HandoverSignature } from '../api/commissioning-handover';
import { StoreId } from '../ids';
import type { LocalizedText } from '../localized-text';

/**
 * A store's life at central, from the lease signed to the keys handed back:
 * planned → fitting_out (筹建) → commissioning → open ⇄ temporarily_closed → closing → closed.
 * Each state says what central lets the store do (STATE_ALLOWS); every move is recorded
 * with who, when and why (`store_state_changes`, append-only).
 */
export const STORE_LIFECYCLE_STATES = [
  'planned',
  'fitting_out',
  'commissioning',
  'open',
  'temporarily_closed',
  'closing',
  'closed',
] as const;
export const StoreLifecycleState = z.enum(STORE_LIFECYCLE_STATES);
export type StoreLifecycleState = z.infer<typeof StoreLifecycleState>;

/** What a store is called in each state, for screens and reports. */
export const STORE_STATE_NAMES: Record<StoreLifecycleState, LocalizedText> = {
  planned: { en: 'Planned', 'zh-CN': '计划中' },
  fitting_out: { en: 'Fitting out', 'zh-CN': '筹建中' },
  commissioning: { en: 'Commissioning', 'zh-CN': '调试中' },
  open: { en: 'Open', 'zh-CN': '营业中' },
  temporarily_closed: { en: 'Temporarily closed', 'zh-CN': '暂停营业' },
  closing: { en: 'Closing', 'zh-CN': '闭店中' },
  closed: { en: 'Closed', 'zh-CN': '已闭店' },
};

/** The moves the table allows without an override: the one place they are written down. */
export const STORE_STATE_TRANSITIONS: Record<StoreLifecycleState, readonly StoreLifecycleState[]> = {
  planned: ['fitting_out'],
  fitting_out: ['commissioning'],
  commissioning: ['open'],
  open: ['temporarily_closed', 'closing'],
  temporarily_closed: ['open', 'closing'],
  closing: ['closed'],
  // Archived: its history stays readable, it never syncs again.
  closed: [],
};

/** Moving into these needs a reason (so does every override). */
export const REASON_REQUIRED_FOR: readonly StoreLifecycleState[] = ['temporarily_closed', 'closing'];

export interface StateAllowances {
  /** the store's token is accepted at all */
  tokenAccepted: boolean;
  /** its batches are taken (sync) */
  sync: boolean;
  /** its critical alarms reach the region's webhooks and count as needing attention */
  regionalAlerts: boolean;
}

/**
 * What each state lets a store do. A store being built syncs normally, so its data is
 * there from the first sensor on, but it raises no regional alerts: test alarms during
 * commissioning must not page anyone. Only a closed store's credentials are dead.
 */
export const STATE_ALLOWS: Record<StoreLifecycleState, StateAllowances> = {
  planned: { tokenAccepted: true, sync: true, regionalAlerts: false },
  fitting_out: { tokenAccepted: true, sync: true, regionalAlerts: false },
  commissioning: { tokenAccepted: true, sync: true, regionalAlerts: false },
  open: { tokenAccepted: true, sync: true, regionalAlerts: true },
  temporarily_closed: { tokenAccepted: true, sync: true, regionalAlerts: false },
  closing: { tokenAccepted: true, sync: true, regionalAlerts: false },
  closed: { tokenAccepted: false, sync: false, regionalAlerts: false },
};

/** The state a store starts in when the admin names none. */
export const INITIAL_STORE_STATE: StoreLifecycleState = 'planned';

export function allowedNextStates(from: StoreLifecycleState): readonly StoreLifecycleState[] {
  return STORE_STATE_TRANSITIONS[from];
}

export function isAllowedMove(from: StoreLifecycleState, to: StoreLifecycleState): boolean {
  return STORE_STATE_TRANSITIONS[from].includes(to);
}

/** Why a move may not be made, or undefined when it may. */
export function moveProblem(move: {
  from: StoreLifecycleState;
  to: StoreLifecycleState;
  reason: string | undefined;
  override: boolean;
}): 'same_state' | 'not_allowed' | 'reason_required' | undefined {
  if (move.from === move.to) return 'same_state';
  if (!move.override && !isAllowedMove(move.from, move.to)) return 'not_allowed';
  const needsReason = move.override || REASON_REQUIRED_FOR.includes(move.to);
  if (needsReason && !move.reason?.trim()) return 'reason_required';
  return undefined;
}

// ── HTTP ────────────────────────────────────────────────────────────────────────

export const STORE_LIFECYCLE_ROUTES = {
  changeState: '/api/admin/stores/:storeId/state',
  stateHistory: '/api/stores/:storeId/state-history',
} as const;

/** The store's state and since when, as the store list and detail carry it. */
export const StoreLifecycle = z.object({
  state: StoreLifecycleState,
  since: z.number().int().describe('when the store entered this state (epoch ms)'),
});
export type StoreLifecycle = z.infer<typeof StoreLifecycle>;

export const ChangeStoreStateRequest = z
  .object({
    to: StoreLifecycleState,
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('required for temporarily_closed, closing and overrides'),
    override: z
      .boolean()
      .default(false)
      .describe('admins only: make a move the table does not allow (a reason is required)'),
  })
  .strict();
export type ChangeStoreStateRequest = z.infer<typeof ChangeStoreStateRequest>;

export const StoreStateChange = z.object({
  id: z.number().int(),
  storeId: StoreId,
  from: StoreLifecycleState.nullable().describe('null for the state the store was created in'),
  to: StoreLifecycleState,
  reason: z.string().nullable(),
  by: z.string().describe('the user who moved it'),
  at: z.number().int(),
  override: z.boolean(),
});
export type StoreStateChange = z.infer<typeof StoreStateChange>;
export const StoreStateHistory = z.object({
  storeId: StoreId,
  current: StoreLifecycle,
  changes: z.array(StoreStateChange).describe('oldest first'),
  handover: HandoverSignature.nullable()
    .optional()
    .describe(
      "the store's signed commissioning handover (who, when, overridden with what reason), null before one",
    ),
});
export type StoreStateHistory = z.infer<typeof StoreStateHistory>;

/** The 409 answer's extra field: where the store may go from here. */
export const StoreStateRefused = z.object({
  error: z.string(),
  message: z.string(),
  from: StoreLifecycleState,
  allowed: z.array(StoreLifecycleState),
});
export type StoreStateRefused = z.infer<typeof StoreStateRefused>;

/**
 * Whether a store's alarms count for the region (webhooks, the overview's "needs attention").
 * A store listed without a lifecycle (an older central) is taken as open, as it was before.
 */
export function alertsRegion(lifecycle: StoreLifecycle | undefined): boolean {
  return lifecycle === undefined || STATE_ALLOWS[lifecycle.state].regionalAlerts;
}

/**
 * Why central refuses a store state move: a stable code sent beside the English message
 * (`ApiError.refusal`), so the regional page words it in its language. Parameters by code:
 * store_not_in_scope {store}; override_admin_only none; reason_required {to};
 * override_needs_reason {to}; same_state {from, allowed}; not_allowed {from, to, allowed};
 * changed {store}. `allowed` is a list of states, empty when the store is closed.
 * Opening a commissioning store before its handover is `commissioning.handover_required`
 * (shared/central/commissioning-progress.ts).
 */
export const StoreStateRefusalCode = z.enum([
  'store_state.store_not_in_scope',
  'store_state.override_admin_only',
  'store_state.reason_required',
  'store_state.override_needs_reason',
  'store_state.same_state',
  'store_state.not_allowed',
  'store_state.changed',
]);
export type StoreStateRefusalCode = z.infer<typeof StoreStateRefusalCode>;
