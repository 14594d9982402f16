import type { UserCaller } from '../auth/caller';
import { type RolloutRefusal, rolloutRefusal } from './rollout-refusal';
import type { StageScope } from './rollout-rules';

/**
 * Who may roll software out where. Admins: any stage, uploads and overrides. A regional
 * manager: the 'store' and 'region' stages inside their own region (start, advance, halt),
 * never 'all' and never an override — a fleet-wide push or skipping a health gate is head
 * office's decision. Everyone else reads nothing here but the box list of their scope.
 */
export function scopeRefusal(
  user: UserCaller,
  scope: StageScope,
  storeRegion: string | null,
): RolloutRefusal | null {
  if (user.role === 'admin') return null;
  if (user.role !== 'regional_manager')
    return rolloutRefusal('rollout.role_may_not', `role ${user.role} may not roll out edge software`, {
      role: user.role,
    });
  if (!user.regionId)
    return rolloutRefusal(
      'rollout.manager_without_region',
      'a regional manager without a region may not roll out edge software',
    );
  if (scope.stage === 'all')
    return rolloutRefusal('rollout.all_admin_only', "only an admin may roll out to every store ('all')");
  const region = scope.stage === 'region' ? scope.target : storeRegion;
  if (region !== user.regionId)
    return rolloutRefusal(
      'rollout.beyond_region',
      `the rollout reaches beyond your region ${user.regionId}`,
      {
        region: user.regionId,
      },
    );
  return null;
}
