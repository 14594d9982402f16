import type { AudioContextLike } from '../alarms/alarm-sound';

export interface PlayedTone {
  wave: OscillatorType;
  hz: number;
  gain: number;
}

/**
 * Web Audio as a browser that blocks sound until a touch: suspended until `resume()`
 * runs, which then says so with a `statechange`. Every tone started is recorded.
 */
export function fakeAudio(startState: AudioContextState = 'suspended') {
  const played: PlayedTone[] = [];
  const listeners: Array<() => void> = [];
  const ctx = {
    state: startState,
    currentTime: 0,
    destination: {},
    addEventListener(_type: string, listener: () => void) {
      listeners.push(listener);
    },
    resume() {
      ctx.state = 'running';
      for (const listener of listeners) listener();
      return Promise.resolve();
    },
    createGain() {
      const node = { gain: { value: 1 }, connect: (next: unknown) => next };
      return node;
    },
    createOscillator() {
      const osc = {
        type: 'sine' as OscillatorType,
        frequency: { value: 0 },
        gainNode: undefined as { gain: { value: number } } | undefined,
        connect(gain: { gain: { value: number } }) {
          osc.gainNode = gain;
          return { connect: () => undefined };
        },
        start() {
          played.push({ wave: osc.type, hz: osc.frequency.value, gain: osc.gainNode?.gain.value ?? 1 });
        },
        stop() {},
      };
      return osc;
    },
  };
  return { ctx: ctx as unknown as AudioContextLike, played };
}
