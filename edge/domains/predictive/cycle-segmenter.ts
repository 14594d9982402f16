import type { Sample } from './telemetry-sample';

/**
 * A stretch of time in one switch state: compressor (or element) on or off, door shut
 * or open, defrosting or not. Slopes of these stretches are the cycle-level features.
 */
export interface Segment {
  startTs: number;
  endTs: number;
  startC: number;
  endC: number;
  /** Lowest and highest temperature seen inside it. */
  minC: number;
  maxC: number;
  actuatorOn: boolean;
  doorOpen: boolean;
  defrostOn: boolean;
  samples: number;
  /** State of the segment before this one (undefined at the start or after a gap). */
  after?: { actuatorOn: boolean; doorOpen: boolean; defrostOn: boolean };
}

/** A report gap longer than this breaks the segment: nothing is known about the time between. */
const MAX_GAP_MS = 5 * 60_000;

/** Splits the stream of samples into segments; calls `onSegment` as each one closes. */
export class CycleSegmenter {
  private current: Segment | undefined;
  private lastTs = -1;

  constructor(private readonly onSegment: (segment: Segment) => void) {}

  push(s: Sample): void {
    const c = this.current;
    const gap = this.lastTs >= 0 && s.ts - this.lastTs > MAX_GAP_MS;
    this.lastTs = s.ts;
    if (
      c &&
      !gap &&
      c.actuatorOn === s.actuatorOn &&
      c.doorOpen === s.doorOpen &&
      c.defrostOn === s.defrostOn
    ) {
      c.endTs = s.ts;
      c.endC = s.tempC;
      if (s.tempC < c.minC) c.minC = s.tempC;
      if (s.tempC > c.maxC) c.maxC = s.tempC;
      c.samples++;
      return;
    }
    let after: Segment['after'];
    if (c) {
      // The state changed between the last sample and this one: the change is seen at this sample
      // (after a gap the segment ends at its own last sample).
      if (!gap) {
        c.endTs = s.ts;
        c.endC = s.tempC;
        c.samples++;
      }
      this.onSegment(c);
      if (!gap) after = { actuatorOn: c.actuatorOn, doorOpen: c.doorOpen, defrostOn: c.defrostOn };
    }
    this.current = {
      startTs: s.ts,
      endTs: s.ts,
      startC: s.tempC,
      endC: s.tempC,
      minC: s.tempC,
      maxC: s.tempC,
      actuatorOn: s.actuatorOn,
      doorOpen: s.doorOpen,
      defrostOn: s.defrostOn,
      samples: 1,
      after,
    };
  }
}
