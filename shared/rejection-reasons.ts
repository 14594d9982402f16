import { z } from 'zod';

/**
 * Why the edge refused a message. Counted per device and reason; visible in
 * `GET /api/ingest/rejections` and `/metrics` as `galley_ingest_rejected_total`.
 */
export const RejectionReason = z.enum([
  'payload_too_large',
  'invalid_json',
  'invalid_utf8',
  'schema_mismatch',
  'missing_timestamp',
  'bad_timestamp',
  'future_timestamp',
  'stale_timestamp',
  'empty_readings',
  'too_many_readings',
  'unknown_metric',
  'wrong_type',
  'non_finite',
  'out_of_range',
  'unknown_equipment',
  'wrong_store',
  'unknown_message_kind',
  'topic_not_allowed',
  'rate_limited',
  'retained_not_allowed',
]);
export type RejectionReason = z.infer<typeof RejectionReason>;

export const RejectionCount = z.object({
  clientId: z.string().describe('MQTT username (equipment id or integration name), or the serial port'),
  reason: RejectionReason,
  count: z.number().int().nonnegative(),
  lastAt: z.number().int().describe('epoch ms of the latest rejection'),
  lastDetail: z.string().describe('what was wrong with the latest rejected message'),
});
export type RejectionCount = z.infer<typeof RejectionCount>;
