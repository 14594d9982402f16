import mqtt from 'mqtt';
import {
  CLAIM_USERNAME_PREFIX,
  ClaimKeyText,
  ClaimReply,
  type DeviceSerial,
} from '../shared/api/device-claim';
import { topics } from '../shared/topics';

/** How long a device that has its credentials waits for the box to close the claim connection. */
const CLOSE_GRACE_MS = 5000;

export interface ClaimOptions {
  host: string;
  port: number;
  /** the store's claim key, `gck_<storeId>.<secret>`, as the installer enters it */
  claimKey: string;
  serial: DeviceSerial;
  model?: string;
  /** how long to wait for a technician to accept, once connected */
  timeoutMs: number;
}

/** A claim the box refused at CONNECT, with its MQTT 3.1.1 return code (4, 5, or 3 = retry later). */
export class ClaimRefusedError extends Error {
  readonly code = 'CLAIM_REFUSED';
  constructor(readonly returnCode: number) {
    super(`claim refused with CONNACK ${returnCode}`);
    this.name = 'ClaimRefusedError';
  }
}

export class ClaimTimeoutError extends Error {
  readonly code = 'CLAIM_TIMEOUT';
  constructor(serial: string, ms: number) {
    super(`no credentials for ${serial} within ${ms} ms (waiting for a technician to accept?)`);
    this.name = 'ClaimTimeoutError';
  }
}

/**
 * What a device's firmware does at commissioning: connect with `claim:<serial>[:<model>]`
 * and the claim key, subscribe to its claim reply topic and wait for its equipment id and
 * secret (kept by the caller, e.g. in the simulator's credentials file, then used to
 * connect as that equipment). The store id comes from the key itself.
 */
export function claimCredentials(options: ClaimOptions): Promise<ClaimReply> {
  const key = ClaimKeyText.safeParse(options.claimKey);
  if (!key.success) return Promise.reject(new ClaimRefusedError(4));
  const replyTopic = topics.claimReply(key.data.storeId, options.serial);
  const username = `${CLAIM_USERNAME_PREFIX}${options.serial}${options.model ? `:${options.model}` : ''}`;
  const client = mqtt.connect({
    host: options.host,
    port: options.port,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    clientId: `claim-${options.serial}`,
    username,
    password: options.claimKey,
  });
  return new Promise<ClaimReply>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (outcome: () => void, acknowledge = false) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      client.removeAllListeners('message');
      // The box counts the credentials as delivered once their PUBACK (written by mqtt.js
      // right after 'message') arrives, and then closes the connection itself; closing first
      // could lose the PUBACK. The timer only covers a box that never closes.
      if (acknowledge) setTimeout(() => client.end(true), CLOSE_GRACE_MS).unref();
      else client.end(true);
      outcome();
    };
    client.once('connect', () => {
      timer = setTimeout(
        () => finish(() => reject(new ClaimTimeoutError(options.serial, options.timeoutMs))),
        options.timeoutMs,
      );
      client.subscribe(replyTopic, { qos: 1 }, (err) => {
        if (err) finish(() => reject(err));
      });
    });
    client.on('message', (topic, payload) => {
      if (topic !== replyTopic) return;
      let parsed: ReturnType<typeof ClaimReply.safeParse>;
      try {
        parsed = ClaimReply.safeParse(JSON.parse(payload.toString('utf8')));
      } catch (err) {
        finish(() => reject(new Error('claim reply is not JSON', { cause: err })));
        return;
      }
      if (!parsed.success) finish(() => reject(new Error(`claim reply malformed: ${parsed.error.message}`)));
      else finish(() => resolve(parsed.data), true);
    });
    client.once('error', (err) => {
      const code = (err as { code?: unknown }).code;
      finish(() => reject(typeof code === 'number' ? new ClaimRefusedError(code) : err));
    });
    client.once('close', () => finish(() => reject(new Error('claim connection closed'))));
  });
}
