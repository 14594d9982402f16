/**
 * The known name a misspelt one was probably meant to be: the same apart from case,
 * `_` and `-` (`baud_rate` for `baudRate`, `zh_CN` for `zh-CN`), or at most two edits
 * away (`supress`, `hnit`). A name shorter than the edits it would take gets no
 * guess, so `x` is not "corrected" to `id`.
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const plain = loosely(name);
  const variant = known.find((candidate) => loosely(candidate) === plain);
  if (variant !== undefined) return variant;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= 2 && bestDistance < name.length ? best : undefined;
}

function loosely(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/** Levenshtein distance: insertions, deletions and substitutions, one row at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
