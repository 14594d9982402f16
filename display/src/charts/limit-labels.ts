/** A limit's label, as placed on the plot: its baseline y in canvas pixels. */
export interface PlacedLabel {
  /** index into the limits it was placed for */
  index: number;
  y: number;
}

/**
 * Baselines for the labels of horizontal limit lines, kept inside the plot `[top, bottom]`
 * and off each other. Each label sits just above its line, or just below where the line
 * runs along the top; a label that would cover its neighbour moves past it. Where the plot
 * has no room for one more, that label is left out: its line still shows the limit.
 *
 * @param lineYs canvas y of each limit line (smaller is higher)
 * @param textHeight height of one label in canvas pixels
 */
export function placeLimitLabels(
  lineYs: readonly number[],
  top: number,
  bottom: number,
  textHeight: number,
): PlacedLabel[] {
  const gap = Math.max(2, Math.round(textHeight / 4));
  const wanted = lineYs
    .map((y, index) => {
      const above = y - gap;
      return { index, y: above - textHeight < top ? y + gap + textHeight : above };
    })
    .sort((a, b) => b.y - a.y);
  // From the bottom up, each label at least one text height above the one below it.
  const placed: PlacedLabel[] = [];
  let floor = bottom;
  for (const label of wanted) {
    const y = Math.min(label.y, floor);
    if (y - textHeight < top) continue; // no room left: the line itself still shows the limit
    placed.push({ index: label.index, y });
    floor = y - textHeight - gap;
  }
  return placed;
}
