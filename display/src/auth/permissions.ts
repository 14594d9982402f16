import type { Permission } from '../../../shared/permissions';
import { mayDo, permissionsOf } from '../../../shared/permissions-table';
import type { Role, SessionRole } from '../../../shared/roles';

/** Someone who holds roles: a signed-in person, or a user of the store picked before their PIN. */
export interface RoleHolder {
  role: Role;
  roles?: readonly SessionRole[] | undefined;
}

/**
 * What a signed-in person may do: what the edge answered at login, or, from an edge too old
 * to answer it, what the roles held grant through the same shared table.
 */
export function sessionPermissions(
  session: RoleHolder & { permissions?: readonly Permission[] | undefined },
) {
  return session.permissions
    ? [...session.permissions]
    : permissionsOf([session.role, ...(session.roles ?? [])]);
}

/** Whether a person may do this: the display offers only what they may; the edge checks again. */
export function personMay(
  person: RoleHolder & { permissions?: readonly Permission[] | undefined },
  permission: Permission,
): boolean {
  return sessionPermissions(person).includes(permission);
}

/** Whether a user of the store may do this, to offer only those who may in a picker before their PIN. */
export function userMay(user: RoleHolder, permission: Permission): boolean {
  return mayDo([user.role, ...(user.roles ?? [])], permission);
}
