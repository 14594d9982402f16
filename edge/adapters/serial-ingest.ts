import type { Logger } from '../../shared/server/runtime/logger';
import { topics } from '../../shared/topics';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import { IngestRejectedError } from '../ingest/rejection';
import type { PortSupervisor } from './port-supervisor';

/** The part of the IngestPipeline serial adapters use. */
export type SerialIngest = Pick<IngestPipeline, 'submitReadings' | 'recordDeviceStatus' | 'check'>;

/**
 * Hands what one serial port decoded to the ingest pipeline, exactly as an MQTT
 * device's telemetry and events would arrive, and counts refusals on the port.
 */
export class SerialIngestSink {
  constructor(
    private readonly pipeline: SerialIngest,
    private readonly storeId: string,
    private readonly equipmentId: string,
    private readonly sourceId: string,
    private readonly supervisor: PortSupervisor,
    private readonly log: Logger,
  ) {}

  async readings(ts: number, readings: Record<string, number | boolean>): Promise<void> {
    try {
      await this.pipeline.submitReadings(this.sourceId, this.equipmentId, { ts, readings });
    } catch (err) {
      this.#failed(err, 'readings');
    }
  }

  /** A maker fault code, through the same validation as the MQTT event topic. */
  async event(ts: number, code: string, message?: string): Promise<void> {
    const topic = topics.event(this.storeId, this.equipmentId);
    try {
      const verdict = this.pipeline.check(
        this.sourceId,
        topic,
        Buffer.from(JSON.stringify({ ts, code, message })),
      );
      if (!verdict.ok) {
        this.supervisor.countError('rejected', verdict.detail);
        return;
      }
      await verdict.commit();
    } catch (err) {
      this.#failed(err, 'event');
    }
  }

  async linkChanged(up: boolean): Promise<void> {
    try {
      await this.pipeline.recordDeviceStatus(this.equipmentId, up, up ? 'connect' : 'disconnect');
    } catch (err) {
      this.#failed(err, 'status');
    }
  }

  #failed(err: unknown, what: string): void {
    if (err instanceof IngestRejectedError) {
      this.supervisor.countError('rejected', err.message);
      return;
    }
    this.supervisor.countError('store_failed', err instanceof Error ? err.message : String(err));
    this.log.error({ err, what }, 'serial data could not be stored');
  }
}
