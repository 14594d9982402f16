import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IntakeOutcome } from '../../../../shared/api/orders';
import {
  type OrderLine,
  PosOrderSubmission,
  type PosOrderSubmissionInput,
} from '../../../../shared/api/orders';
import type { ToastExportSettings } from '../../../../shared/config/pos-connectors';
import type { OrderIntakePort } from '../order-intake-port';
import { csvTable } from './csv';

/**
 * Backfill from a Toast nightly data export (Toast's "Data export field reference":
 * CheckDetails.csv, ItemSelectionDetails.csv, ModifiersSelectionDetails.csv). Each
 * check becomes one closed (or voided) canonical order at version 1; its event id
 * is the check id plus a hash of its content, so importing the same export again
 * is a duplicate, not a second order.
 */
export const TOAST_SOURCE = 'toast-export';

export const TOAST_FILES = {
  checks: 'CheckDetails.csv',
  items: 'ItemSelectionDetails.csv',
  modifiers: 'ModifiersSelectionDetails.csv',
} as const;
type ToastFile = (typeof TOAST_FILES)[keyof typeof TOAST_FILES];

const REQUIRED: Record<ToastFile, readonly string[]> = {
  'CheckDetails.csv': ['Check Id', 'Opened Date', 'Opened Time'],
  'ItemSelectionDetails.csv': ['Check Id', 'Item Selection Id', 'Menu Item', 'Qty', 'Void?'],
  'ModifiersSelectionDetails.csv': ['Check Id', 'Modifier', 'Void?'],
};

export interface ToastProblem {
  file: ToastFile;
  /** 1-based line in the file; 0 for the file as a whole */
  line: number;
  column?: string;
  message: string;
}

export interface ToastExport {
  submissions: PosOrderSubmission[];
  problems: ToastProblem[];
  /** checks with nothing for the kitchen (only ignored items, or none) */
  skippedChecks: number;
}

interface ItemRow {
  line: number;
  checkId: string;
  lineId: string;
  item: string;
  qty: number;
  voided: boolean;
  values: Record<string, string>;
  modifiers: { item: string; line: number }[];
}

/** The three files' text into canonical submissions; a check with a bad row is reported and left out whole. */
export function toastSubmissions(
  files: Record<ToastFile, string>,
  settings: ToastExportSettings,
  timeZone: string,
): ToastExport {
  const problems: ToastProblem[] = [];
  const badChecks = new Set<string>();
  const tables = {} as Record<ToastFile, ReturnType<typeof csvTable>>;
  for (const file of Object.values(TOAST_FILES)) {
    const table = csvTable(files[file]);
    tables[file] = table;
    for (const p of table.problems) problems.push({ file, line: p.line, message: p.message });
    for (const column of REQUIRED[file])
      if (table.header.length > 0 && !table.header.includes(column))
        problems.push({ file, line: 1, column, message: 'required column missing from the header' });
  }
  if (
    problems.some((p) => p.line <= 1 && p.column !== undefined) ||
    problems.some((p) => p.message === 'the file is empty')
  )
    return { submissions: [], problems, skippedChecks: 0 };

  const catalog = settings.catalog;
  const ignored = new Set(catalog.ignore);
  const bad = (
    file: ToastFile,
    line: number,
    column: string,
    message: string,
    checkId: string | undefined,
  ) => {
    problems.push({ file, line, column, message });
    if (checkId) badChecks.add(checkId);
  };

  const checks = new Map<string, { line: number; values: Record<string, string> }>();
  for (const row of tables['CheckDetails.csv'].rows) {
    const checkId = row.values['Check Id']?.trim();
    if (!checkId) bad('CheckDetails.csv', row.line, 'Check Id', 'empty', undefined);
    else checks.set(checkId, row);
  }

  const items = new Map<string, ItemRow>();
  for (const row of tables['ItemSelectionDetails.csv'].rows) {
    const file = 'ItemSelectionDetails.csv';
    const v = row.values;
    const checkId = v['Check Id']?.trim() ?? '';
    if (row.missing.length > 0)
      bad(
        file,
        row.line,
        row.missing[0]!,
        `the row stops before this column (${row.missing.length} missing)`,
        checkId,
      );
    if (!checkId) {
      bad(file, row.line, 'Check Id', 'empty', undefined);
      continue;
    }
    if (!checks.has(checkId))
      bad(file, row.line, 'Check Id', `check ${checkId} is not in CheckDetails.csv`, checkId);
    const name = v['Menu Item']?.trim() ?? '';
    const masterId = v['Master Id']?.trim() ?? '';
    if (ignored.has(masterId) || ignored.has(name)) continue;
    const lineId = v['Item Selection Id']?.trim() ?? '';
    if (!lineId) bad(file, row.line, 'Item Selection Id', 'empty', checkId);
    const voided = parseBool(v['Void?']);
    if (voided === undefined)
      bad(file, row.line, 'Void?', `"${v['Void?']}" is neither true nor false`, checkId);
    const qty = Number(v.Qty?.trim());
    if (!v.Qty?.trim() || !Number.isInteger(qty) || qty < (voided ? 0 : 1))
      bad(file, row.line, 'Qty', `"${v.Qty ?? ''}" is not a whole quantity`, checkId);
    const item = catalog.items[masterId] ?? catalog.items[name];
    if (!item)
      bad(
        file,
        row.line,
        'Menu Item',
        `"${name}" (Master Id ${masterId || 'none'}) is not in the catalog mapping`,
        checkId,
      );
    if (lineId && items.has(`${checkId}/${lineId}`))
      bad(file, row.line, 'Item Selection Id', `${lineId} appears twice`, checkId);
    items.set(`${checkId}/${lineId}`, {
      line: row.line,
      checkId,
      lineId,
      item: item ?? '',
      qty,
      voided: voided ?? false,
      values: v,
      modifiers: [],
    });
  }

  for (const row of tables['ModifiersSelectionDetails.csv'].rows) {
    const file = 'ModifiersSelectionDetails.csv';
    const v = row.values;
    const checkId = v['Check Id']?.trim() ?? '';
    if (row.missing.length > 0)
      bad(
        file,
        row.line,
        row.missing[0]!,
        `the row stops before this column (${row.missing.length} missing)`,
        checkId,
      );
    const name = v.Modifier?.trim() ?? '';
    const ids = [v['Master Id'], v['Modifier Id'], name].map((s) => s?.trim() ?? '').filter(Boolean);
    if (ids.some((id) => ignored.has(id))) continue;
    const voided = parseBool(v['Void?']);
    if (voided === undefined)
      bad(file, row.line, 'Void?', `"${v['Void?']}" is neither true nor false`, checkId);
    if (voided) continue;
    // The parent's selection id; older exports only carry `Item Selection Id`.
    const parentId = (v['Parent Menu Selection Item ID'] || v['Item Selection Id'] || '').trim();
    const parent = items.get(`${checkId}/${parentId}`);
    if (!parent) {
      bad(
        file,
        row.line,
        'Parent Menu Selection Item ID',
        `no item ${parentId || '(empty)'} on check ${checkId || '(empty)'}`,
        checkId,
      );
      continue;
    }
    const modifier = ids.map((id) => catalog.modifiers[id]).find(Boolean);
    if (!modifier) bad(file, row.line, 'Modifier', `"${name}" is not in the catalog mapping`, checkId);
    else parent.modifiers.push({ item: modifier, line: row.line });
  }

  const byCheck = new Map<string, ItemRow[]>();
  for (const item of items.values()) byCheck.set(item.checkId, [...(byCheck.get(item.checkId) ?? []), item]);
  const submissions: PosOrderSubmission[] = [];
  let skippedChecks = 0;
  for (const [checkId, check] of checks) {
    const rows = byCheck.get(checkId) ?? [];
    if (badChecks.has(checkId)) continue;
    if (rows.length === 0) {
      skippedChecks++;
      continue;
    }
    const first = rows[0]!;
    const placedAt = placedAtOf(first.values, check.values, timeZone);
    if (placedAt === undefined) {
      bad(
        'CheckDetails.csv',
        check.line,
        'Opened Date',
        'no readable date in Order Date or Opened Date/Opened Time',
        checkId,
      );
      continue;
    }
    const lines: OrderLine[] = rows
      .filter((r) => !r.voided && r.qty > 0)
      .map((r) => ({
        lineId: r.lineId,
        item: r.item,
        qty: r.qty,
        modifiers: r.modifiers.map((m, i) => ({ id: `${r.lineId}-m${i + 1}`, item: m.item })),
      }));
    const table = first.values.Table?.trim();
    const guest = (check.values.Customer || first.values['Tab Name'] || '').trim();
    const order: PosOrderSubmissionInput['order'] = {
      externalId: `toast-${checkId}`,
      version: 1,
      channel: settings.diningOptions[first.values['Dining Option']?.trim() ?? ''] ?? 'dine_in',
      placedAt,
      status: lines.length === 0 ? 'voided' : 'closed',
      lines,
      ...(table ? { table: table.slice(0, 32) } : {}),
      ...(guest ? { guestName: guest.slice(0, 100) } : {}),
    };
    const parsed = PosOrderSubmission.safeParse({
      source: TOAST_SOURCE,
      eventId: eventIdOf(checkId, order),
      order,
    });
    if (parsed.success) submissions.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        bad('ItemSelectionDetails.csv', first.line, issue.path.join('.'), issue.message, checkId);
  }
  return { submissions, problems, skippedChecks };
}

/** Reads the export folder; a file that cannot be read is a problem and nothing is returned. */
export async function readToastExport(
  dir: string,
  settings: ToastExportSettings,
  timeZone: string,
): Promise<ToastExport> {
  const files = {} as Record<ToastFile, string>;
  const problems: ToastProblem[] = [];
  for (const file of Object.values(TOAST_FILES)) {
    try {
      files[file] = await readFile(join(dir, file), 'utf8');
    } catch (err) {
      problems.push({
        file,
        line: 0,
        message: `cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      });
    }
  }
  if (problems.length > 0) return { submissions: [], problems, skippedChecks: 0 };
  return toastSubmissions(files, settings, timeZone);
}

export interface ToastImportReport {
  checks: number;
  outcomes: Record<IntakeOutcome, number>;
  skippedChecks: number;
  problems: ToastProblem[];
}

/** Reads the export and hands every good check to the intake; nothing at all when a file is unreadable. */
export async function importToastExport(
  dir: string,
  intake: OrderIntakePort,
  options: { settings: ToastExportSettings; timeZone: string },
): Promise<ToastImportReport> {
  const parsed = await readToastExport(dir, options.settings, options.timeZone);
  const outcomes: Record<IntakeOutcome, number> = { applied: 0, duplicate: 0, superseded: 0 };
  // A nightly export is past trade: recorded, never put on a station.
  for (const submission of parsed.submissions)
    outcomes[intake.submit(options.settings.integrationClient, submission, { backfill: true }).outcome]++;
  if (parsed.problems.length > 0)
    intake.refused(
      options.settings.integrationClient,
      TOAST_SOURCE,
      `${parsed.problems.length} problems in ${dir}`,
    );
  return {
    checks: parsed.submissions.length,
    outcomes,
    skippedChecks: parsed.skippedChecks,
    problems: parsed.problems,
  };
}

export function formatToastProblem(p: ToastProblem): string {
  return `${p.file}:${p.line}${p.column ? ` [${p.column}]` : ''}: ${p.message}`;
}

function eventIdOf(checkId: string, order: PosOrderSubmissionInput['order']): string {
  const hash = createHash('sha256').update(JSON.stringify(order)).digest('hex').slice(0, 16);
  return `toast-${checkId}-${hash}`.slice(0, 128);
}

function parseBool(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (v === 'true' || v === 'yes' || v === '1') return true;
  if (v === 'false' || v === 'no' || v === '0' || v === '') return false;
  return undefined;
}

/** Toast writes local wall time: `Order Date` as MM/DD/YYYY HH:MM:SS, else `Opened Date` MM/DD/YY with `Opened Time` hh:mm a. */
function placedAtOf(
  item: Record<string, string>,
  check: Record<string, string>,
  timeZone: string,
): number | undefined {
  const fromOrderDate = item['Order Date']?.trim();
  if (fromOrderDate) {
    const ms = localToEpoch(fromOrderDate, timeZone);
    if (ms !== undefined) return ms;
  }
  const date = check['Opened Date']?.trim();
  const time = check['Opened Time']?.trim();
  return date && time ? localToEpoch(`${date} ${time}`, timeZone) : undefined;
}

const LOCAL_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/;

export function localToEpoch(text: string, timeZone: string): number | undefined {
  const m = LOCAL_TIME.exec(text);
  if (!m) return undefined;
  const [, mo, d, y, h, mi, s, ampm] = m;
  const year = y!.length === 2 ? 2000 + Number(y) : Number(y);
  let hour = Number(h);
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  }
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)
    return undefined;
  const asUtc = Date.UTC(year, month - 1, day, hour, Number(mi), Number(s ?? 0));
  // The zone's offset at that moment, found by formatting a guess and correcting once (twice near a DST change).
  let guess = asUtc - offsetMs(asUtc, timeZone);
  guess = asUtc - offsetMs(guess, timeZone);
  return guess;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
function offsetMs(epochMs: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(epochMs).map((p) => [p.type, p.value]));
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(epochMs / 1000) * 1000;
}
