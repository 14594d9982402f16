import type { AuthErrorCode, AuthenticateError, Client } from 'aedes';
import { verifySecret } from '../../../shared/secret-hash';
import type { BrokerContext } from '../broker-context';
import type { RefusalReason } from '../broker-stats';
import { type ClientIdentity, DISPLAY_USERNAME, resolveAcl } from '../client-identity';

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
  unknown_user: CONNACK.badUserNameOrPassword,
  bad_secret: CONNACK.badUserNameOrPassword,
  bad_token: CONNACK.badUserNameOrPassword,
  not_provisioned: CONNACK.notAuthorized,
  revoked: CONNACK.notAuthorized,
};

/** A refused CONNECT; aedes answers with `returnCode` and closes the connection. */
export class ConnectRefusedError extends Error implements AuthenticateError {
  readonly code = 'CONNECT_REFUSED';
  readonly returnCode: AuthErrorCode;

  constructor(readonly reason: RefusalReason) {
    super(`connection refused: ${reason}`);
    this.name = 'ConnectRefusedError';
    this.returnCode = CODE_FOR[reason] as number as AuthErrorCode;
  }
}

type Verdict = { ok: true; identity: ClientIdentity } | { ok: false; reason: RefusalReason };

export function createAuthenticate(ctx: BrokerContext) {
  return (
    client: Client,
    username: Readonly<string | undefined>,
    password: Readonly<Buffer | undefined>,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ) => {
    const verdict = decide(ctx, client, username ?? '', password?.toString('utf8') ?? '');
    if (verdict.ok) {
      ctx.identities.set(client, verdict.identity);
      done(null, true);
      return;
    }
    ctx.stats.refused(verdict.reason);
    ctx.log.warn(
      { clientId: client.id, username, reason: verdict.reason, remote: remoteAddress(client) },
      'connection refused',
    );
    done(new ConnectRefusedError(verdict.reason), false);
  };
}

function decide(ctx: BrokerContext, client: Client, username: string, secret: string): Verdict {
  if (ctx.rejectedIdentifiers.has(client)) return { ok: false, reason: 'identifier_rejected' };
  const connected = ctx.broker()?.connectedClients ?? 0;
  if (connected >= ctx.config.limits.maxConnections) return { ok: false, reason: 'server_unavailable' };

  if (username === DISPLAY_USERNAME) {
    return ctx.verifyDisplayToken(secret)
      ? { ok: true, identity: { kind: 'display', name: DISPLAY_USERNAME } }
      : { ok: false, reason: 'bad_token' };
  }
  const integration = ctx.config.integrations.find((i) => i.username === username);
  if (integration) {
    return verifySecret(secret, integration.secretHash)
      ? {
          ok: true,
          identity: {
            kind: 'integration',
            name: username,
            acl: resolveAcl(integration.acl, ctx.config.store.id),
          },
        }
      : { ok: false, reason: 'bad_secret' };
  }
  if (!ctx.config.equipment.some((e) => e.id === username)) return { ok: false, reason: 'unknown_user' };
  const check = ctx.credentials.check(username, secret);
  if (check !== 'ok') return { ok: false, reason: check };
  return { ok: true, identity: { kind: 'device', name: username, equipmentId: username } };
}

export function remoteAddress(client: Client): string | undefined {
  const conn = client.conn as { remoteAddress?: string };
  return conn.remoteAddress;
}
