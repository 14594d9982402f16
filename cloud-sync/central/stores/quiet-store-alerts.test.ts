import { describe, expect, it } from 'vitest';
import { createRootLogger } from '../../../shared/server/runtime/logger';
import { QuietStoreAlerts } from './quiet-store-alerts';

describe('alerts kept from the region', () => {
  it('counts every one, and logs once per store and state', () => {
    const lines: { storeId: string; state: string; msg: string }[] = [];
    const log = createRootLogger('galley-central', 'info', {
      write: (line: string) => lines.push(JSON.parse(line)),
    });
    const quiet = new QuietStoreAlerts(log);
    for (let i = 0; i < 50; i++) quiet.note({ id: 'sh-new', state: 'commissioning' });
    quiet.note({ id: 'sh-old', state: 'closing' });
    quiet.note({ id: 'sh-new', state: 'temporarily_closed' });
    quiet.note({ id: 'sh-new', state: 'commissioning' });

    expect(quiet.skipped).toBe(53);
    expect(lines.map((l) => [l.storeId, l.state])).toEqual([
      ['sh-new', 'commissioning'],
      ['sh-old', 'closing'],
      ['sh-new', 'temporarily_closed'],
    ]);
    expect(lines[0]?.msg).toContain('not open');
  });
});
