export type MaintenanceErrorCode =
  | 'PM_NOT_FOUND'
  | 'PM_STEP_NOT_FOUND'
  | 'PM_NOT_OPEN'
  | 'PM_VALUE_REQUIRED'
  | 'PM_CHECKLIST_INCOMPLETE'
  | 'PM_FORBIDDEN'
  | 'PM_BAD_PIN'
  | 'PM_UNKNOWN_METER';

export class MaintenanceError extends Error {
  constructor(
    readonly code: MaintenanceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MaintenanceError';
  }
}
