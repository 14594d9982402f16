import { BoxBackupRun, BoxBackupStatus } from '../../../shared/sync/backup-protocol';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import type { BackupJob } from './backup-job';

/** The box's backups at central: how the last went, and one now (before a box is swapped). */
export function backupRoutes(deps: { backups: BackupJob }): EdgeRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/sync/backups',
      summary: 'The store database’s backup at central: the last copy acknowledged, failures, next retry',
      description:
        'The box copies its database to central every `sync.backup.intervalMinutes` when anything changed. ' +
        '`enabled` is false without a central endpoint or with `sync.backup.enabled: false`.',
      tags: ['sync'],
      access: 'sync.backup',
      response: BoxBackupStatus,
      handler: () => deps.backups.status(),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/sync/backups',
      summary: 'Back the store database up to central now (e.g. before the box is replaced)',
      description:
        '`uploaded`: a fresh copy is at central; `unchanged`: nothing changed since the last one; `deferred`: it ' +
        'failed (or is backing off) and is retried by itself; `disabled`: no central endpoint.',
      tags: ['sync'],
      access: 'sync.backup',
      response: BoxBackupRun,
      handler: async () => {
        const outcome = await deps.backups.runOnce();
        return { outcome, status: deps.backups.status() };
      },
    }),
  ];
}
