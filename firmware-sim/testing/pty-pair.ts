import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitUntil } from './aedes-broker';

export interface PtyPair {
  /** The equipment's end. */
  device: string;
  /** The edge's end. */
  edge: string;
  close(): void;
}

/** A real pseudo-terminal pair from Debian socat, linked into a fresh temp dir. */
export async function ptyPair(): Promise<PtyPair> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-'));
  const device = path.join(dir, 'device');
  const edge = path.join(dir, 'edge');
  const socat = spawn('/usr/bin/socat', [`pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${edge}`]);
  const close = () => {
    socat.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntil(() => fs.existsSync(device) && fs.existsSync(edge), 5000, 'socat ptys');
  } catch (err) {
    close();
    throw err;
  }
  return { device, edge, close };
}
