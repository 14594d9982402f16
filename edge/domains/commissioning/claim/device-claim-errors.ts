export type DeviceClaimErrorCode =
  | 'CLAIM_NOT_FOUND'
  | 'CLAIM_NOT_OPEN'
  | 'EQUIPMENT_UNKNOWN'
  | 'EQUIPMENT_HAS_CREDENTIALS'
  | 'EQUIPMENT_TAKEN';

/** A technician's accept or reject that cannot be done; the routes answer 404/409/422. */
export class DeviceClaimError extends Error {
  constructor(
    readonly code: DeviceClaimErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeviceClaimError';
  }
}
