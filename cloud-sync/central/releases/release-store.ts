import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ReleaseInfo, ReleasePackage } from '../../../shared/central/edge-releases';
import type { Clock } from '../../../shared/server/runtime/clock';
import { CentralError } from '../central-error';
import type { CentralDb } from '../db/central-db';
import type { CentralTables } from '../db/schema';
import type { ReleaseTables } from './release-tables';

type ReleaseRow = Selectable<ReleaseTables['edge_releases']>;

/**
 * Uploaded edge releases. The bundle's bytes are checked against its manifest once here,
 * so a rollout never hands out a package whose checksum cannot match; the box checks it
 * again after the download all the same (it trusts nothing in transit).
 */
export class ReleaseStore {
  readonly #db: Kysely<CentralTables & ReleaseTables>;
  readonly #clock: Clock;

  constructor(deps: { db: CentralDb; clock: Clock }) {
    this.#db = deps.db.withTables<ReleaseTables>();
    this.#clock = deps.clock;
  }

  async upload(pkg: ReleasePackage, by: string): Promise<{ info: ReleaseInfo; created: boolean }> {
    const { manifest } = pkg;
    const bytes = Buffer.from(pkg.bundleBase64, 'base64');
    if (bytes.length !== manifest.bytes)
      throw new CentralError(
        'INVALID',
        `the bundle has ${bytes.length} bytes, its manifest says ${manifest.bytes}`,
      );
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== manifest.sha256)
      throw new CentralError(
        'INVALID',
        `the bundle's SHA-256 is ${sha256}, its manifest says ${manifest.sha256}`,
      );
    const held = await this.#row(manifest.version);
    if (held) {
      // Uploading the very same release again is harmless; another one under its label is not.
      if (held.sha256 === sha256) return { info: infoOf(held), created: false };
      throw new CentralError(
        'CONFLICT',
        `release ${manifest.version} exists with other contents: pick a new version`,
      );
    }
    const row = await this.#db
      .insertInto('edge_releases')
      .values({
        version: manifest.version,
        sha256,
        bytes: manifest.bytes,
        node_major: manifest.nodeMajor,
        lock_hash: manifest.lockHash,
        built_at: manifest.builtAt,
        bundle_base64: pkg.bundleBase64,
        uploaded_by: by,
        uploaded_at: this.#clock.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { info: infoOf(row), created: true };
  }

  async list(): Promise<ReleaseInfo[]> {
    const rows = await this.#db
      .selectFrom('edge_releases')
      .select([
        'version',
        'sha256',
        'bytes',
        'node_major',
        'lock_hash',
        'built_at',
        'uploaded_by',
        'uploaded_at',
      ])
      .orderBy('uploaded_at', 'desc')
      .execute();
    return rows.map((r) => infoOf({ ...r, bundle_base64: '' }));
  }

  async info(version: string): Promise<ReleaseInfo | undefined> {
    const row = await this.#row(version);
    return row ? infoOf(row) : undefined;
  }

  async package(version: string): Promise<ReleasePackage> {
    const row = await this.#row(version);
    if (!row) throw new CentralError('NOT_FOUND', `no release ${version}`);
    return {
      manifest: {
        format: 1,
        version: row.version,
        sha256: row.sha256,
        bytes: Number(row.bytes),
        nodeMajor: Number(row.node_major),
        lockHash: row.lock_hash,
        builtAt: Number(row.built_at),
        entry: 'edge-command.mjs',
      },
      bundleBase64: row.bundle_base64,
    };
  }

  #row(version: string): Promise<ReleaseRow | undefined> {
    return this.#db.selectFrom('edge_releases').selectAll().where('version', '=', version).executeTakeFirst();
  }
}

function infoOf(row: ReleaseRow): ReleaseInfo {
  return {
    version: row.version,
    sha256: row.sha256,
    bytes: Number(row.bytes),
    nodeMajor: Number(row.node_major),
    lockHash: row.lock_hash,
    builtAt: Number(row.built_at),
    uploadedBy: row.uploaded_by,
    uploadedAt: Number(row.uploaded_at),
  };
}
