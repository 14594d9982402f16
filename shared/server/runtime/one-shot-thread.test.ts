import { describe, expect, it } from 'vitest';
import { answerFromThread, ThreadFailedError } from './one-shot-thread';

describe('answerFromThread', () => {
  it('resolves with the first message the thread posts', async () => {
    const code = `const { parentPort, workerData } = require('node:worker_threads');
      parentPort.postMessage({ doubled: workerData.n * 2 }); parentPort.postMessage({ doubled: -1 });`;
    expect(await answerFromThread('the doubling thread', code, { n: 21 })).toEqual({ doubled: 42 });
  });

  it('rejects, naming the thread, when it throws or ends without answering', async () => {
    const thrown = answerFromThread('the failing thread', `throw new Error('no disk')`, null);
    await expect(thrown).rejects.toThrow(
      new ThreadFailedError('the failing thread', 'the failing thread failed: no disk'),
    );
    const silent = answerFromThread('the silent thread', 'process.exit(3)', null);
    await expect(silent).rejects.toThrow('the silent thread ended (code 3) before it answered');
  });
});
