import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { CentralService } from '../cloud-sync/central/central-service';
import { EdgeApp } from '../edge/app/edge-app';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { silentLogger } from '../shared/server/runtime/logger';
import { runConfigSchemaCommand } from './commands/config-commands';

/**
 * The generated references published beside docs/device-contract.md: the OpenAPI
 * documents the edge and central serve at /api/openapi.json, and the store config's
 * JSON Schema as `galley config-schema` prints it. Each is taken from the real thing
 * (the apps are started on free loopback ports with a throw-away data dir), never
 * written by hand, and written with sorted keys, laid out by the repository's
 * formatter, so a change shows as a small diff and `npm run check` passes on them.
 *
 *   tsx bin/publish-references.ts [outDir]     (npm run references; default docs/reference)
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_OUT_DIR = join(ROOT, 'docs', 'reference');
const DEMO_CONFIG = join(ROOT, 'config', 'demo-store.yaml');

export const REFERENCE_FILES = ['edge-openapi.json', 'central-openapi.json', 'config.schema.json'] as const;
type ReferenceFile = (typeof REFERENCE_FILES)[number];

/** Generates every reference into `outDir` (created if needed); returns the paths written. */
export async function publishReferences(outDir: string): Promise<string[]> {
  const documents: Record<ReferenceFile, unknown> = {
    'edge-openapi.json': await edgeOpenApi(),
    'central-openapi.json': await centralOpenApi(),
    'config.schema.json': await configSchema(),
  };
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const name of REFERENCE_FILES) {
    const path = join(outDir, name);
    await writeFile(path, formatted(name, stableJson(documents[name])));
    written.push(path);
  }
  return written;
}

/** Two-space JSON with every object's keys sorted and a trailing newline; arrays keep their order. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

/**
 * The JSON as Biome lays it out (it collapses short arrays), so the files `biome check`
 * sees are already formatted: `npm run check` would otherwise refuse them, and
 * `npm run format` would make them differ from what this writes.
 */
function formatted(name: ReferenceFile, json: string): string {
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  return execFileSync(process.execPath, [biome, 'format', `--stdin-file-path=docs/reference/${name}`], {
    cwd: ROOT,
    input: json,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The whole edge on the demo store, as `galley edge` runs it, asked for its description. */
async function edgeOpenApi(): Promise<unknown> {
  const dataDir = await mkdtemp(join(tmpdir(), 'galley-references-edge-'));
  const config = loadStoreConfig(DEMO_CONFIG);
  const app = new EdgeApp({
    // TLS off: the routes are the same either way, and the references need no openssl or CA.
    config: { ...config, tls: { ...config.tls, enabled: false, plainMqtt: true, plainHttp: true } },
    dataDir,
    mqttPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
    displayDir: join(dataDir, 'no-display'),
  });
  try {
    const { httpPort } = await app.start();
    return await getJson(`http://127.0.0.1:${httpPort}/api/openapi.json`);
  } finally {
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The central service on SQLite, as `galley central` runs it, asked for its description. */
async function centralOpenApi(): Promise<unknown> {
  const dataDir = await mkdtemp(join(tmpdir(), 'galley-references-central-'));
  const service = new CentralService({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
    webDir: join(dataDir, 'no-web'),
  });
  try {
    await service.start();
    return await getJson(`${service.url}/api/openapi.json`);
  } finally {
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Exactly what `galley config-schema` prints. */
async function configSchema(): Promise<unknown> {
  let printed = '';
  const stdout = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      printed += chunk.toString();
      done();
    },
  });
  const code = await runConfigSchemaCommand([], { stdout, stderr: process.stderr });
  if (code !== 0) throw new Error(`galley config-schema exited with ${code}`);
  return JSON.parse(printed);
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

const invokedAsScript =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedAsScript) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUT_DIR;
  try {
    for (const path of await publishReferences(outDir)) process.stdout.write(`wrote ${path}\n`);
  } catch (err) {
    process.stderr.write(
      `publish-references: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  }
}
