import type { SessionRole } from '../../shared/roles';
import { type ApiRoute, routeDefiner } from '../../shared/server/http/route-registry';
import type { Session } from '../store/sessions-store';

/** Who may call an edge route besides `'public'`: a bearer session of one of these roles. */
export type EdgeAccess = readonly SessionRole[];

/** The caller of an edge route that is not public. */
export interface AuthContext {
  session: Session;
  /** The bearer token itself, so logout can end exactly this session. */
  token: string;
}

export type EdgeRoute = ApiRoute<EdgeAccess, AuthContext>;

/** The edge's routes: access is a list of session roles, the caller a session. */
export const defineRoute = routeDefiner<EdgeAccess, AuthContext>();
