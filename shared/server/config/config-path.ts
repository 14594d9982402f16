import { isRecord } from './schema-keys';

/** The fields that name an item of a config list: equipment, rules, users, plans (id), integrations, parts. */
const ID_FIELDS = ['id', 'username', 'partNumber'] as const;
const PLAIN_ID = /^[\w.:-]+$/;
const PLAIN_KEY = /^[\w-]+$/;

/**
 * A path as a person finds it in the file: a list item by its id where it has a unique
 * one (`equipment[wic-1].rules[temp_high].raise`), else by position (`acl[0]`), and a
 * key that is not a plain word in quotes (`hint["call the technician."]`).
 */
export function formatConfigPath(input: unknown, path: readonly PropertyKey[]): string {
  let text = '';
  let value = input;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') {
      text += `[${itemName(value, segment)}]`;
      value = value[segment];
      continue;
    }
    const key = String(segment);
    text += PLAIN_KEY.test(key) ? `${text ? '.' : ''}${key}` : `[${JSON.stringify(key)}]`;
    value = isRecord(value) ? value[key] : undefined;
  }
  return text || '(root)';
}

function itemName(list: readonly unknown[], index: number): string {
  const item = list[index];
  if (!isRecord(item)) return String(index);
  for (const field of ID_FIELDS) {
    const id = item[field];
    if (typeof id !== 'string' || !PLAIN_ID.test(id)) continue;
    // A duplicated id would name two items: the position is the only unambiguous name.
    const same = list.filter((other) => isRecord(other) && other[field] === id).length;
    return same === 1 ? id : String(index);
  }
  return String(index);
}
