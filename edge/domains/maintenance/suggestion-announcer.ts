import type { PmSuggestion } from '../../../shared/api/maintenance';
import type { Database } from '../../store/database';
import type { PmOutbox } from './pm-outbox';

/** kv keys of the suggestions already sent: `pm.suggestion/<equipment>/<plan>/<fault>`. */
const PREFIX = 'pm.suggestion/';

const keyOf = (s: PmSuggestion): string => `${PREFIX}${s.equipmentId}/${s.planId}/${s.fault}`;

/**
 * Sends central a `pm.suggestion` when repeated repairs first suggest shortening a
 * plan, once per (equipment, plan, fault) rather than on every look. What was sent is
 * kept in `kv`, so a restart does not send it again; a suggestion that lapsed (the
 * repairs aged out of the window, or the plan went) is forgotten, and sent anew if the
 * repairs pile up again. Inside the caller's transaction.
 */
export class SuggestionAnnouncer {
  readonly #s;

  constructor(
    db: Database,
    readonly outbox: PmOutbox,
  ) {
    this.#s = {
      sent: db.prepare<[number, string], { key: string }>('SELECT key FROM kv WHERE substr(key, 1, ?) = ?'),
      remember: db.prepare<[string, string]>('INSERT OR IGNORE INTO kv (key, value) VALUES (?, ?)'),
      forget: db.prepare<[string]>('DELETE FROM kv WHERE key = ?'),
    };
  }

  /** Announces the new ones among `current` (every suggestion of the store now); returns how many. */
  announce(current: readonly PmSuggestion[], now: number): number {
    const sent = new Set(this.#s.sent.all(PREFIX.length, PREFIX).map((r) => r.key));
    let announced = 0;
    const live = new Set<string>();
    for (const suggestion of current) {
      const key = keyOf(suggestion);
      live.add(key);
      if (sent.has(key)) continue;
      this.#s.remember.run(key, JSON.stringify({ at: now }));
      this.outbox.append('pm.suggestion', suggestion.equipmentId, now, { ...suggestion, at: now });
      announced++;
    }
    for (const key of sent) if (!live.has(key)) this.#s.forget.run(key);
    return announced;
  }
}
