import type { DeviceStatusCause } from '../../shared/device-messages';
import type { RejectionReason } from '../../shared/rejection-reasons';

export type GateVerdict =
  | { ok: true; commit: (awaited?: boolean) => Promise<void>; store: () => boolean }
  | { ok: false; reason: RejectionReason; detail: string };

/**
 * What the broker needs from ingest: validate a device message synchronously
 * (recording the rejection itself when it refuses), store it on `commit()` (settles
 * once stored) or `store()` (nobody waits: QoS 0), keep
 * device presence, and count what the broker refuses on its own (ACL, rate, size).
 * `IngestPipeline` satisfies it; the broker depends only on this shape.
 */
export interface IngestGate {
  check(clientId: string, topic: string, payload: Buffer): GateVerdict;
  recordDeviceStatus(equipmentId: string, online: boolean, cause: DeviceStatusCause): void | Promise<void>;
  readonly rejections: {
    record(clientId: string, reason: RejectionReason, detail: string, topic: string): void;
  };
}
