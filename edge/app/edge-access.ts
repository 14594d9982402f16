import type { IntegrationClient } from '../../shared/config/integrations';
import type { StoreConfig } from '../../shared/config/store-config';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import { EdgeBroker, type EdgeBrokerDeps } from '../broker/edge-broker';
import { RevokedIntegrations } from '../domains/closing/revoked-integrations';
import { ClaimKeyStore } from '../domains/commissioning/claim/claim-key-store';
import { DeviceClaimService } from '../domains/commissioning/claim/device-claim-service';
import { DisplayCredentials } from '../domains/displays/display-credentials';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import { AccessAuditStore } from '../store/access-audit-store';
import { DeviceCredentials } from '../store/credentials-store';
import type { Database } from '../store/database';
import { SessionsStore } from '../store/sessions-store';

/** Who may reach the box: people's sessions, paired displays, devices, integration clients, claims. */
export interface EdgeAccess {
  sessions: SessionsStore;
  /** refusals, for the access audit */
  accessAudit: AccessAuditStore;
  displays: DisplayCredentials;
  credentials: DeviceCredentials;
  revokedIntegrations: RevokedIntegrations;
  claims: DeviceClaimService;
}

export function buildEdgeAccess(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  storeId: string;
  current: () => StoreConfig;
}): EdgeAccess {
  const { db, clock, logger, storeId } = deps;
  const sessions = new SessionsStore(db, clock);
  const accessAudit = new AccessAuditStore(db, clock, {
    onWriteError: (err, refusal) =>
      logger.child({ ns: 'api.audit' }).error({ err, refusal }, 'could not write a refusal to the audit'),
  });
  const displays = new DisplayCredentials({ db, clock });
  const credentials = new DeviceCredentials({ db, clock });
  // Integration clients revoked at closing stay refused though the config lists them.
  const revokedIntegrations = new RevokedIntegrations(db);
  const claims = new DeviceClaimService({
    db,
    keys: new ClaimKeyStore({ db, clock, storeId }),
    credentials,
    equipment: () => deps.current().equipment,
    storeId,
    clock,
    logger,
  });
  return { sessions, accessAudit, displays, credentials, revokedIntegrations, claims };
}

/** The integration client of this username in the config in force, unless it was revoked at closing. */
export function integrationClientOf(
  access: EdgeAccess,
  current: () => StoreConfig,
): (username: string) => IntegrationClient | undefined {
  return (username) =>
    access.revokedIntegrations.has(username)
      ? undefined
      : current().integrations.find((client) => client.username === username);
}

/** The MQTT broker, admitting what the access stores admit. */
export function edgeBrokerFor(
  access: EdgeAccess,
  deps: {
    config: StoreConfig;
    ingest: IngestPipeline;
    posOrders: NonNullable<EdgeBrokerDeps['posOrders']>;
    clock: Clock;
    logger: Logger;
  },
): EdgeBroker {
  const { claims, credentials, revokedIntegrations, displays, sessions } = access;
  return new EdgeBroker({
    claims,
    posOrders: deps.posOrders,
    config: deps.config,
    credentials: {
      check: (id, secret) => credentials.check(id, secret),
      integrationRevoked: (username) => revokedIntegrations.has(username),
      deviceActive: (id) => credentials.deviceActive(id),
    },
    gate: deps.ingest,
    clock: deps.clock,
    logger: deps.logger,
    // A paired display's credential; a person's session token works too (a phone showing the board).
    verifyDisplayToken: (token) =>
      displays.verify(token) !== undefined || sessions.verify(token) !== undefined,
  });
}
