import { expect, it } from 'vitest';
import { DAEMON_ENVIRONMENT, missingDaemonEnvironment } from './daemon-environment';

it('says which memory setting the daemon was started without, and nothing once it is there', () => {
  expect(missingDaemonEnvironment({})).toContain('MALLOC_MMAP_THRESHOLD_=1048576');
  expect(missingDaemonEnvironment({ MALLOC_MMAP_THRESHOLD_: '1048576' })).toContain(
    'NODE_OPTIONS=--max-semi-space-size=2',
  );
  expect(
    missingDaemonEnvironment({
      ...DAEMON_ENVIRONMENT,
      NODE_OPTIONS: '--max-semi-space-size=2 --trace-warnings',
    }),
  ).toBeUndefined();
  expect(missingDaemonEnvironment({ ...DAEMON_ENVIRONMENT })).toBeUndefined();
});
