import { afterEach, describe, expect, it } from 'vitest';
import { controlRequestOf, parseParam, runSimControlCommand } from '../firmware-sim/control-client';
import { ControlServer } from '../firmware-sim/control-server';
import type { FaultRequest } from '../firmware-sim/faults';
import { silentLogger } from '../shared/server/runtime/logger';

function bufferIo() {
  const io = { out: '', err: '' };
  return {
    io,
    commandIo: {
      stdout: { write: (t: string) => (io.out += t) },
      stderr: { write: (t: string) => (io.err += t) },
    },
  };
}

describe('galley sim inject / clear', () => {
  it('types NAME=VALUE parameters: numbers and booleans, the rest text', () => {
    expect(parseParam('code=E10')).toEqual(['code', 'E10']);
    expect(parseParam('rinseTempC=70')).toEqual(['rinseTempC', 70]);
    expect(parseParam('switchDetects=false')).toEqual(['switchDetects', false]);
    expect(() => parseParam('=3')).toThrow(/NAME=VALUE/);
  });

  it('checks the fault and its parameters before sending anything', () => {
    expect(controlRequestOf('inject', ['oven-1', 'maker_fault', 'code=E10'])).toEqual({
      method: 'POST',
      path: '/faults',
      body: { equipmentId: 'oven-1', fault: 'maker_fault', params: { code: 'E10' } },
    });
    expect(() => controlRequestOf('inject', ['wic-1', 'door_stuck_open'])).toThrow(
      /unknown fault.*door_ajar/,
    );
    expect(() => controlRequestOf('inject', ['wic-1', 'door_ajar', 'opening=7'])).toThrow(
      /invalid parameters for door_ajar/,
    );
    expect(controlRequestOf('clear', ['wic-1', 'door_ajar'])).toEqual({
      method: 'DELETE',
      path: '/faults/wic-1?fault=door_ajar',
    });
  });

  describe('against a real control channel', () => {
    const faults = new Map<string, FaultRequest[]>();
    let server: ControlServer | undefined;
    afterEach(async () => {
      await server?.stop();
      server = undefined;
      faults.clear();
    });

    async function start(): Promise<number> {
      server = new ControlServer(
        {
          status: () => ({}),
          inject: (equipmentId, request) => {
            const list = [...(faults.get(equipmentId) ?? []), request];
            faults.set(equipmentId, list);
            return list;
          },
          clear: (equipmentId) => {
            faults.set(equipmentId, []);
            return [];
          },
        },
        silentLogger(),
      );
      await server.start(0);
      return server.port;
    }

    it('injects and clears, saying what the equipment has now', async () => {
      const port = await start();
      const inject = bufferIo();
      expect(
        await runSimControlCommand(
          'inject',
          ['--port', String(port), 'wic-1', 'door_ajar'],
          inject.commandIo,
        ),
      ).toBe(0);
      expect(inject.io.out).toBe('wic-1: faults now door_ajar\n');
      expect(faults.get('wic-1')?.[0]).toEqual({
        fault: 'door_ajar',
        params: { opening: 1, switchDetects: true },
      });

      const clear = bufferIo();
      expect(await runSimControlCommand('clear', ['--port', String(port), 'wic-1'], clear.commandIo)).toBe(0);
      expect(clear.io.out).toBe('wic-1: faults now none\n');
      expect(faults.get('wic-1')).toEqual([]);
    });

    it('says plainly when no simulator listens, and refuses a typo with exit code 2', async () => {
      const port = await start();
      await server?.stop();
      server = undefined;
      const down = bufferIo();
      expect(
        await runSimControlCommand('inject', ['--port', String(port), 'wic-1', 'door_ajar'], down.commandIo),
      ).toBe(1);
      expect(down.io.err).toMatch(/no simulator control channel at http:\/\/127\.0\.0\.1:\d+.*npm start/);
      const typo = bufferIo();
      expect(await runSimControlCommand('inject', ['wic-1', 'door_stuck_open'], typo.commandIo)).toBe(2);
      expect(typo.io.err).toMatch(/unknown fault "door_stuck_open"/);
    });
  });
});
