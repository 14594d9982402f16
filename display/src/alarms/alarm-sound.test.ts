import { describe, expect, it } from 'vitest';
import { fakeAudio } from '../testing/fake-audio';
import { AlarmSound } from './alarm-sound';

describe('AlarmSound', () => {
  it('is blocked until a touch resumes the audio, and plays nothing meanwhile', async () => {
    const audio = fakeAudio('suspended');
    const sound = new AlarmSound(() => audio.ctx);
    let told = 0;
    sound.subscribe(() => {
      told += 1;
    });
    expect(sound.isBlocked()).toBe(true);
    sound.play('critical');
    expect(audio.played).toEqual([]);
    sound.unlock();
    await Promise.resolve();
    expect(sound.isBlocked()).toBe(false);
    expect(told).toBeGreaterThan(0);
    sound.play('critical');
    expect(audio.played).toHaveLength(2);
  });

  it('gives a warning one soft low chime and a critical two loud high beeps', () => {
    const audio = fakeAudio('running');
    const sound = new AlarmSound(() => audio.ctx);
    sound.play('warning');
    const [chime] = audio.played;
    audio.played.length = 0;
    sound.play('critical');
    const beeps = audio.played;
    expect(beeps).toHaveLength(2);
    expect(chime?.wave).toBe('sine');
    expect(beeps[0]?.wave).toBe('square');
    expect(chime?.gain).toBeLessThan((beeps[0]?.gain ?? 0) / 2);
    expect(chime?.hz).toBeLessThan((beeps[0]?.hz ?? 0) / 2);
  });

  it('is neither blocked nor audible where there is no Web Audio', () => {
    const sound = new AlarmSound(null);
    expect(sound.available).toBe(false);
    expect(sound.isBlocked()).toBe(false);
  });
});
