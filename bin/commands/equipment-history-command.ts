import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AssetHistoryError } from '../../edge/domains/commissioning/asset-history/asset-history-errors';
import { exportAssetHistory } from '../../edge/domains/commissioning/asset-history/asset-history-export';
import { importAssetHistory } from '../../edge/domains/commissioning/asset-history/asset-history-import';
import {
  openAssetHistory,
  sealAssetHistory,
} from '../../edge/domains/commissioning/asset-history/asset-history-seal';
import { openDatabase } from '../../edge/store/database';
import { assetKeyOf } from '../../shared/asset-history/asset-history-document';
import type { StoreConfig } from '../../shared/config/store-config';
import type { CommandIo } from '../../shared/server/command-io';
import { ConfigError, loadStoreConfig } from '../../shared/server/config/load-store-config';
import { systemClock } from '../../shared/server/runtime/clock';

export const EQUIPMENT_HISTORY_USAGE =
  'usage: galley equipment export-history EQUIPMENT_ID --data DIR --config FILE --out FILE.json [--by NAME]\n' +
  '       galley equipment import-history FILE.json --data DIR --config FILE [--equipment ID] [--by NAME]\n' +
  "  export-history writes the unit's asset history (tickets with transitions, quotes, parts and spend,\n" +
  '  PM work orders, meters, predictive findings), sealed with a SHA-256 of its canonical JSON; the unit\n' +
  '  needs asset.serial (or asset.tag) in the config. import-history checks the seal and takes it onto the\n' +
  '  equipment with the same serial (or --equipment ID), read only; importing it again adds nothing.\n' +
  '  exit 0 = done, 1 = refused (reason printed), 2 = usage error. env: GALLEY_DATA_DIR, GALLEY_CONFIG.\n';

const MAX_DOCUMENT_BYTES = 64 * 1_048_576;

/** `galley equipment export-history | import-history`: moving a unit's past with it. */
export async function runEquipmentHistoryCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      config: { type: 'string' },
      out: { type: 'string' },
      equipment: { type: 'string' },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(EQUIPMENT_HISTORY_USAGE);
    return 0;
  }
  const [command, subject, ...extra] = positionals;
  const dataDir = values.data ?? process.env.GALLEY_DATA_DIR;
  const configFile = values.config ?? process.env.GALLEY_CONFIG;
  const usage = (problem: string): number => {
    io.stderr.write(`galley equipment: ${problem}\n${EQUIPMENT_HISTORY_USAGE}`);
    return 2;
  };
  if (!subject || extra.length > 0) return usage(`${command} takes one argument`);
  if (!dataDir) return usage('--data DIR (or GALLEY_DATA_DIR) is required');
  if (!configFile) return usage('--config FILE (or GALLEY_CONFIG) is required');
  if (command === 'export-history' && !values.out) return usage('export-history needs --out FILE.json');
  let config: StoreConfig;
  try {
    config = loadStoreConfig(configFile);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const by = values.by ?? process.env.USER ?? 'cli';
  const db = openDatabase(dataDir);
  try {
    if (command === 'export-history') {
      const document = sealAssetHistory(exportAssetHistory(db, config, subject, systemClock.now(), by));
      const out = values.out as string;
      // Written whole or not at all: a half-written file would only be refused on import.
      writeFileSync(`${out}.partial`, `${JSON.stringify(document, null, 2)}\n`);
      renameSync(`${out}.partial`, out);
      const { body } = document;
      io.stdout.write(
        `asset history of ${subject} (${assetKeyOf(body.asset)}) from store ${body.fromStoreId}: ` +
          `${body.tickets.length} tickets, ${body.findings.length} predictive findings, ${body.meters.length} meters\n` +
          `written to ${out}, sha256 ${document.sha256}\n`,
      );
      return 0;
    }
    if (command === 'import-history') {
      // A unit's whole life is a few megabytes; anything far larger is not an asset history.
      const size = sizeOf(subject);
      if (size > MAX_DOCUMENT_BYTES)
        throw new AssetHistoryError(
          'invalid_document',
          `${subject} is over ${MAX_DOCUMENT_BYTES / 1_048_576} MiB`,
        );
      const document = openAssetHistory(readFileSync(subject, 'utf8'));
      const equipmentId = values.equipment ?? sameUnitIn(config, document.body.asset);
      if (!equipmentId)
        throw new AssetHistoryError(
          'asset_mismatch',
          `no equipment in ${configFile} carries ${assetKeyOf(document.body.asset)}: set its asset.serial (or pass --equipment ID)`,
        );
      const outcome = importAssetHistory(db, config, document, equipmentId, systemClock.now(), by);
      io.stdout.write(
        outcome.imported
          ? `imported the history of ${outcome.assetKey} from store ${outcome.fromStoreId} onto ${equipmentId}: ` +
              `${outcome.newTickets} new tickets, ${outcome.newPartUses} new part uses\n`
          : `already imported (sha256 ${document.sha256}): nothing changed\n`,
      );
      return 0;
    }
    return usage(`unknown command ${command ?? '(none)'}`);
  } catch (error) {
    if (error instanceof AssetHistoryError) {
      io.stderr.write(`galley equipment ${command}: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    db.close();
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    throw new AssetHistoryError('unreadable', `cannot read ${file}: ${(error as Error).message}`);
  }
}

function sameUnitIn(config: StoreConfig, asset: { serial?: string; tag?: string }): string | undefined {
  const match = config.equipment.find((e) =>
    asset.serial !== undefined
      ? e.asset?.serial === asset.serial
      : asset.tag !== undefined && e.asset?.tag === asset.tag,
  );
  return match?.id;
}
