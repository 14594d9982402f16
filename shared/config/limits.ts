import { z } from 'zod';

/**
 * Room an MQTT 3.1.1 PUBLISH needs beside its payload: the topic (2-byte length and at
 * most 65 535 bytes) and the packet id. A packet announcing more than
 * maxPayloadBytes plus this is cut off at the wire, before its body is read.
 */
export const PUBLISH_HEADER_ROOM_BYTES = 2 + 65_535 + 2;

export const BrokerLimits = z
  .strictObject({
    maxPayloadBytes: z
      .number()
      .int()
      .positive()
      .default(2 * 1024 * 1024)
      .describe(
        'largest PUBLISH payload; a packet announcing more than this plus 64 KiB (the longest topic) is not read: the connection is closed',
      ),
    maxConnectPacketBytes: z
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024)
      .default(64 * 1024)
      .describe(
        'largest packet before a connection has authenticated (its CONNECT, Last Will included); a bigger one closes the connection unread',
      ),
    maxTelemetryBytes: z
      .number()
      .int()
      .positive()
      .default(16 * 1024),
    maxReadingsPerMessage: z.number().int().positive().default(64),
    maxConnections: z.number().int().positive().default(5000),
    maxPendingConnections: z
      .number()
      .int()
      .min(1)
      .max(65_536)
      .default(1024)
      .describe(
        'connections that have not completed CONNECT yet, all addresses together; beyond it new ones are closed at once (keeps file descriptors for the API)',
      ),
    maxPendingConnectionsPerAddress: z
      .number()
      .int()
      .min(1)
      .max(65_536)
      .default(64)
      .describe('connections from one address that have not completed CONNECT yet'),
    connectTimeoutS: z
      .number()
      .positive()
      .max(300)
      .default(30)
      .describe('a connection must complete CONNECT within this, or it is closed'),
    connectTimeoutUnderPressureS: z
      .number()
      .positive()
      .max(300)
      .default(3)
      .describe(
        'the CONNECT deadline of a new connection while more than half of maxPendingConnections are taken',
      ),
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
    maxConnectPacketBytes: 64 * 1024,
    maxTelemetryBytes: 16 * 1024,
    maxReadingsPerMessage: 64,
    maxConnections: 5000,
    maxPendingConnections: 1024,
    maxPendingConnectionsPerAddress: 64,
    connectTimeoutS: 30,
    connectTimeoutUnderPressureS: 3,
    maxConnectionsPerDevice: 2,
    maxConnectionsPerIntegration: 10,
    messagesPerSecond: 100,
    messageBurst: 1000,
    maxFutureSkewS: 300,
    maxAgeS: 7 * 24 * 3600,
  });
export type BrokerLimits = z.infer<typeof BrokerLimits>;

export const StorageSettings = z
  .strictObject({
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
