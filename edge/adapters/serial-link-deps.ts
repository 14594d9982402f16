import type { Equipment, SerialLink } from '../../shared/config/equipment';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { BackoffPolicy } from './port-supervisor';
import type { OpenSerialPort } from './serial-connection';
import type { SerialIngest } from './serial-ingest';

/** What every serial adapter is built from; one adapter per piece of serial equipment. */
export interface SerialAdapterDeps {
  storeId: string;
  equipment: Equipment & { serial: SerialLink };
  pipeline: SerialIngest;
  openPort: OpenSerialPort;
  clock: Clock;
  logger: Logger;
  /** No good frame for this long and the link is down (offline alarm + ticket). */
  linkSilenceMs: number;
  backoff?: BackoffPolicy;
}

/** The `sourceId` rejections are counted under, like an MQTT client id. */
export function serialSourceId(path: string): string {
  return `serial:${path}`;
}
