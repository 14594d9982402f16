import type { StoreConfig } from '../../shared/config/store-config';
import type { Logger } from '../../shared/server/runtime/logger';
import type { MetricsRegistry } from '../../shared/server/runtime/metrics';
import { SquareWebhookConnector, SquareWebhookError } from '../domains/orders/connectors/square-webhook';
import type { OrderIntakePort } from '../domains/orders/order-intake-port';

/**
 * The Square webhook when the store config has one. A connector that cannot run (its
 * signature key is not in the environment) is left off with an error in the log: the
 * store's own POS feeds, the kitchen and the equipment keep running without it.
 */
export function squareConnectorOf(
  config: StoreConfig,
  deps: { intake: OrderIntakePort; logger: Logger; metrics: MetricsRegistry },
  env: NodeJS.ProcessEnv = process.env,
): SquareWebhookConnector | undefined {
  try {
    return SquareWebhookConnector.fromConfig(config.posConnectors.square, env, deps);
  } catch (err) {
    if (!(err instanceof SquareWebhookError)) throw err;
    deps.logger.error({ code: err.code }, `Square webhook off: ${err.message}`);
    return undefined;
  }
}
