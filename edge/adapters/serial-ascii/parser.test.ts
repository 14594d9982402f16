import { describe, expect, it } from 'vitest';
import { decodeFryerLine, encodeFryerFrame, FrameError, type FryerFrame, xorChecksum } from './frame';
import { FryerLineParser, type ParsedLine } from './parser';

const frame: FryerFrame = { oilTempC: 176.4, state: 'HEAT', errorCode: 0, oilLifePct: 83.5 };
const line = encodeFryerFrame(frame);
const bytes = (text: string) => Buffer.from(text, 'latin1');

function frames(items: ParsedLine[]) {
  return items.flatMap((i) => (i.kind === 'frame' ? [i.frame] : []));
}
function errors(items: ParsedLine[]) {
  return items.flatMap((i) => (i.kind === 'error' ? [i.reason] : []));
}

describe('fryer ASCII frame', () => {
  it('encodes the documented example with an NMEA-style XOR checksum', () => {
    expect(line).toBe('$T=176.4,S=HEAT,E=0,L=83.5*30\r\n');
    expect(xorChecksum(bytes('T=176.4,S=HEAT,E=0'))).toBe(0x7d);
  });

  it('decodes a line without oil life, checksum in lower case, fields in any order', () => {
    const body = 'E=5,S=FAULT,T=231.9';
    const cs = xorChecksum(bytes(body)).toString(16).toLowerCase().padStart(2, '0');
    expect(decodeFryerLine(bytes(`${body}*${cs}`))).toEqual({
      oilTempC: 231.9,
      state: 'FAULT',
      errorCode: 5,
    });
  });

  it('decodes a line without T while the probe is open', () => {
    const body = 'S=IDLE,L=82.5,E=0';
    const cs = xorChecksum(bytes(body)).toString(16).padStart(2, '0');
    expect(decodeFryerLine(bytes(`${body}*${cs}`))).toEqual({
      state: 'IDLE',
      errorCode: 0,
      oilLifePct: 82.5,
    });
  });

  it.each([
    ['T=176.4,S=HEAT,E=0*00', 'bad_checksum'],
    ['T=176.4,S=HEAT,E=0', 'malformed'],
    ['T=hot,S=HEAT,E=0*', 'malformed'],
  ])('refuses %s as %s', (text, code) => {
    const withCs = text.endsWith('*')
      ? `${text}${xorChecksum(bytes(text.slice(0, -1)))
          .toString(16)
          .padStart(2, '0')}`
      : text;
    expect(() => decodeFryerLine(bytes(withCs))).toThrow(FrameError);
    try {
      decodeFryerLine(bytes(withCs));
    } catch (err) {
      expect((err as FrameError).code).toBe(code);
    }
  });
});

describe('FryerLineParser fed raw bytes', () => {
  it('parses back-to-back frames in one chunk', () => {
    const parser = new FryerLineParser();
    const out = parser.feed(
      bytes(line + line + encodeFryerFrame({ ...frame, errorCode: 5, state: 'FAULT' })),
    );
    expect(frames(out)).toHaveLength(3);
    expect(frames(out)[2]).toMatchObject({ errorCode: 5, state: 'FAULT' });
    expect(errors(out)).toEqual([]);
  });

  it('reassembles a frame split at every possible byte', () => {
    for (let cut = 1; cut < line.length; cut++) {
      const parser = new FryerLineParser();
      const out = [...parser.feed(bytes(line.slice(0, cut))), ...parser.feed(bytes(line.slice(cut)))];
      expect(frames(out), `cut at ${cut}`).toEqual([frame]);
      expect(errors(out)).toEqual([]);
    }
  });

  it('reassembles a frame fed one byte at a time', () => {
    const parser = new FryerLineParser();
    const out = [...bytes(line)].flatMap((b) => parser.feed(Uint8Array.of(b)));
    expect(frames(out)).toEqual([frame]);
  });

  it('counts a run of garbage once and still parses the frame after it', () => {
    const parser = new FryerLineParser();
    const out = parser.feed(Buffer.concat([Buffer.from([0x00, 0xff, 0x13, 0x37, 0x41]), bytes(line)]));
    expect(errors(out)).toEqual(['garbage']);
    expect(frames(out)).toEqual([frame]);
  });

  it('reports garbage at the end of a chunk when flushed', () => {
    const parser = new FryerLineParser();
    const out = [...parser.feed(bytes(`${line}xyz`)), ...parser.flushGarbage()];
    expect(frames(out)).toHaveLength(1);
    expect(errors(out)).toEqual(['garbage']);
  });

  it('skips a frame with a bad checksum and keeps the next one', () => {
    const parser = new FryerLineParser();
    const corrupted = line.replace('176.4', '176.5');
    const out = parser.feed(bytes(corrupted + line));
    expect(errors(out)).toEqual(['bad_checksum']);
    expect(frames(out)).toEqual([frame]);
  });

  it('reports a frame cut off by the start of the next one', () => {
    const parser = new FryerLineParser();
    const out = parser.feed(bytes(`$T=17${line}`));
    expect(errors(out)).toEqual(['truncated']);
    expect(frames(out)).toEqual([frame]);
  });

  it('drops an overlong line without a line end and resynchronises on the next $', () => {
    const parser = new FryerLineParser();
    const out = [
      ...parser.feed(bytes(`$${'T=1,'.repeat(40)}`)),
      ...parser.feed(bytes(`more noise\r\n${line}`)),
    ];
    expect(errors(out)).toEqual(['overlong']);
    expect(frames(out)).toEqual([frame]);
  });

  it('accepts a bare LF line end and ignores idle CR/LF between frames', () => {
    const parser = new FryerLineParser();
    const out = parser.feed(bytes(`\r\n\r\n${line.replace('\r\n', '\n')}\n`));
    expect(errors(out)).toEqual([]);
    expect(frames(out)).toEqual([frame]);
  });

  it('survives random noise and corruption: every intact frame comes out, nothing else', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const parser = new FryerLineParser();
    let stream = Buffer.alloc(0);
    let intact = 0;
    for (let i = 0; i < 200; i++) {
      const f = encodeFryerFrame({ oilTempC: 150 + i / 10, state: 'HOLD', errorCode: 0 });
      const roll = rand();
      if (roll < 0.2) stream = Buffer.concat([stream, Buffer.from([0x7e, 0x01, 0xfe])]);
      if (roll > 0.9) stream = Buffer.concat([stream, bytes(f.replace('S=HOLD', 'S=HOLE'))]);
      else {
        stream = Buffer.concat([stream, bytes(f)]);
        intact++;
      }
    }
    const out: ParsedLine[] = [];
    for (let at = 0; at < stream.length; ) {
      const size = 1 + Math.floor(rand() * 40);
      out.push(...parser.feed(stream.subarray(at, at + size)));
      at += size;
    }
    expect(frames(out)).toHaveLength(intact);
  });
});
