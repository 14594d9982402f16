import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type EdgeUpdateCommand,
  RELEASE_ENTRY,
  RELEASE_ROUTES,
  ReleasePackage,
} from '../../../shared/central/edge-releases';
import type { CentralEndpoint } from '../../sync/central-client';
import { SyncError } from '../../sync/sync-errors';
import { type BoxRuntime, checkRelease } from './release-check';
import { type ReleaseRef, releaseDir } from './update-state';

/**
 * Downloads the release a command names with the store token, checks it (release-check.ts)
 * and stages it under DATA/releases/<version>/: the bundle, its manifest, and a link to the
 * installed node_modules (the bundle keeps its dependencies external, and the check made
 * sure they are the ones it was built against). Staged in a temp folder renamed into
 * place, so a half-written release never looks staged.
 */
export async function stageRelease(deps: {
  dataDir: string;
  installRoot: string;
  central: CentralEndpoint;
  command: EdgeUpdateCommand;
  box: BoxRuntime;
  timeoutMs: number;
}): Promise<ReleaseRef> {
  const { command } = deps;
  const url = `${deps.central.url.replace(/\/+$/, '')}${RELEASE_ROUTES.download.replace(':version', encodeURIComponent(command.version))}`;
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${deps.central.token}` },
    signal: AbortSignal.timeout(deps.timeoutMs),
  });
  if (!response.ok)
    throw new SyncError(
      'SYNC_HTTP_STATUS',
      `central answered ${response.status} to the download of ${command.version}: ${(await response.text()).slice(0, 300)}`,
      response.status,
    );
  const parsed = ReleasePackage.safeParse(await response.json());
  if (!parsed.success)
    throw new SyncError(
      'SYNC_BAD_RESPONSE',
      `the release package does not fit: ${parsed.error.message.slice(0, 300)}`,
    );
  const bundle = checkRelease(parsed.data, command, deps.box);

  const dir = releaseDir(deps.dataDir, command.version);
  const tmp = `${dir}.staging-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, RELEASE_ENTRY), bundle);
  writeFileSync(join(tmp, 'manifest.json'), `${JSON.stringify(parsed.data.manifest, null, 2)}\n`);
  symlinkSync(join(deps.installRoot, 'node_modules'), join(tmp, 'node_modules'), 'dir');
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { version: command.version, bundle: join(dir, RELEASE_ENTRY) };
}
