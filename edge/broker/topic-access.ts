import type { AclRule } from '../../shared/config/integrations';
import { CLAIM_SEGMENT, EDGE_SEGMENT, TOPIC_ROOT, topicMatchesFilter, topics } from '../../shared/topics';
import type { ClientIdentity } from './client-identity';

/**
 * Who may publish and subscribe where. Pure functions of the identity and the
 * topic, so they are tested without a broker.
 */

/** `galley/{anyStore}/_edge/…` belongs to the edge alone: no client writes there. */
export function isEdgeOwnedTopic(topic: string): boolean {
  // Asked on every publish: compare the levels in place instead of splitting the topic.
  if (!topic.startsWith(ROOT_PREFIX)) return false;
  const storeEnd = topic.indexOf('/', ROOT_PREFIX.length);
  if (storeEnd < 0) return false;
  const segmentEnd = storeEnd + 1 + EDGE_SEGMENT.length;
  return (
    topic.startsWith(EDGE_SEGMENT, storeEnd + 1) &&
    (topic.length === segmentEnd || topic.charCodeAt(segmentEnd) === SLASH)
  );
}

const ROOT_PREFIX = `${TOPIC_ROOT}/`;

/**
 * `galley/{anyStore}/_claim/…` carries device credentials, written by the edge to one
 * connection only; no client may publish there (a forged reply would mislead a claimant).
 */
export function isClaimTopic(topic: string): boolean {
  // Asked on every publish, like isEdgeOwnedTopic: compared in place.
  if (!topic.startsWith(ROOT_PREFIX)) return false;
  const storeEnd = topic.indexOf('/', ROOT_PREFIX.length);
  if (storeEnd < 0) return false;
  const segmentEnd = storeEnd + 1 + CLAIM_SEGMENT.length;
  return (
    topic.startsWith(CLAIM_SEGMENT, storeEnd + 1) &&
    (topic.length === segmentEnd || topic.charCodeAt(segmentEnd) === SLASH)
  );
}
const SLASH = 0x2f;

export function displayReadFilters(storeId: string): string[] {
  const root = `${TOPIC_ROOT}/${storeId}`;
  return [`${root}/+/telemetry`, `${root}/+/status`, `${root}/+/event`, `${topics.edgeRoot(storeId)}/#`];
}

export function mayPublish(identity: ClientIdentity, topic: string, storeId: string): boolean {
  if (isEdgeOwnedTopic(topic) || topic.startsWith('$') || isClaimTopic(topic)) return false;
  switch (identity.kind) {
    case 'claim':
      return false;
    case 'device':
      return topic.startsWith(devicePrefix(identity, storeId));
    case 'display':
      return false;
    case 'integration': {
      const rule = identity.acl.find((r) => topicMatchesFilter(r.topic, topic));
      return rule !== undefined && (rule.access === 'write' || rule.access === 'readwrite');
    }
  }
}

/** Asked on every publish: a device's own subtree prefix is built once per identity. */
const devicePrefixes = new WeakMap<ClientIdentity, { storeId: string; prefix: string }>();

function devicePrefix(identity: ClientIdentity & { kind: 'device' }, storeId: string): string {
  const cached = devicePrefixes.get(identity);
  if (cached?.storeId === storeId) return cached.prefix;
  const prefix = `${topics.deviceRoot(storeId, identity.equipmentId)}/`;
  devicePrefixes.set(identity, { storeId, prefix });
  return prefix;
}

export function maySubscribe(identity: ClientIdentity, filter: string, storeId: string): boolean {
  if (filter.startsWith('$')) return false;
  switch (identity.kind) {
    // A claimant hears its own reply and nothing else: not even a wildcard over it.
    case 'claim':
      return filter === topics.claimReply(storeId, identity.serial);
    case 'device':
      return filterCovers(`${topics.deviceRoot(storeId, identity.equipmentId)}/#`, filter);
    case 'display':
      return displayReadFilters(storeId).some((allowed) => filterCovers(allowed, filter));
    case 'integration':
      return integrationMayRead(identity.acl, filter);
  }
}

/**
 * Rules are tried in order. A rule that could deliver some topic of the filter
 * decides against it unless it grants read; a readable rule that covers the whole
 * filter allows it. A filter only partly covered by readable rules is refused,
 * since some of its topics would fall to a later deny or to no rule at all.
 */
function integrationMayRead(acl: AclRule[], filter: string): boolean {
  for (const rule of acl) {
    if (!filtersOverlap(rule.topic, filter)) continue;
    const readable = rule.access === 'read' || rule.access === 'readwrite';
    if (!readable) return false;
    if (filterCovers(rule.topic, filter)) return true;
  }
  return false;
}

/** True when every topic that `inner` matches is also matched by `outer`. */
export function filterCovers(outer: string, inner: string): boolean {
  const o = outer.split('/');
  const s = inner.split('/');
  for (let i = 0; ; i++) {
    const a = o[i];
    const b = s[i];
    if (a === '#') return true;
    if (a === undefined || b === undefined) return a === b;
    if (b === '#') return false;
    if (a === '+') continue;
    if (b !== a) return false;
  }
}

/** True when some topic is matched by both filters. */
export function filtersOverlap(x: string, y: string): boolean {
  const a = x.split('/');
  const b = y.split('/');
  for (let i = 0; ; i++) {
    const p = a[i];
    const q = b[i];
    if (p === '#' || q === '#') return true;
    if (p === undefined || q === undefined) return p === q;
    if (p !== '+' && q !== '+' && p !== q) return false;
  }
}
