import type { Generated } from 'kysely';

/**
 * The central database, the same for SQLite and PostgreSQL: epoch-ms integers for
 * times, 0/1 integers for flags, JSON documents as text. Booleans and JSON columns
 * are avoided so both dialects return the same JavaScript values.
 */
export interface CentralTables {
  regions: { id: string; name: string; created_at: number };
  stores: {
    id: string;
    name: string;
    region_id: string;
    created_at: number;
    last_heard_at: number | null;
    highest_seq: Generated<number>;
    dropped_rollups: Generated<number>;
    sync_lag_ms: number | null;
    config_applied_version: number | null;
    /** ConfigApplyReport JSON of the newest report. */
    config_last_report: string | null;
    /** StoreLifecycleState (migration 015) and when the store entered it */
    state: Generated<string>;
    state_since: Generated<number>;
  };
  /** Every lifecycle move of a store, append-only (migration 015). */
  store_state_changes: {
    id: Generated<number>;
    store_id: string;
    /** null for the state the store was created in */
    from_state: string | null;
    to_state: string;
    reason: string | null;
    changed_by: string;
    changed_at: number;
    /** 1 when an admin made a move the table does not allow */
    override: Generated<number>;
  };
  users: {
    username: string;
    password_hash: string;
    role: string;
    region_id: string | null;
    created_at: number;
  };
  user_stores: { username: string; store_id: string };
  sessions: { token_hash: string; username: string; created_at: number; expires_at: number };
  store_tokens: {
    token_id: string;
    store_id: string;
    secret_hash: string;
    created_at: number;
    revoked_at: number | null;
    last_used_at: number | null;
  };
  /** Every event a store synced, once per (store_id, seq); `id` is central's global order. */
  sync_events: {
    id: Generated<number>;
    store_id: string;
    seq: number;
    ts: number;
    type: string;
    kind: string;
    entity_id: string;
    payload: string;
    received_at: number;
  };
  alarms: {
    store_id: string;
    alarm_id: number;
    equipment_id: string;
    severity: string;
    state: string;
    active: number;
    raised_at: number;
    updated_at: number;
    last_seq: number;
    view: string;
  };
  tickets: {
    store_id: string;
    ticket_id: number;
    equipment_id: string;
    status: string;
    unfinished: number;
    opened_at: number;
    updated_at: number;
    last_seq: number;
    view: string;
  };
  equipment: {
    store_id: string;
    equipment_id: string;
    name: string | null;
    type: string | null;
    online: number | null;
    status_changed_at: number | null;
    status_seq: Generated<number>;
    /** LocalizedText JSON from a pushed configuration. */
    local_name: string | null;
    /** LocalizedText JSON: the equipment type's label from a pushed configuration. */
    type_label: string | null;
    latest_minute_ts: number | null;
    /** Record<metric, MetricMinute> JSON of the newest synced minute. */
    latest_readings: string | null;
    latest_seq: Generated<number>;
  };
  config_versions: {
    store_id: string;
    version: number;
    created_at: number;
    created_by: string;
    overlay: string;
    report_outcome: string | null;
    report_errors: string | null;
    report_at: number | null;
  };
  /** Regional actions for a store's edge to apply (shared/central/store-commands.ts). */
  store_commands: {
    id: Generated<number>;
    store_id: string;
    kind: string;
    /** the alarm or ticket id */
    target_id: number;
    /** StoreCommandAction JSON */
    action: string;
    issued_by: string;
    issued_at: number;
    status: string;
    delivered_at: number | null;
    reported_at: number | null;
    reason: string | null;
  };
  /** Each kitchen ticket's newest bump; a recalled one keeps its row with no bump until bumped again. */
  kitchen_ticket_times: {
    store_id: string;
    ticket_id: number;
    station: string;
    /** KdsTicketKind; null while only a recall was seen */
    kind: string | null;
    /** OrderChannel; null when the edge did not know it */
    channel: string | null;
    business_date: string;
    created_at: number | null;
    bumped_at: number | null;
    ticket_time_s: number | null;
    last_seq: number;
  };
  /** Each POS order's newest version; `order_key` is `${source}:${externalId}`. */
  store_orders: {
    store_id: string;
    order_key: string;
    status: string;
    channel: string;
    business_date: string;
    placed_at: number;
    portions: number;
    last_seq: number;
  };
  /** Each ingredient's newest synced level (`stock.level`) and its last low-stock alert (`stock.low`). */
  stock_levels: {
    store_id: string;
    ingredient: string;
    tracked: number;
    /** quantities in thousandths of the base unit; null while untracked */
    on_hand_milli: number | null;
    projected_milli: number | null;
    level_at: number;
    level_seq: number;
    /** the minimum as the last `stock.low` gave it; unknown before the first */
    min_milli: number | null;
    low_since: number | null;
    low_seq: Generated<number>;
  };
  /** Each business day's newest `stock.variance` report: its currency and totals (Money JSON). */
  stock_variance_days: {
    store_id: string;
    business_date: string;
    currency: string;
    totals: string;
    reported_at: number;
    last_seq: number;
  };
  /** The lines of each day's newest variance report, one per ingredient. */
  stock_variance: {
    store_id: string;
    business_date: string;
    ingredient: string;
    base_unit: string;
    variance_milli: number | null;
    net_variance_milli: number | null;
    /** VarianceLine JSON */
    line: string;
    last_seq: number;
  };
  /** Every `menu.availability` change, by the store's seq: the episodes are built from them. */
  menu_availability_changes: {
    store_id: string;
    item: string;
    seq: number;
    at: number;
    available: number;
    /** UnavailableReason[] JSON */
    reasons: string;
  };
  /** An item off the menu, from the change that took it off to the one that brought it back. */
  eighty_six_episodes: {
    store_id: string;
    item: string;
    open_seq: number;
    started_at: number;
    close_seq: number | null;
    ended_at: number | null;
    /** UnavailableReason[] JSON of the change that opened it */
    reasons: string;
    /** 1 when equipment was among the reasons */
    equipment: number;
  };
  /** The newest `store.catalog` of each store: the seq its entries were built from. */
  store_catalogs: { store_id: string; announced_at: number; last_seq: number };
  /** What the store calls its menu items, stations, ingredients and sub-recipes, replaced whole. */
  store_catalog_entries: {
    store_id: string;
    /** CatalogKind (ingest/catalog-projection.ts) */
    kind: string;
    entry_id: string;
    /** LocalizedText JSON; null for a sub-recipe the store did not name */
    name: string | null;
    /** the base unit of an ingredient, what a sub-recipe's yield counts; null otherwise */
    unit: string | null;
  };
  /** Each food-safety excursion's newest version (`food_safety.excursion`). */
  food_safety_excursions: {
    store_id: string;
    excursion_id: number;
    control_point_id: string;
    equipment_id: string;
    started_at: number;
    /** null while still out of limit */
    ended_at: number | null;
    /** ExcursionView JSON */
    view: string;
    last_seq: number;
  };
  /** Each corrective action's newest version (`food_safety.corrective_action`). */
  food_safety_actions: {
    store_id: string;
    action_id: number;
    excursion_id: number;
    control_point_id: string;
    /** 1 until signed off */
    open: number;
    /** CorrectiveActionEscalation */
    escalation: string;
    opened_at: number;
    due_at: number;
    /** CorrectiveActionView JSON */
    view: string;
    last_seq: number;
  };
  /** Each control point's closed store day (`food_safety.day`), newest by seq. */
  food_safety_days: {
    store_id: string;
    control_point_id: string;
    /** the store-local day, YYYY-MM-DD */
    day: string;
    /** epoch ms of the day's local midnight: ranges select days by it */
    day_start: number;
    minutes_in_day: number;
    in_limit_min: number;
    excused_min: number;
    out_of_limit_min: number;
    no_data_min: number;
    pass: number;
    excursions: number;
    missed_checks: number;
    /** FoodSafetyDayPayload JSON */
    view: string;
    last_seq: number;
  };
  /** Each cooling batch's newest version (`food_safety.cooling`), migration 009. */
  food_safety_cooling: {
    store_id: string;
    batch_id: number;
    /** the probe */
    equipment_id: string;
    product: string;
    /** CoolingState */
    state: string;
    /** 1 once a stage was missed */
    failed: number;
    started_at: number;
    /** CoolingBatchView JSON */
    view: string;
    last_seq: number;
  };
  /** Each manual-check record (`food_safety.check`), migration 013. */
  food_safety_checks: {
    store_id: string;
    record_id: number;
    check_id: string;
    slot_at: number;
    /** 1 when the slot was missed */
    missed: number;
    /** 1 when the value read out of limit */
    out_of_limit: number;
    /** CheckRecordView JSON */
    view: string;
    last_seq: number;
  };
  /** Every `food_safety.chain_head` a store sent, by the seq of the event that carried it. */
  food_safety_chain_heads: {
    store_id: string;
    event_seq: number;
    chain_seq: number;
    hash: string;
    at: number;
  };
  /** Two heads, in the order the store sent them, that no honest chain produces; never deleted. */
  food_safety_tamper_alerts: {
    store_id: string;
    earlier_event_seq: number;
    later_event_seq: number;
    /** `went_back` or `rewritten` */
    kind: string;
    earlier_chain_seq: number;
    earlier_hash: string;
    earlier_at: number;
    later_chain_seq: number;
    later_hash: string;
    later_at: number;
  };
  /** Each closed equipment-downtime episode as the store priced it (`downtime.cost`), newest by seq. */
  downtime_costs: {
    store_id: string;
    episode_id: number;
    item: string;
    started_at: number;
    ended_at: number;
    currency: string;
    /** 0 when the item had no menu price: portions counted, money 0 */
    priced: number;
    portions_milli: number;
    amount_milli: number;
    /** RateBasis[] JSON */
    rate_basis: string;
    /** CostShareRow[] JSON (ingest/downtime-cost-projection.ts): each unit's part */
    shares: string;
    last_seq: number;
  };
  webhooks: { id: Generated<number>; region_id: string; flavour: string; url: string; created_at: number };
  webhook_deliveries: {
    id: Generated<number>;
    webhook_id: number;
    event_id: number;
    store_id: string;
    reason: string;
    alarm_id: number;
    body: string;
    status: string;
    attempts: Generated<number>;
    next_attempt_at: number | null;
    last_error: string | null;
    created_at: number;
    delivered_at: number | null;
    /** the process sending it now (migration 012) */
    claimed_by: string | null;
    lease_until: number | null;
  };
  login_failures: { throttle_key: string; failures: number; last_at: number };
  auth_revocations: { scope: string; version: number };
}
