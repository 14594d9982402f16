import { z } from 'zod';
import {
  CENTRAL_ROUTES,
  CentralUser,
  CentralUserList,
  ConfigVersionInfo,
  ConfigVersionList,
  CreateRegionRequest,
  CreateStoreRequest,
  CreateUserRequest,
  CreateWebhookRequest,
  DeliveriesQuery,
  IssuedStoreToken,
  Ok,
  PushConfigRequest,
  Region,
  StoreParams,
  StoreTokenInfo,
  StoreTokenList,
  TokenParams,
  Webhook,
  WebhookDeliveryList,
  WebhookList,
  WebhookParams,
} from '../../../../shared/central/api';
import { StoreId } from '../../../../shared/ids';
import { notFound } from '../../../../shared/server/http/errors';
import type { CentralContext } from '../../central-context';
import { type CentralRoute, centralRoute, userOf } from '../central-route';
import { ADMINS } from '../roles';

const StoreRecord = z.object({ id: StoreId, name: z.string(), regionId: z.string() });

/** Configuration of the central service itself; admins only (everyone else gets 403). */
export function adminRoutes(
  ctx: Pick<CentralContext, 'directory' | 'tokens' | 'configs' | 'users' | 'webhooks'>,
): CentralRoute[] {
  const mustExist = async (storeId: string) => {
    if (!(await ctx.directory.store(storeId, null))) throw notFound(`no store "${storeId}"`);
  };
  const admin = { access: ADMINS, tags: ['admin'] };
  return [
    centralRoute({
      ...admin,
      method: 'POST',
      url: CENTRAL_ROUTES.adminRegions,
      summary: 'Add a region',
      body: CreateRegionRequest,
      response: Region,
      status: 201,
      errors: [409],
      handler: ({ body }) => ctx.directory.addRegion(body.id, body.name),
    }),
    centralRoute({
      ...admin,
      method: 'POST',
      url: CENTRAL_ROUTES.adminStores,
      summary: 'Add a store (its region is created if new)',
      body: CreateStoreRequest,
      response: StoreRecord,
      status: 201,
      errors: [409],
      handler: ({ body }) => ctx.directory.addStore(body),
    }),
    centralRoute({
      ...admin,
      method: 'GET',
      url: CENTRAL_ROUTES.adminStoreTokens,
      summary: "A store's sync tokens (never the secrets)",
      params: StoreParams,
      response: StoreTokenList,
      errors: [404],
      handler: async ({ params }) => {
        await mustExist(params.storeId);
        return ctx.tokens.list(params.storeId);
      },
    }),
    centralRoute({
      ...admin,
      method: 'POST',
      url: CENTRAL_ROUTES.adminStoreTokens,
      summary: 'Issue a sync token for a store; the token is shown only in this answer',
      params: StoreParams,
      response: IssuedStoreToken,
      status: 201,
      errors: [404],
      handler: ({ params }) => ctx.tokens.issue(params.storeId),
    }),
    centralRoute({
      ...admin,
      method: 'DELETE',
      url: CENTRAL_ROUTES.adminToken,
      summary: 'Revoke a store token; the edge holding it is refused from then on',
      params: TokenParams,
      response: StoreTokenInfo,
      errors: [404],
      handler: ({ params }) => ctx.tokens.revoke(params.tokenId),
    }),
    centralRoute({
      ...admin,
      method: 'GET',
      url: CENTRAL_ROUTES.adminStoreConfig,
      summary: "A store's pushed configuration versions, newest first, with what the edge reported",
      params: StoreParams,
      response: ConfigVersionList,
      errors: [404],
      handler: async ({ params }) => {
        await mustExist(params.storeId);
        return ctx.configs.list(params.storeId, 100);
      },
    }),
    centralRoute({
      ...admin,
      method: 'POST',
      url: CENTRAL_ROUTES.adminStoreConfig,
      summary: 'Push a configuration overlay to a store as its next version',
      params: StoreParams,
      body: PushConfigRequest,
      response: ConfigVersionInfo,
      status: 201,
      errors: [404],
      handler: ({ params, body, auth: caller }) =>
        ctx.configs.push(params.storeId, body.overlay, userOf(caller).username),
    }),
    centralRoute({
      ...admin,
      method: 'GET',
      url: CENTRAL_ROUTES.adminUsers,
      summary: 'Users of the central service',
      response: CentralUserList,
      handler: () => ctx.users.list(),
    }),
    centralRoute({
      ...admin,
      method: 'POST',
      url: CENTRAL_ROUTES.adminUsers,
      summary: 'Add a user (admin, regional_manager of a region, technician of stores)',
      body: CreateUserRequest,
      response: CentralUser,
      status: 201,
      errors: [404, 409],
      handler: ({ body }) => ctx.users.add(body),
    }),
    centralRoute({
      ...admin,
      method: 'GET',
      url: CENTRAL_ROUTES.adminWebhooks,
      summary: 'Webhooks notified of new critical alarms and escalations, per region',
      response: WebhookList,
      handler: () => ctx.webhooks.list(),
    }),
    centralRoute({
      ...admin,
      method: 'POST',
      url: CENTRAL_ROUTES.adminWebhooks,
      summary: 'Add a webhook (WeCom, DingTalk or Slack message shape) for a region',
      body: CreateWebhookRequest,
      response: Webhook,
      status: 201,
      errors: [404],
      handler: ({ body }) => ctx.webhooks.create(body),
    }),
    centralRoute({
      ...admin,
      method: 'DELETE',
      url: CENTRAL_ROUTES.adminWebhook,
      summary: 'Remove a webhook and its queued deliveries',
      params: WebhookParams,
      response: Ok,
      errors: [404],
      handler: async ({ params }) => {
        await ctx.webhooks.remove(params.webhookId);
        return { ok: true as const };
      },
    }),
    centralRoute({
      ...admin,
      method: 'GET',
      url: CENTRAL_ROUTES.adminWebhookDeliveries,
      summary: 'Webhook deliveries, newest first: pending (with next attempt), delivered, failed',
      querystring: DeliveriesQuery,
      response: WebhookDeliveryList,
      handler: ({ query }) => ctx.webhooks.deliveries(query.status, query.limit),
    }),
  ];
}
