import { SyncHealth } from '../../../shared/sync/sync-protocol';
import { CheckSlotList, checkPaths } from '../food-safety/ChecksPanel';
import { maintenancePaths, WorkOrderList } from '../maintenance/maintenance-api';
import { usePolledResource } from './use-polled-resource';

/**
 * What several screens and the top bar show, asked for once for all of them: today's
 * tasks (the nav's count, the board's list, the tasks screen), today's food-safety checks
 * (the board) and the edge's sync state (the top bar).
 */
export function useSharedPolls(tasksPollMs: number, syncPollMs: number) {
  const tasks = usePolledResource(maintenancePaths.todayTasks, WorkOrderList, undefined, tasksPollMs);
  const checks = usePolledResource(checkPaths.today, CheckSlotList, undefined, tasksPollMs);
  const sync = usePolledResource('/api/sync', SyncHealth, undefined, syncPollMs);
  return {
    /** undefined until the edge answered (an edge without tasks shows no Tasks button) */
    todayTasks: tasks.resource.status === 'ok' ? tasks.resource.data : undefined,
    refreshTasks: tasks.refresh,
    todayChecks: checks.resource.status === 'ok' ? checks.resource.data : [],
    syncHealth: sync.resource.status === 'ok' ? sync.resource.data : undefined,
  };
}
