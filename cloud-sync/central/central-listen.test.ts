import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { startTestCentral, type TestCentral } from './testing/central-test-kit';

let central: TestCentral | undefined;
afterEach(async () => {
  await central?.stop();
});

it('listens with a backlog that holds every store of a region reconnecting at once', async () => {
  central = await startTestCentral('sqlite');
  const port = new URL(central.url).port;
  // For a listening socket `ss` shows the backlog in the Send-Q column.
  const line = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim();
  const backlog = Number(line.split(/\s+/)[2]);
  const kernelCap = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
  expect(backlog).toBe(Math.min(4096, kernelCap));
});
