export type FoodSafetyErrorCode =
  | 'CONTROL_POINT_NOT_FOUND'
  | 'ACTION_NOT_FOUND'
  | 'ACTION_NOT_OPEN'
  /** the signer is not a person in charge (manager or admin) */
  | 'NOT_IN_CHARGE'
  /** a sign-off without what was done, the disposition, the quantity, or where moved product went */
  | 'SIGN_OFF_INCOMPLETE'
  /** a cooling failure is reheated and re-cooled or discarded; only a cooling failure is re-cooled */
  | 'DISPOSITION_NOT_ALLOWED'
  | 'COOLING_NOT_CONFIGURED'
  /** the equipment is not one of `foodSafety.cooling.probes` */
  | 'NOT_A_PROBE'
  /** the probe is already in a batch that is cooling */
  | 'PROBE_BUSY'
  | 'BATCH_NOT_FOUND'
  /** the batch passed or was discarded */
  | 'BATCH_CLOSED'
  | 'CHECK_NOT_FOUND'
  /** no slot of the check is due at that instant */
  | 'SLOT_NOT_FOUND'
  /** too early: the slot's entry opens shortly before it is due */
  | 'SLOT_NOT_OPEN'
  /** the slot already has its record, a value or missed */
  | 'SLOT_RECORDED'
  | 'TIME_CONTROL_NOT_CONFIGURED'
  /** no such option in the time_control limit */
  | 'OPTION_NOT_FOUND'
  /** food too warm (or not hot enough) to leave temperature control under the option */
  | 'TOO_WARM_TO_START';

/** Thrown low, turned into an HTTP answer by the routes; the message carries both languages. */
export class FoodSafetyError extends Error {
  constructor(
    readonly code: FoodSafetyErrorCode,
    en: string,
    zh: string,
  ) {
    super(`${en} / ${zh}`);
    this.name = 'FoodSafetyError';
  }
}
