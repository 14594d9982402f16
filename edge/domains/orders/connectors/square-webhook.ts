import { PosOrderSubmission } from '../../../../shared/api/orders';
import {
  SQUARE_ORDER_EVENT_TYPES,
  type SquareOrder,
  SquareRetrieveOrderResponse,
  type SquareWebhookAnswer,
  SquareWebhookNotification,
} from '../../../../shared/api/pos-connectors';
import type { SquareConnectorSettings } from '../../../../shared/config/pos-connectors';
import type { Logger } from '../../../../shared/server/runtime/logger';
import type { Counter, MetricsRegistry } from '../../../../shared/server/runtime/metrics';
import type { OrderIntakePort } from '../order-intake-port';
import { canonicalFromSquare, SQUARE_SOURCE } from './square-order-mapping';
import { verifySquareSignature } from './square-signature';

/** The Square API version the retrieve call asks for; the fields read here are stable across versions. */
const SQUARE_VERSION = '2025-01-23';

export type SquareWebhookErrorCode =
  | 'BAD_SIGNATURE'
  | 'BAD_NOTIFICATION'
  | 'RETRIEVE_FAILED'
  | 'UNMAPPABLE'
  | 'NOT_CONFIGURED';

export class SquareWebhookError extends Error {
  constructor(
    readonly code: SquareWebhookErrorCode,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = 'SquareWebhookError';
  }
}

export interface SquareWebhookDeps {
  settings: SquareConnectorSettings;
  signatureKey: string;
  accessToken?: string | undefined;
  intake: OrderIntakePort;
  logger: Logger;
  metrics: MetricsRegistry;
  fetch?: typeof fetch;
}

/**
 * Square order webhooks into the orders room. A notification only says "order X is
 * at version N now", so the order itself is retrieved from Square's Orders API and
 * mapped onto the canonical order; the intake then dedupes on the notification's
 * event_id (Square redelivers the same event_id) and on the version. Nothing is
 * acknowledged before the intake has stored it: a failure answers non-2xx and
 * Square delivers again.
 *
 * The retrieve step needs Square itself, on the internet: with the WAN down a real
 * feed's notifications fail with 502 and are redelivered by Square once it is back
 * (in the demo the retrieve API is the POS simulator on the LAN).
 */
export class SquareWebhookConnector {
  private readonly outcomes: Counter;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly deps: SquareWebhookDeps) {
    this.outcomes = deps.metrics.counter(
      'galley_pos_square_webhooks_total',
      'Square webhook notifications by what became of them',
      ['outcome'],
    );
    this.fetchFn = deps.fetch ?? fetch;
  }

  /**
   * The connector of the config, its secrets read from the environment; undefined
   * when the config has no Square section. A named variable that is empty is an
   * error at start-up rather than a 401 for every notification later.
   */
  static fromConfig(
    settings: SquareConnectorSettings | undefined,
    env: NodeJS.ProcessEnv,
    deps: Omit<SquareWebhookDeps, 'settings' | 'signatureKey' | 'accessToken'>,
  ): SquareWebhookConnector | undefined {
    if (!settings) return undefined;
    const signatureKey = env[settings.signatureKeyEnv];
    if (!signatureKey)
      throw new SquareWebhookError(
        'NOT_CONFIGURED',
        `posConnectors.square.signatureKeyEnv names ${settings.signatureKeyEnv}, which is not set`,
      );
    const accessToken = settings.accessTokenEnv ? env[settings.accessTokenEnv] : undefined;
    return new SquareWebhookConnector({ ...deps, settings, signatureKey, accessToken });
  }

  async handle(rawBody: Buffer, signature: string | undefined): Promise<SquareWebhookAnswer> {
    const { settings, intake } = this.deps;
    if (!verifySquareSignature(this.deps.signatureKey, settings.notificationUrl, rawBody, signature)) {
      // Not counted against the integration client: anyone can post here, and this is not it.
      this.outcomes.inc({ outcome: 'bad_signature' });
      throw new SquareWebhookError(
        'BAD_SIGNATURE',
        signature ? 'the signature does not match this body and notification URL' : 'no signature header',
      );
    }
    const notification = this.parseNotification(rawBody);
    if (!(SQUARE_ORDER_EVENT_TYPES as readonly string[]).includes(notification.type)) {
      this.outcomes.inc({ outcome: 'ignored' });
      return { received: true, outcome: 'ignored' };
    }
    const object = notification.data?.object;
    const orderId =
      object?.order_updated?.order_id ?? object?.order_created?.order_id ?? notification.data?.id;
    if (!orderId) return this.refuse('BAD_NOTIFICATION', 'the notification names no order', []);

    const order = await this.retrieve(orderId);
    const mapped = canonicalFromSquare(order, notification.event_id, settings.catalog);
    if (mapped.ok === 'skip') {
      this.outcomes.inc({ outcome: 'ignored' });
      return { received: true, outcome: 'ignored', orderId };
    }
    if (mapped.ok === false)
      return this.refuse('UNMAPPABLE', `order ${orderId} cannot be mapped`, mapped.problems);
    const submission = PosOrderSubmission.safeParse(mapped.submission);
    if (!submission.success) {
      const problems = submission.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      return this.refuse('UNMAPPABLE', `order ${orderId} is not a valid order`, problems);
    }
    const receipt = intake.submit(settings.integrationClient, submission.data);
    this.outcomes.inc({ outcome: receipt.outcome });
    return { received: true, outcome: receipt.outcome, orderId, version: receipt.version };
  }

  private parseNotification(rawBody: Buffer): SquareWebhookNotification {
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch (err) {
      return this.refuse('BAD_NOTIFICATION', `the body is not JSON: ${(err as Error).message}`, []);
    }
    const parsed = SquareWebhookNotification.safeParse(json);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    return this.refuse('BAD_NOTIFICATION', 'not a Square notification', problems);
  }

  private async retrieve(orderId: string): Promise<SquareOrder> {
    const { settings } = this.deps;
    const url = new URL(`/v2/orders/${encodeURIComponent(orderId)}`, settings.retrieveBaseUrl);
    const headers: Record<string, string> = { accept: 'application/json', 'square-version': SQUARE_VERSION };
    if (this.deps.accessToken) headers.authorization = `Bearer ${this.deps.accessToken}`;
    let status: number;
    let body: string;
    try {
      const response = await this.fetchFn(url, {
        headers,
        signal: AbortSignal.timeout(settings.retrieveTimeoutMs),
      });
      status = response.status;
      body = await response.text();
    } catch (err) {
      return this.failRetrieve(orderId, `${url.origin} unreachable: ${(err as Error).message}`);
    }
    if (status !== 200)
      return this.failRetrieve(orderId, `${url.origin} answered ${status}: ${body.slice(0, 200)}`);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return this.failRetrieve(orderId, 'the retrieve answer is not JSON');
    }
    const parsed = SquareRetrieveOrderResponse.safeParse(json);
    if (!parsed.success)
      return this.failRetrieve(orderId, `the retrieve answer is not an order: ${parsed.error.message}`);
    return parsed.data.order;
  }

  private failRetrieve(orderId: string, detail: string): never {
    this.outcomes.inc({ outcome: 'retrieve_failed' });
    this.deps.logger.warn(
      { orderId, detail },
      'Square order not retrieved: Square will deliver the notification again',
    );
    throw new SquareWebhookError('RETRIEVE_FAILED', `order ${orderId} could not be retrieved: ${detail}`);
  }

  /** A notification that authenticated but cannot be used: counted against the integration client. */
  private refuse(code: 'BAD_NOTIFICATION' | 'UNMAPPABLE', message: string, problems: string[]): never {
    this.outcomes.inc({ outcome: code === 'UNMAPPABLE' ? 'unmappable' : 'bad_notification' });
    const detail = problems.length > 0 ? `${message}: ${problems.join('; ')}` : message;
    this.deps.intake.refused(this.deps.settings.integrationClient, SQUARE_SOURCE, detail);
    this.deps.logger.warn({ detail }, 'Square notification refused');
    throw new SquareWebhookError(code, message, problems);
  }
}
