import type { CentralMe } from '../../../shared/central/api';

/** A person with a session; what they may see follows from role, region and assigned stores. */
export type UserCaller = CentralMe;

/** An edge box holding a store token: it may only ever write its own store. */
export interface StoreCaller {
  storeId: string;
  tokenId: string;
}

/**
 * The stores a person may see, as a filter: `null` means all (admin). Regional
 * managers see their region, technicians the stores they are assigned to.
 */
export type StoreScope = null | { regionId: string } | { storeIds: readonly string[] };

export function scopeOf(caller: UserCaller): StoreScope {
  switch (caller.role) {
    case 'admin':
      return null;
    case 'regional_manager':
      // A regional manager without a region sees nothing rather than everything.
      return { regionId: caller.regionId ?? '' };
    case 'technician':
      return { storeIds: caller.storeIds };
    case 'regional_purchaser':
      return { regionId: caller.regionId ?? '' };
    case 'finance':
      // Head office's finance (no region) sees every store; a region's, its region.
      return caller.regionId ? { regionId: caller.regionId } : null;
  }
}
