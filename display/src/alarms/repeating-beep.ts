import { useEffect } from 'react';

const BEEP_EVERY_MS = 2000;

/**
 * Two short high tones every two seconds while `active`: audible over a kitchen
 * without a sound file. Where the browser has no Web Audio (or blocks it until a
 * first touch) the banner still shows; the kiosk starts Chromium with autoplay allowed.
 */
export function useRepeatingBeep(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const AudioCtor = globalThis.AudioContext;
    if (!AudioCtor) return;
    const ctx = new AudioCtor();
    const beep = () => {
      if (ctx.state === 'suspended') void ctx.resume();
      for (const offset of [0, 0.25]) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'square';
        osc.frequency.value = 2600;
        gain.gain.value = 0.2;
        osc.connect(gain).connect(ctx.destination);
        osc.start(ctx.currentTime + offset);
        osc.stop(ctx.currentTime + offset + 0.15);
      }
    };
    beep();
    const timer = setInterval(beep, BEEP_EVERY_MS);
    return () => {
      clearInterval(timer);
      void ctx.close();
    };
  }, [active]);
}
