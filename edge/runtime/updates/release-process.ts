import { type ChildProcess, spawn } from 'node:child_process';
import type { ReleaseRef } from './update-state';

/**
 * How a staged release is run: its bundle exports `runEdgeCommand`, the same entry the
 * installed `galley edge` runs, so this small module script imports it and hands it the
 * edge's own flags. A bundle that throws while loading ends the process with code 1 and
 * its error on stderr, which the supervisor quotes as the rollback's reason.
 */
const RUN_BUNDLE = `
const { pathToFileURL } = await import('node:url');
const [bundle, ...args] = process.argv.slice(1);
const { runEdgeCommand } = await import(pathToFileURL(bundle).href);
process.exitCode = await runEdgeCommand(args, process);
`;

export interface ReleaseLaunch {
  /** `bin/galley.js` of the installed checkout: runs the installed release */
  installedEntry: string;
  installRoot: string;
  edgeArgs: readonly string[];
  env: NodeJS.ProcessEnv;
}

/** Starts one release as a child with an IPC channel (supervisor-link.ts) and piped output. */
export function spawnRelease(release: ReleaseRef, launch: ReleaseLaunch): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...launch.env, GALLEY_INSTALL_ROOT: launch.installRoot };
  delete env.GALLEY_RELEASE_VERSION;
  const args =
    release.bundle === null
      ? [launch.installedEntry, 'edge', ...launch.edgeArgs]
      : ['--input-type=module', '-e', RUN_BUNDLE, release.bundle, ...launch.edgeArgs];
  if (release.bundle !== null) env.GALLEY_RELEASE_VERSION = release.version;
  return spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
}
