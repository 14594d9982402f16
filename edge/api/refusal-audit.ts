/**
 * What the edge writes down when it refuses someone an action: a missing permission or a
 * breach of segregation of duties. The store is edge/audit/access-audit.ts; the API only
 * needs to hand it a refusal.
 */
export interface AccessRefusal {
  /** the user (or `display:<id>`, `integration:<name>`) refused */
  userId: string;
  roles: readonly string[];
  /** the permission missing, or the segregation rule that stood in the way */
  action: string;
  /** what was asked: `METHOD /route` for a route, or the document (`stock-purchase:12`) */
  subject: string;
  /** why, in English (the answer carried both languages) */
  reason: string;
}

export interface RefusalAudit {
  refused(refusal: AccessRefusal): void;
}
