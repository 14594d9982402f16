/**
 * Central's refusals by their stable code (`ApiError.refusal`), mounted as `refusals` in
 * en.ts; a code the page has no words for shows central's own message instead.
 */
export const enRefusals = {
  listSeparator: ', ',
  /** an empty list, e.g. the states a closed store may move to */
  emptyList: 'none',
  /** who acknowledged, where the store recorded no name */
  someone: 'someone',
  rollout: {
    halted: 'the rollout is halted: start a new one once the cause is fixed',
    changed: 'the rollout changed meanwhile: look again',
    not_found: 'rollout #{{id}} is not in your view',
    release_not_found: 'release {{release}} has not been uploaded yet',
    only_widens:
      "a rollout only widens (store → region → all stores): it is at the '{{current}}' stage, '{{next}}' would not widen it",
    stage_needs_target: "the '{{stage}}' stage needs a target",
    all_takes_no_target: "the 'All stores' stage takes no target",
    region_must_hold_store:
      'the region stage must hold the store already updated: {{store}} is in {{storeRegion}}, not {{region}}',
    override_admin_only: 'only an administrator may override a stage that is not healthy',
    stage_not_healthy:
      "not every box of the '{{stage}}' stage is healthy on the release yet: waiting on {{stores}} (why is shown by each store)",
    no_open_store: 'there is no open store {{store}}',
    no_store_in_region: 'there is no open store in region {{region}}',
    role_may_not: 'a {{role}} may not roll out edge software',
    manager_without_region: 'a regional manager without a region may not roll out edge software',
    all_admin_only: 'only an administrator may roll out to every store',
    beyond_region: 'the rollout reaches beyond your region {{region}}',
  },
  store_command: {
    store_not_in_scope: 'store {{store}} is not in your scope',
    alarm_not_synced: 'store {{store}} has not sent alarm {{alarm}} to central yet',
    alarm_already_acknowledged: 'alarm {{alarm}} was already acknowledged by {{by}}',
    ticket_not_synced: 'store {{store}} has not sent ticket {{ticket}} to central yet',
    ticket_finished: 'ticket {{ticket}} is already finished ({{status}})',
    command_not_found: 'store {{store}} has no action #{{command}}',
  },
  store_state: {
    store_not_in_scope: 'store {{store}} is not in your scope',
    override_admin_only: 'only an administrator may override the state table',
    reason_required: "moving to '{{to}}' needs a reason",
    override_needs_reason: "an override to '{{to}}' needs a reason",
    same_state: "the store is already '{{from}}'; allowed next: {{allowed}}",
    not_allowed: "a store may not move from '{{from}}' to '{{to}}'; allowed next: {{allowed}}",
    changed: 'store {{store}} changed state meanwhile: look again',
  },
  commissioning: {
    handover_required:
      'store {{store}} opens when its handover is signed at the box (checklist proven and signed); none has reached central yet. An administrator may open it early with a reason.',
    store_not_in_scope: 'store {{store}} is not in your scope',
  },
};
