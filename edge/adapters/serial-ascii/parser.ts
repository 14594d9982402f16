import { decodeFryerLine, FrameError, type FryerFrame, MAX_LINE_BYTES } from './frame';

/** Why bytes off the line were skipped; counted per port by the supervisor. */
export type LineErrorReason = 'garbage' | 'truncated' | 'overlong' | 'bad_checksum' | 'malformed';

export type ParsedLine =
  | { kind: 'frame'; frame: FryerFrame }
  | { kind: 'error'; reason: LineErrorReason; detail: string };

const DOLLAR = 0x24;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Turns the raw byte stream of a fryer line into frames. Chunks may split a frame
 * anywhere; bytes before a `$` are garbage (one error per run, not per byte); a
 * `$` inside a frame means the previous frame was cut off; a frame that grows past
 * MAX_LINE_BYTES is dropped and the parser resynchronises on the next `$`.
 */
export class FryerLineParser {
  #line: number[] = [];
  #inFrame = false;
  #garbageRun = 0;
  #skippingOverlong = false;

  feed(chunk: Uint8Array): ParsedLine[] {
    const out: ParsedLine[] = [];
    for (const byte of chunk) this.#byte(byte, out);
    return out;
  }

  /** Ends a garbage run at a chunk boundary so it is reported without waiting for the next `$`. */
  flushGarbage(): ParsedLine[] {
    const out: ParsedLine[] = [];
    this.#endGarbage(out);
    return out;
  }

  #byte(byte: number, out: ParsedLine[]): void {
    if (byte === DOLLAR) {
      this.#endGarbage(out);
      if (this.#inFrame && this.#line.length > 0) {
        out.push({
          kind: 'error',
          reason: 'truncated',
          detail: `frame cut off after ${this.#line.length} bytes`,
        });
      }
      this.#inFrame = true;
      this.#skippingOverlong = false;
      this.#line = [];
      return;
    }
    if (!this.#inFrame) {
      // Idle line noise between frames: CR/LF after a dropped frame is not garbage.
      if (this.#skippingOverlong || byte === CR || byte === LF) return;
      this.#garbageRun++;
      return;
    }
    if (byte === LF) {
      this.#inFrame = false;
      const line = this.#line.at(-1) === CR ? this.#line.slice(0, -1) : this.#line;
      this.#line = [];
      out.push(decode(Uint8Array.from(line)));
      return;
    }
    this.#line.push(byte);
    if (this.#line.length + 1 > MAX_LINE_BYTES) {
      out.push({ kind: 'error', reason: 'overlong', detail: `no line end within ${MAX_LINE_BYTES} bytes` });
      this.#inFrame = false;
      this.#skippingOverlong = true;
      this.#line = [];
    }
  }

  #endGarbage(out: ParsedLine[]): void {
    if (this.#garbageRun === 0) return;
    out.push({ kind: 'error', reason: 'garbage', detail: `${this.#garbageRun} bytes outside any frame` });
    this.#garbageRun = 0;
  }
}

function decode(line: Uint8Array): ParsedLine {
  try {
    return { kind: 'frame', frame: decodeFryerLine(line) };
  } catch (err) {
    if (err instanceof FrameError) return { kind: 'error', reason: err.code, detail: err.message };
    throw err;
  }
}
