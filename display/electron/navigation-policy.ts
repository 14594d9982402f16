/**
 * The kiosk only ever shows the store's own edge: a link, a redirect or a typed
 * address elsewhere would leave the kitchen with a browser nobody can close.
 */
export function isEdgeUrl(url: string, edgeOrigin: string): boolean {
  try {
    return new URL(url).origin === edgeOrigin;
  } catch {
    // Not a URL at all: certainly not the edge.
    return false;
  }
}
