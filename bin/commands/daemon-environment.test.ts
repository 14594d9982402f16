import { expect, it } from 'vitest';
import { DAEMON_ENVIRONMENT, missingDaemonEnvironment } from './daemon-environment';

it('says which allocator setting the daemon was started without, and nothing once it is there', () => {
  expect(missingDaemonEnvironment({})).toContain('MALLOC_MMAP_THRESHOLD_=1048576');
  expect(missingDaemonEnvironment({ ...DAEMON_ENVIRONMENT })).toBeUndefined();
});
