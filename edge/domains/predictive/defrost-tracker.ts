import type { Segment } from './cycle-segmenter';

/** One defrost as the box's own telemetry shows it. */
export interface DefrostEvent {
  startTs: number;
  endTs: number;
  durationMin: number;
  /** How fast the box air warmed during it, °C/h: the heater's work shows here. */
  riseCPerH: number;
  peakC: number;
  /** From the end of defrost to the compressor's first cut-out, min; undefined if it never got there. */
  recoveryMin: number | undefined;
}

interface Open {
  startTs: number;
  startC: number;
  peakC: number;
  endTs?: number;
  endC?: number;
}

/**
 * Follows the defrost flag across segments (a door opened during a defrost splits it)
 * and emits each defrost once its recovery is known: the first compressor cut-out after.
 */
export class DefrostTracker {
  private open: Open | undefined;

  constructor(private readonly onDefrost: (event: DefrostEvent) => void) {}

  pushSegment(g: Segment): void {
    const o = this.open;
    if (g.defrostOn) {
      if (o && o.endTs === undefined) {
        o.peakC = Math.max(o.peakC, g.maxC);
        return;
      }
      if (o) this.emit(o, undefined);
      this.open = { startTs: g.startTs, startC: g.startC, peakC: g.maxC };
      return;
    }
    if (!o) return;
    if (o.endTs === undefined) {
      o.endTs = g.startTs;
      o.endC = g.startC;
    }
    // The compressor's first stop after the defrost: the box is back down.
    if (g.actuatorOn && !g.doorOpen) this.emit(o, g.endTs);
  }

  private emit(o: Open, recoveredTs: number | undefined): void {
    this.open = undefined;
    if (o.endTs === undefined || o.endC === undefined) return;
    const durationH = (o.endTs - o.startTs) / 3_600_000;
    if (durationH <= 0) return;
    this.onDefrost({
      startTs: o.startTs,
      endTs: o.endTs,
      durationMin: durationH * 60,
      riseCPerH: (o.endC - o.startC) / durationH,
      peakC: o.peakC,
      recoveryMin: recoveredTs === undefined ? undefined : (recoveredTs - o.endTs) / 60_000,
    });
  }
}
