import type { ClientIdentity } from './client-identity';

/**
 * The client id aedes keys a session by (persistent subscriptions, queued QoS 1
 * messages, the takeover of an older connection — MQTT-3.1.4-2), bound to the
 * identity that authenticated. A client id alone proves nothing: without this,
 * device B presenting device A's client id would disconnect A, and with
 * CleanSession=0 inherit A's session and receive what was queued for A. With it,
 * B gets a fresh session of its own and A is untouched; the same identity
 * reconnecting with its own client id still resumes (or takes over) its session.
 * Identity names cannot contain ':' (equipment ids and integration usernames are
 * [a-z0-9_-]), so the first ':' separates them unambiguously.
 */
export function sessionClientId(identity: ClientIdentity, clientId: string): string {
  return `${identity.name}:${clientId}`;
}
