import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isSeq, parse, parseDocument, type YAMLMap } from 'yaml';
import type { EquipmentEntry } from './equipment-row';

/**
 * The store config file as text, and the same text with equipment added. A YAML
 * config is edited in place: the new entries are spliced in after the last piece of
 * equipment, so every other byte (comments, flow maps, line breaks a person chose)
 * stays as it was; re-serialising the whole document would reflow hundreds of lines.
 * A JSON config is written back with its own indentation.
 */
export interface ConfigDocument {
  /** The config as data, for validation. */
  raw: unknown;
  /** The equipment entries already in the file. */
  existingEquipment: unknown[];
  /** The file's new text with `entries` appended to its equipment list. */
  withEquipment(entries: readonly EquipmentEntry[]): string;
}

export class ConfigDocumentError extends Error {
  readonly code = 'CONFIG_UNREADABLE';
}

export function openConfigDocument(text: string, format: 'yaml' | 'json'): ConfigDocument {
  return format === 'json' ? openJson(text) : openYaml(text);
}

function openJson(text: string): ConfigDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigDocumentError(`not valid JSON: ${(err as Error).message}`);
  }
  if (!isRecord(raw)) throw new ConfigDocumentError('the config is not an object');
  const config = raw;
  const existing = Array.isArray(config.equipment) ? config.equipment : [];
  const indent = /\n( +|\t)"/.exec(text)?.[1] ?? '  ';
  return {
    raw,
    existingEquipment: existing,
    withEquipment: (entries) =>
      `${JSON.stringify({ ...config, equipment: [...existing, ...entries] }, null, indent)}\n`,
  };
}

function openYaml(text: string): ConfigDocument {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigDocumentError(`not valid YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
  }
  const raw: unknown = doc.toJS();
  if (!isRecord(raw)) throw new ConfigDocumentError('the config is not a mapping');
  const existing = Array.isArray(raw.equipment) ? raw.equipment : [];
  return {
    raw,
    existingEquipment: existing,
    withEquipment: (entries) => {
      const spliced = spliceYaml(text, doc, entries);
      // The splice is checked by reading it back: the old entries, then exactly the new ones.
      if (spliced !== undefined && readsBackAs(spliced, [...existing, ...entries])) return spliced;
      const rewritten = doc.clone();
      for (const entry of entries) rewritten.addIn(['equipment'], entryNode(rewritten, entry));
      return rewritten.toString();
    },
  };
}

/** The text with the entries inserted after the last item of a block `equipment:` list, or undefined. */
function spliceYaml(text: string, doc: Document, entries: readonly EquipmentEntry[]): string | undefined {
  const seq = doc.get('equipment', true);
  if (seq === undefined) {
    const separator = text.endsWith('\n') || text === '' ? '' : '\n';
    return `${text}${separator}equipment:\n${renderEntries(entries, '  ')}`;
  }
  if (!isSeq(seq) || seq.flow || !seq.range || seq.items.length === 0) return undefined;
  const [start, valueEnd] = seq.range;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (!/^ *$/.test(indent)) return undefined;
  // After the line the last item ends on (its trailing comment stays with it).
  const lineEnd = text.indexOf('\n', Math.max(valueEnd - 1, start));
  const at = lineEnd === -1 ? text.length : lineEnd + 1;
  const before = lineEnd === -1 ? `${text}\n` : text.slice(0, at);
  return `${before}${renderEntries(entries, indent)}${text.slice(at)}`;
}

/** Block entries, their nested maps on one line each as the demo config writes them. */
function renderEntries(entries: readonly EquipmentEntry[], indent: string): string {
  const doc = new Document([]);
  for (const entry of entries) doc.addIn([], entryNode(doc, entry));
  const body = doc.toString({ lineWidth: 0 });
  return body
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `${indent}${line}\n`)
    .join('');
}

function entryNode(doc: Document, entry: EquipmentEntry): YAMLMap {
  const node = doc.createNode(entry);
  if (!isMap(node)) throw new ConfigDocumentError('an equipment entry is not a mapping');
  for (const pair of node.items) {
    if (isMap(pair.value)) pair.value.flow = true;
  }
  return node;
}

function readsBackAs(text: string, expected: unknown[]): boolean {
  try {
    const data: unknown = parse(text);
    return isRecord(data) && isDeepStrictEqual(data.equipment, expected);
  } catch {
    return false; // a splice that does not parse: the caller rewrites the document instead
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
