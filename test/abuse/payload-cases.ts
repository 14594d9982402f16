import type { DeviceMessageKind } from '../../shared/topics';

/**
 * Payloads a provisioned fryer (metrics oil_temp_c −20…300 °C, heating_on, oil_life_pct
 * 0…100) might send by mistake or on purpose. Every one must be refused and counted,
 * never stored, never fatal. `now` is the edge's clock, near enough.
 */
export interface PayloadCase {
  name: string;
  kind: DeviceMessageKind;
  payload: string | Buffer;
}

const DAY = 86_400_000;

export function payloadCases(now: number): PayloadCase[] {
  const t = (ts: unknown, readings: unknown = { oil_temp_c: 180 }) => JSON.stringify({ ts, readings });
  const tsRaw = (tsLiteral: string) => `{"ts": ${tsLiteral}, "readings": {"oil_temp_c": 180}}`;
  const r = (readings: unknown) => JSON.stringify({ ts: now, readings });
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const telemetry: [string, string | Buffer][] = [
    ['not JSON', '{"ts": '],
    ['plain text', 'oil 180C'],
    ['empty payload', ''],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ['binary noise', Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 37) % 256))],
    ['JSON null', 'null'],
    ['JSON array', '[1,2,3]'],
    ['JSON number', '42'],
    ['JSON string', '"hello"'],
    ['missing ts', JSON.stringify({ readings: { oil_temp_c: 180 } })],
    ['missing readings', JSON.stringify({ ts: now })],
    ['empty readings', r({})],
    ['readings as array', r([180])],
    ['ts 1e16 (beyond a Date)', tsRaw('1e16')],
    ['ts 1e308', tsRaw('1e308')],
    ['ts -1e16', tsRaw('-1e16')],
    ['ts 2^53-1', tsRaw(String(2 ** 53 - 1))],
    ['ts 8.64e15+1 (one past the last Date)', tsRaw(String(8.64e15 + 1))],
    ['ts in microseconds', t(now * 1000)],
    ['ts in nanoseconds', t(now * 1_000_000)],
    ['ts in seconds (1970)', t(Math.floor(now / 1000))],
    ['ts 0', t(0)],
    ['ts negative', t(-1)],
    ['ts fractional', t(now + 0.5)],
    ['ts a day ahead', t(now + DAY)],
    ['ts thirty days old', t(now - 30 * DAY)],
    ['ts "NaN"', t('NaN')],
    ['ts "Infinity"', t('Infinity')],
    ['ts "nan" lower case', t('nan')],
    ['ts impossible ISO date', t('2024-13-45T99:99:99Z')],
    ['ts ISO year 275760', t('+275760-09-13T00:00:00.001Z')],
    ['ts ISO 9999-12-31', t('9999-12-31T23:59:59Z')],
    ['ts ISO without offset', t(new Date(now).toISOString().replace('Z', ''))],
    ['ts object', t({ ms: now })],
    ['ts array', t([now])],
    ['ts true', t(true)],
    ['ts null', t(null)],
    ['ts 1e-300', tsRaw('1e-300')],
    ['ts huge digit string', tsRaw('9'.repeat(400))],
    ['value string', r({ oil_temp_c: '180' })],
    ['value null', r({ oil_temp_c: null })],
    ['value object', r({ oil_temp_c: { v: 180 } })],
    ['value array', r({ oil_temp_c: [180] })],
    ['value 1e308', `{"ts": ${now}, "readings": {"oil_temp_c": 1e308}}`],
    ['value 1e309 (Infinity once parsed)', `{"ts": ${now}, "readings": {"oil_temp_c": 1e309}}`],
    ['value -1e308', `{"ts": ${now}, "readings": {"oil_temp_c": -1e308}}`],
    ['value "NaN"', r({ oil_temp_c: 'NaN' })],
    ['above the physical range', r({ oil_temp_c: 301 })],
    ['below the physical range', r({ oil_temp_c: -21 })],
    ['percent above 100', r({ oil_life_pct: 101 })],
    ['boolean metric as number', r({ heating_on: 1 })],
    ['number metric as boolean', r({ oil_temp_c: true })],
    ['unknown metric', r({ temp_c: 3 })],
    ['metric __proto__', `{"ts": ${now}, "readings": {"__proto__": 1}}`],
    ['metric constructor', r({ constructor: 1 })],
    ['metric name 10 kB', r({ [`m${'x'.repeat(10_000)}`]: 1 })],
    ['65 readings', r(Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`m_${i}`, i])))],
    [
      'huge array beside readings',
      JSON.stringify({ ts: now, readings: { oil_temp_c: 180 }, pad: new Array(100_000).fill(0) }),
    ],
    ['huge array as a value', r({ oil_temp_c: new Array(5_000).fill(1) })],
    ['deep nesting within the size limit', `{"ts": ${now}, "readings": {"oil_temp_c": ${nested(5_000)}}}`],
    ['deep nesting past the size limit', `{"ts": ${now}, "readings": {"oil_temp_c": ${nested(100_000)}}}`],
    ['1 MiB of spaces', `{"ts": ${now},${' '.repeat(1 << 20)}"readings": {"oil_temp_c": 180}}`],
    [
      '3 MiB payload (past maxPayloadBytes)',
      `{"ts": ${now}, "readings": {"oil_temp_c": 180}, "pad": "${'a'.repeat(3 << 20)}"}`,
    ],
  ];
  const event: [string, string][] = [
    ['event ts 1e16', JSON.stringify({ ts: 1e16, code: 'E42' })],
    ['event ts nanoseconds', JSON.stringify({ ts: now * 1_000_000, code: 'E42' })],
    ['event ts 2^53-1', JSON.stringify({ ts: 2 ** 53 - 1, code: 'E42' })],
    ['event without code', JSON.stringify({ ts: now })],
    ['event empty code', JSON.stringify({ ts: now, code: '' })],
    ['event code 100 kB', JSON.stringify({ ts: now, code: 'E'.repeat(100_000) })],
    ['event code number', JSON.stringify({ ts: now, code: 42 })],
    ['event message object', JSON.stringify({ ts: now, code: 'E42', message: { x: 1 } })],
    ['event not JSON', 'E42 overheat'],
    ['event deep nesting', `{"ts": ${now}, "code": ${nested(5_000)}}`],
  ];
  const status: [string, string][] = [
    ['status online "yes"', JSON.stringify({ online: 'yes' })],
    ['status empty object', '{}'],
    ['status not JSON', 'online'],
    ['status online null', JSON.stringify({ online: null })],
    ['status array', '[true]'],
  ];
  return [
    ...telemetry.map(([name, payload]) => ({ name, kind: 'telemetry' as const, payload })),
    ...event.map(([name, payload]) => ({ name, kind: 'event' as const, payload })),
    ...status.map(([name, payload]) => ({ name, kind: 'status' as const, payload })),
  ];
}
