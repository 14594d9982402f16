import { z } from 'zod';

export const BrokerLimits = z
  .object({
    maxPayloadBytes: z
      .number()
      .int()
      .positive()
      .default(2 * 1024 * 1024),
    maxTelemetryBytes: z
      .number()
      .int()
      .positive()
      .default(16 * 1024),
    maxReadingsPerMessage: z.number().int().positive().default(64),
    maxConnections: z.number().int().positive().default(5000),
    maxConnectionsPerDevice: z
      .number()
      .int()
      .min(1)
      .max(16)
      .default(2)
      .describe('connections one equipment identity may hold at once (a reconnect may race the old socket)'),
    maxConnectionsPerIntegration: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(10)
      .describe('connections one integration client may hold at once'),
    messagesPerSecond: z.number().positive().default(100).describe('sustained per-client publish rate'),
    messageBurst: z
      .number()
      .int()
      .positive()
      .default(1000)
      .describe('publishes a client may send at once, e.g. a buffer flushed after an outage'),
    maxFutureSkewS: z.number().nonnegative().default(300),
    maxAgeS: z
      .number()
      .positive()
      .default(7 * 24 * 3600)
      .describe('older readings are refused (buffered devices)'),
  })
  .default({
    maxPayloadBytes: 2 * 1024 * 1024,
    maxTelemetryBytes: 16 * 1024,
    maxReadingsPerMessage: 64,
    maxConnections: 5000,
    maxConnectionsPerDevice: 2,
    maxConnectionsPerIntegration: 10,
    messagesPerSecond: 100,
    messageBurst: 1000,
    maxFutureSkewS: 300,
    maxAgeS: 7 * 24 * 3600,
  });
export type BrokerLimits = z.infer<typeof BrokerLimits>;

export const StorageSettings = z
  .object({
    rawRetentionDays: z.number().positive().default(30),
    rollupRetentionDays: z.number().positive().default(730),
    groupCommitMaxDelayMs: z.number().nonnegative().default(5),
    groupCommitMaxBatch: z.number().int().positive().default(2000),
  })
  .default({
    rawRetentionDays: 30,
    rollupRetentionDays: 730,
    groupCommitMaxDelayMs: 5,
    groupCommitMaxBatch: 2000,
  });
export type StorageSettings = z.infer<typeof StorageSettings>;
