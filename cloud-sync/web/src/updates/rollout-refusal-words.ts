import type { RefusalParamWords } from '../app/refusal-text';

const STAGES = new Set(['store', 'region', 'all']);
const ROLES = new Set(['admin', 'regional_manager', 'technician']);

/**
 * The names a rollout refusal's parameters stand for (shared/central/edge-releases.ts,
 * RolloutRefusalCode): stages and roles in the page's words, regions by their name.
 */
export function rolloutParamWords(regions: readonly { id: string; name: string }[]): RefusalParamWords {
  return (name, value, i18n) => {
    if ((name === 'stage' || name === 'current' || name === 'next') && STAGES.has(value))
      return i18n.t(`updates.stages.${value}`);
    if (name === 'role' && ROLES.has(value)) return i18n.t(`role.${value}`);
    if (name === 'region' || name === 'storeRegion') return regions.find((r) => r.id === value)?.name;
    return undefined;
  };
}
