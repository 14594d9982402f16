import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPtyPair } from '../../shared/server/testing/pty-pair';

export interface PtyPair {
  /** The equipment's end. */
  device: string;
  /** The edge's end. */
  edge: string;
  close(): Promise<void>;
}

/** A real pseudo-terminal pair from Debian socat (the shared test helper), linked into a fresh temp dir. */
export async function ptyPair(): Promise<PtyPair> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-'));
  try {
    const pair = await startPtyPair(path.join(dir, 'edge'), path.join(dir, 'device'));
    return {
      device: pair.devicePath,
      edge: pair.edgePath,
      close: async () => {
        await pair.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
