import type { Permission } from '../../shared/permissions';
import { type ApiRoute, routeDefiner } from '../../shared/server/http/route-registry';
import type { Session } from '../store/sessions-store';
import type { RefusalAudit } from './refusal-audit';

/**
 * Who may call an edge route besides `'public'`: a caller holding this permission through
 * any of its roles (the table in shared/permissions-table.ts says which roles do).
 */
export type EdgeAccess = Permission;

/** The caller of an edge route that is not public. */
export interface AuthContext {
  session: Session;
  /** The bearer token itself, so logout can end exactly this session. */
  token: string;
  /** Where refusals of this caller's actions are written down; absent where nothing audits. */
  audit?: RefusalAudit | undefined;
}

export type EdgeRoute = ApiRoute<EdgeAccess, AuthContext>;

/** The edge's routes: access is the permission a route needs, the caller a session. */
export const defineRoute = routeDefiner<EdgeAccess, AuthContext>();
