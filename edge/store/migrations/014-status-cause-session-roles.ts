import type { Migration } from './index';

/**
 * `device_status.cause`: what last changed a device's presence (DeviceStatusCause), so
 * the board can tell equipment switched off on purpose (`shutdown`) from equipment that
 * stopped reporting. Rows from before have none, which reads as an unexplained change.
 *
 * `sessions.roles`: every role a session holds (a JSON array), since a user may add
 * `roles` to their `role`; sessions from before hold their one `role` only.
 */
export const m014StatusCauseSessionRoles: Migration = {
  version: 14,
  name: 'status-cause-session-roles',
  sql: `
    ALTER TABLE device_status ADD COLUMN cause TEXT;
    ALTER TABLE sessions ADD COLUMN roles TEXT;
  `,
};
