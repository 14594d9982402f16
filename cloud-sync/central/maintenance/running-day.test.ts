import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MaintenanceOverview } from '../../../shared/central/maintenance-api';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  batchOf,
  event,
  http,
  login,
  postBatch,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
  ticketView,
} from '../testing/central-test-kit';
import { dailyMetrics, metricsGroup, workOrderView } from '../testing/maintenance-fixtures';

afterAll(releaseSharedPostgres, 60_000);

const H = 3_600_000;
const DAY_END = Date.parse('2026-01-04T16:00:00Z');

describe.each(BACKENDS)("today's running maintenance figures on %s", (backend) => {
  let central: TestCentral;
  let admin: string;
  let token: string;

  beforeEach(async () => {
    central = await startTestCentral(backend);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    for (const id of ['sh-001', 'sh-002'])
      await http(`${central.url}/api/admin/stores`, { token: admin, body: { id, regionId: 'east' } });
    token = (
      await http<{ token: string }>(`${central.url}/api/admin/stores/sh-001/tokens`, {
        token: admin,
        method: 'POST',
      })
    ).body.token;
  });
  afterEach(async () => {
    await central.stop();
  });

  it('counts what happened since the newest synced day ended, before that day’s figures exist', async () => {
    const opened = DAY_END + 4 * H;
    await postBatch(
      central.url,
      token,
      batchOf('sh-001', [
        event(1, 'metrics.daily', '2026-01-04', dailyMetrics('2026-01-04', metricsGroup()), DAY_END),
        // Opened the day before: still open, but not one of today's repairs.
        event(2, 'ticket.opened', 1, ticketView({ id: 1, openedAt: DAY_END - 6 * H })),
        event(
          3,
          'ticket.opened',
          2,
          ticketView({
            id: 2,
            openedAt: opened,
            status: 'resolved',
            acknowledgedAt: opened + 5 * 60_000,
            resolvedAt: opened + 65 * 60_000,
          }),
        ),
        event(4, 'ticket.opened', 3, ticketView({ id: 3, openedAt: DAY_END + 14 * H, repeat: true })),
        event(
          5,
          'pm.opened',
          9,
          workOrderView({ id: 9, graceUntil: Date.UTC(2026, 0, 5, 4) }),
          Date.UTC(2026, 0, 5, 0),
        ),
      ]),
    );
    const overview = await http<MaintenanceOverview>(`${central.url}/api/maintenance/metrics`, {
      token: admin,
    });
    expect(overview.status).toBe(200);
    const [sh1, sh2] = overview.body.stores;
    expect(sh1?.latestDay).toBe('2026-01-04');
    expect(sh1?.today).toEqual({
      since: DAY_END,
      repairs: 2,
      acknowledged: 1,
      resolved: 1,
      firstResponseAvgS: 300,
      mttrAvgS: 3900,
      repeatRepairRate: 0.5,
      openTickets: 3,
      pmBacklog: 1,
      pmOverdue: 1,
    });
    // A store that never synced a day: the last 24 hours by central's clock.
    expect(sh2?.today).toMatchObject({
      since: central.clock.now() - 24 * H,
      repairs: 0,
      firstResponseAvgS: null,
    });
  });
});
