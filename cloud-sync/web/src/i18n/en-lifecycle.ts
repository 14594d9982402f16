/** Words of the store lifecycle (chip, change-state control, history); the state names are STORE_STATE_NAMES. */
export const enLifecycle = {
  chipTitle: '{{state}} since {{date}}',
  quiet: 'No regional alerts while the store is not open',
  title: 'Store state',
  change: 'Change state',
  to: 'New state',
  reason: 'Reason',
  reasonHint: 'required for temporarily closed, closing and overrides',
  override: 'Override the table (admin, reason required)',
  submit: 'Change state',
  moved: 'Moved to {{state}}',
  refused: 'Refused: {{message}}',
  final: 'Closed is final: the store keeps its history and syncs no more.',
  history: 'State history',
  historyEmpty: 'No moves recorded since the store was added.',
  by: 'by {{by}}',
  overridden: 'override',
} as const;
