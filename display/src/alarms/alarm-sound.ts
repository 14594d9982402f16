/** How loud the display has to be: criticals beep hard, warnings chime softly. */
export type AlertLevel = 'critical' | 'warning';

/** One tone of a pattern: start offset and length in seconds. */
interface Tone {
  at: number;
  length: number;
}

export interface SoundPattern {
  wave: OscillatorType;
  hz: number;
  gain: number;
  tones: readonly Tone[];
  everyMs: number;
}

/**
 * Criticals: two short high square tones every two seconds, audible over a kitchen.
 * Warnings: one low sine chime every eight seconds, quieter — noticed, not alarming.
 */
export const PATTERNS: Record<AlertLevel, SoundPattern> = {
  critical: {
    wave: 'square',
    hz: 2600,
    gain: 0.2,
    tones: [
      { at: 0, length: 0.15 },
      { at: 0.25, length: 0.15 },
    ],
    everyMs: 2000,
  },
  warning: { wave: 'sine', hz: 880, gain: 0.08, tones: [{ at: 0, length: 0.35 }], everyMs: 8000 },
};

/** The part of Web Audio the display uses; tests stand in for it. */
export type AudioContextLike = Pick<
  AudioContext,
  'state' | 'resume' | 'createOscillator' | 'createGain' | 'currentTime' | 'destination' | 'addEventListener'
>;

/**
 * The display's one audio output. Browsers may keep audio suspended until a first touch
 * (the kiosk starts Chromium with autoplay allowed; a tablet's browser does not), and a
 * silent alarm display must say so: `blocked` is true until audio runs, and any touch on
 * the page, or `unlock()`, starts it.
 */
export class AlarmSound {
  readonly #ctx: AudioContextLike | undefined;
  readonly #listeners = new Set<() => void>();

  /** `null`: no Web Audio here. */
  constructor(makeContext: (() => AudioContextLike) | null = defaultContext()) {
    this.#ctx = makeContext?.();
    this.#ctx?.addEventListener('statechange', () => this.#notify());
  }

  /** No Web Audio at all: nothing a tap could enable. */
  get available(): boolean {
    return this.#ctx !== undefined;
  }

  readonly isBlocked = (): boolean => this.#ctx !== undefined && this.#ctx.state !== 'running';

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Must run inside a touch or click handler: that is what the browser waits for. */
  unlock(): void {
    const ctx = this.#ctx;
    if (!ctx || ctx.state === 'running') return;
    ctx.resume().then(
      () => this.#notify(),
      () => this.#notify(),
    );
  }

  play(level: AlertLevel): void {
    const ctx = this.#ctx;
    if (ctx?.state !== 'running') return;
    const pattern = PATTERNS[level];
    for (const tone of pattern.tones) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = pattern.wave;
      osc.frequency.value = pattern.hz;
      gain.gain.value = pattern.gain;
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + tone.at);
      osc.stop(ctx.currentTime + tone.at + tone.length);
    }
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

function defaultContext(): (() => AudioContextLike) | null {
  const AudioCtor = globalThis.AudioContext;
  return AudioCtor ? () => new AudioCtor() : null;
}
