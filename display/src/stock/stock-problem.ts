import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { RequestError } from '../../../shared/browser/json-client';
import { PERMISSION_LABELS, type Permission } from '../../../shared/permissions';
import { peopleRolesWith } from '../../../shared/permissions-table';
import type { Role } from '../../../shared/roles';
import { personMay } from '../auth/permissions';
import { LoginCancelled, type PersonSession } from '../auth/person-session';

/** What a person sees when a stock change did not go through; nothing when they closed the PIN pad. */
export function stockProblem(err: unknown, t: TFunction): string | undefined {
  if (err instanceof LoginCancelled) return undefined;
  if (err instanceof NeedsPermission) {
    const lang = t('app.code') === 'zh-CN' ? 'zh-CN' : 'en';
    return t('stock.needsPermission', {
      name: err.person,
      role: t(`role.${err.role}`),
      action: PERMISSION_LABELS[err.permission][lang],
      roles: peopleRolesWith(err.permission)
        .map((role) => t(`role.${role}`))
        .join(lang === 'en' ? ', ' : '、'),
    });
  }
  if (err instanceof RequestError) {
    const message = err.messageIn(t('app.code'));
    if (err.status === 400) return t('stock.refused', { message });
    if (err.status === 403) return t('stock.forbidden', { message });
    if (err.status === 409) return t('stock.conflict', { message });
  }
  return t('stock.failed', { message: err instanceof Error ? err.message : String(err) });
}

/** The person logged in may not do this (the edge would refuse them too): said before anything is sent. */
export class NeedsPermission extends Error {
  readonly code = 'NEEDS_PERMISSION';
  constructor(
    readonly person: string,
    readonly role: Role,
    readonly permission: Permission,
  ) {
    super(`${person} (${role}) lacks the permission ${permission}`);
  }
}

/** Counts, deliveries, reorders and purchase decisions each need their permission (shared table). */
export function requirePermissionOf(person: PersonSession, permission: Permission): void {
  if (!personMay(person, permission)) throw new NeedsPermission(person.name, person.role, permission);
}

/** The first problem the shared schema finds in a request before it is sent, with where it is. */
export function schemaProblem(error: z.ZodError): { path: string; message: string } {
  const issue = error.issues[0];
  return { path: issue ? issue.path.join('.') : '', message: issue?.message ?? error.message };
}

/** The ingredients a refusal names (`"bun" is kept in dry-store …`), to mark their lines. */
export function namedIngredients(message: string, ids: readonly string[]): Set<string> {
  return new Set(ids.filter((id) => message.includes(`"${id}"`)));
}
