import type { AuthErrorCode, AuthenticateError, Client, PublishPacket } from 'aedes';
import { CLAIM_USERNAME_PREFIX } from '../../../shared/api/device-claim';
import type { BrokerContext } from '../broker-context';
import type { RefusalReason } from '../broker-stats';
import { type ClientIdentity, DISPLAY_USERNAME, resolveAcl } from '../client-identity';
import { IdentityConnections } from '../identity-connections';
import { IntegrationLogins } from '../integration-logins';
import { sessionClientId } from '../session-binding';
import { willRefusal } from '../will-policy';

/** CONNACK return codes of MQTT 3.1.1 §3.2.2.3 that a refusal can carry. */
const CONNACK = {
  identifierRejected: 2,
  serverUnavailable: 3,
  badUserNameOrPassword: 4,
  notAuthorized: 5,
} as const;

const CODE_FOR: Record<RefusalReason, (typeof CONNACK)[keyof typeof CONNACK]> = {
  identifier_rejected: CONNACK.identifierRejected,
  server_unavailable: CONNACK.serverUnavailable,
  // "Server unavailable" is the 3.1.1 code a client takes as "try again later".
  login_throttled: CONNACK.serverUnavailable,
  too_many_connections: CONNACK.serverUnavailable,
  unknown_user: CONNACK.badUserNameOrPassword,
  bad_secret: CONNACK.badUserNameOrPassword,
  bad_token: CONNACK.badUserNameOrPassword,
  not_provisioned: CONNACK.notAuthorized,
  revoked: CONNACK.notAuthorized,
  will_not_allowed: CONNACK.notAuthorized,
  // Device claim: a key that is not a key reads as a wrong password; a real key that may
  // not be used here (expired, revoked, another store's) or a refused serial as not authorized.
  claim_throttled: CONNACK.serverUnavailable,
  claim_key_malformed: CONNACK.badUserNameOrPassword,
  claim_key_unknown: CONNACK.badUserNameOrPassword,
  claim_key_other_store: CONNACK.notAuthorized,
  claim_key_expired: CONNACK.notAuthorized,
  claim_key_revoked: CONNACK.notAuthorized,
  claim_refused: CONNACK.notAuthorized,
};

/** A refused CONNECT; aedes answers with `returnCode` and closes the connection. */
export class ConnectRefusedError extends Error implements AuthenticateError {
  readonly code = 'CONNECT_REFUSED';
  readonly returnCode: AuthErrorCode;

  constructor(
    readonly reason: RefusalReason,
    detail?: string,
  ) {
    super(detail ? `connection refused: ${reason}: ${detail}` : `connection refused: ${reason}`);
    this.name = 'ConnectRefusedError';
    this.returnCode = CODE_FOR[reason] as number as AuthErrorCode;
  }
}

type Verdict = { ok: true; identity: ClientIdentity } | { ok: false; reason: RefusalReason; detail?: string };

/**
 * CONNECT: who is it (device secret, integration secret, display token), may it
 * connect now (store-wide and per-identity connection caps), and is its Last Will
 * one it could publish itself. On success the client id is bound to the identity,
 * so another identity presenting the same client id gets a session of its own.
 */
export function createAuthenticate(ctx: BrokerContext) {
  const integrationLogins = new IntegrationLogins(ctx.clock);
  const perIdentity = new IdentityConnections();

  function refuse(
    client: Client,
    username: string | undefined,
    verdict: { reason: RefusalReason; detail?: string },
  ) {
    ctx.stats.refused(verdict.reason);
    ctx.log.warn(
      {
        clientId: client.id,
        username,
        reason: verdict.reason,
        detail: verdict.detail,
        remote: remoteAddress(client),
      },
      'connection refused',
    );
    return new ConnectRefusedError(verdict.reason, verdict.detail);
  }

  return (
    client: Client,
    username: Readonly<string | undefined>,
    password: Readonly<Buffer | undefined>,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ) => {
    decide(ctx, integrationLogins, client, username ?? '', password?.toString('utf8') ?? '').then(
      (verdict) => {
        if (verdict.ok) verdict = admit(ctx, perIdentity, client, verdict.identity);
        if (!verdict.ok) {
          done(refuse(client, username, verdict), false);
          return;
        }
        ctx.identities.set(client, verdict.identity);
        done(null, true);
      },
      (err: unknown) => {
        ctx.log.error({ err, clientId: client.id, username }, 'authentication failed unexpectedly');
        done(refuse(client, username, { reason: 'server_unavailable' }), false);
      },
    );
  };
}

async function decide(
  ctx: BrokerContext,
  integrationLogins: IntegrationLogins,
  client: Client,
  username: string,
  secret: string,
): Promise<Verdict> {
  if (ctx.rejectedIdentifiers.has(client)) return { ok: false, reason: 'identifier_rejected' };
  const connected = ctx.broker()?.connectedClients ?? 0;
  if (connected >= ctx.config.limits.maxConnections) return { ok: false, reason: 'server_unavailable' };

  if (ctx.claims && username.startsWith(CLAIM_USERNAME_PREFIX)) {
    const claim = ctx.claims.admit({ username, claimKey: secret, remoteAddress: remoteAddress(client) });
    if (!claim.ok) return claim;
    // '_' cannot start an equipment id and there is no ':', so the name is a session key of its own.
    return { ok: true, identity: { kind: 'claim', name: `_claim.${claim.serial}`, serial: claim.serial } };
  }
  if (username === DISPLAY_USERNAME) {
    return ctx.verifyDisplayToken(secret)
      ? { ok: true, identity: { kind: 'display', name: DISPLAY_USERNAME } }
      : { ok: false, reason: 'bad_token' };
  }
  const integration = ctx.config.integrations.find((i) => i.username === username);
  if (integration) {
    if (ctx.credentials.integrationRevoked?.(username)) return { ok: false, reason: 'revoked' };
    const address = remoteAddress(client) ?? 'unknown';
    const result = await integrationLogins.verify(username, secret, integration.secretHash, address);
    if (result === 'ok') {
      return {
        ok: true,
        identity: {
          kind: 'integration',
          name: username,
          acl: resolveAcl(integration.acl, ctx.config.store.id),
        },
      };
    }
    if (result === 'throttled') {
      const waitS = Math.ceil(integrationLogins.retryAfterMs(username, address) / 1000);
      return { ok: false, reason: 'login_throttled', detail: `too many wrong secrets; retry in ${waitS} s` };
    }
    if (result === 'busy')
      return { ok: false, reason: 'server_unavailable', detail: 'too many logins at once' };
    return { ok: false, reason: 'bad_secret' };
  }
  if (!ctx.config.equipment.some((e) => e.id === username)) return { ok: false, reason: 'unknown_user' };
  const check = ctx.credentials.check(username, secret);
  if (check !== 'ok') return { ok: false, reason: check };
  return { ok: true, identity: { kind: 'device', name: username, equipmentId: username } };
}

/** Checks that need the identity: its Last Will, its session, its connection cap. */
function admit(
  ctx: BrokerContext,
  perIdentity: IdentityConnections,
  client: Client,
  identity: ClientIdentity,
): Verdict {
  const will = (client as Client & { _will?: PublishPacket | null })._will;
  const willProblem = will ? willRefusal(identity, will, ctx.config.store.id) : undefined;
  if (willProblem) return { ok: false, reason: 'will_not_allowed', detail: willProblem };

  // aedes looks the session up (and takes over a connection) by client.id right after this hook.
  (client as { id: string }).id = sessionClientId(identity, client.id);
  const limits = ctx.config.limits;
  const cap =
    identity.kind === 'device'
      ? limits.maxConnectionsPerDevice
      : identity.kind === 'integration'
        ? limits.maxConnectionsPerIntegration
        : identity.kind === 'claim'
          ? 1
          : Number.POSITIVE_INFINITY;
  if (!perIdentity.tryAdmit(`${identity.kind}:${identity.name}`, client, cap)) {
    return {
      ok: false,
      reason: 'too_many_connections',
      detail: `${identity.name} already holds ${cap} connection(s)`,
    };
  }
  return { ok: true, identity };
}

export function remoteAddress(client: Client): string | undefined {
  const conn = client.conn as { remoteAddress?: string };
  return conn.remoteAddress;
}
