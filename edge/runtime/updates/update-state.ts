import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BoxUpdateReport, ReleaseVersion } from '../../../shared/central/edge-releases';

/** A release the supervisor can run: a staged bundle, or (bundle null) the installed checkout. */
export const ReleaseRef = z.object({
  version: z.string().min(1).max(64),
  bundle: z.string().nullable().describe('path of the staged bundle; null = the installed edge'),
});
export type ReleaseRef = z.infer<typeof ReleaseRef>;

/**
 * DATA/releases/state.json: what the supervisor runs, what it ran before and the outcome
 * of the newest update. The supervisor writes it on every switch and rollback; the edge
 * writes an update it refused; the edge reads it to tell central.
 */
export const UpdateState = z.object({
  current: ReleaseRef.nullable(),
  previous: ReleaseRef.nullable(),
  lastUpdate: BoxUpdateReport.nullable(),
});
export type UpdateState = z.infer<typeof UpdateState>;

export const EMPTY_UPDATE_STATE: UpdateState = { current: null, previous: null, lastUpdate: null };

export const releasesDir = (dataDir: string): string => join(dataDir, 'releases');
export const releaseDir = (dataDir: string, version: string): string =>
  join(releasesDir(dataDir), ReleaseVersion.parse(version));
const stateFile = (dataDir: string) => join(releasesDir(dataDir), 'state.json');

/** A missing or unreadable state is the empty one: the box runs its installed edge. */
export function readUpdateState(dataDir: string): UpdateState {
  let text: string;
  try {
    text = readFileSync(stateFile(dataDir), 'utf8');
  } catch {
    return EMPTY_UPDATE_STATE;
  }
  const parsed = UpdateState.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : EMPTY_UPDATE_STATE;
}

/** Written whole and renamed into place, so a power cut leaves the old state or the new one. */
export function writeUpdateState(dataDir: string, state: UpdateState): void {
  mkdirSync(releasesDir(dataDir), { recursive: true });
  const tmp = `${stateFile(dataDir)}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(UpdateState.parse(state), null, 2)}\n`);
  renameSync(tmp, stateFile(dataDir));
}
