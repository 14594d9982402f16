import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { RequestError } from '../../../shared/browser/json-client';
import type { Role } from '../../../shared/roles';
import { LoginCancelled, ROLE_RANK } from '../auth/person-session';

/** What a person sees when a stock change did not go through; nothing when they closed the PIN pad. */
export function stockProblem(err: unknown, t: TFunction): string | undefined {
  if (err instanceof LoginCancelled) return undefined;
  if (err instanceof NeedsManager)
    return t('stock.needsManager', { name: err.person, role: t(`role.${err.role}`) });
  if (err instanceof RequestError) {
    const message = err.messageIn(t('app.code'));
    if (err.status === 400) return t('stock.refused', { message });
    if (err.status === 403) return t('stock.forbidden', { message });
    if (err.status === 409) return t('stock.conflict', { message });
  }
  return t('stock.failed', { message: err instanceof Error ? err.message : String(err) });
}

/** The person logged in may not do this (the edge would refuse them too): said before anything is sent. */
export class NeedsManager extends Error {
  readonly code = 'NEEDS_MANAGER';
  constructor(
    readonly person: string,
    readonly role: Role,
  ) {
    super(`${person} (${role}) is not a manager`);
  }
}

/** Counts, deliveries, reorders and purchase decisions are a manager's (the edge's `MANAGERS`). */
export function isManager(role: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK.manager;
}

export function requireManager(person: { name: string; role: Role }): void {
  if (!isManager(person.role)) throw new NeedsManager(person.name, person.role);
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
