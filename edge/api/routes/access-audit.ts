import { AccessAuditList, AccessAuditQuery } from '../../../shared/permissions-audit';
import type { AccessAuditStore } from '../../store/access-audit-store';
import { defineRoute, type EdgeRoute } from '../edge-route';

/**
 * The audit of refused actions: a permission missing or a duty kept apart, who was
 * refused, when, and why. Read by the store manager, finance and the admin, whom
 * segregation of duties is meant to reassure.
 */
export function accessAuditRoutes(deps: { audit: Pick<AccessAuditStore, 'list'> }): EdgeRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/access-audit',
      summary: 'Refused actions (a missing permission, a duty kept apart), newest first',
      tags: ['access'],
      access: 'audit.read',
      querystring: AccessAuditQuery,
      response: AccessAuditList,
      handler: ({ query }) => deps.audit.list(query),
    }),
  ];
}
