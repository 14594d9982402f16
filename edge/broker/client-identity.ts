import type { AclRule } from '../../shared/config/integrations';

/** Who is behind an MQTT connection, decided once at CONNECT. */
export type ClientIdentity =
  | { kind: 'device'; name: string; equipmentId: string }
  | { kind: 'integration'; name: string; acl: AclRule[] }
  | { kind: 'display'; name: string }
  /** a device claiming credentials at commissioning: its reply topic only (topic-access.ts) */
  | { kind: 'claim'; name: string; serial: string };

/** The internal username of the kitchen display; its password is an API session token. */
export const DISPLAY_USERNAME = 'display';

/** Integration ACL topics with `%s` replaced by the store id, as Mosquitto does with pattern lines. */
export function resolveAcl(acl: AclRule[], storeId: string): AclRule[] {
  return acl.map((rule) => ({ topic: rule.topic.replaceAll('%s', storeId), access: rule.access }));
}
