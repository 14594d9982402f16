import { describe, expect, it } from 'vitest';
import { parseCsv, section } from '../../../../shared/server/testing/parse-csv';
import { gatherFoodSafetyReport } from './food-safety-report';
import { csvField, renderReportCsv, typedText } from './report-csv';
import { FoodSafetyReportError } from './report-errors';
import { manualWordsFor } from './report-manual-text';
import { wordsFor } from './report-text';
import { FIXTURE_NOW, FIXTURE_RANGE, fixtureSource, local } from './testing/report-fixture';

const csvOf = (...args: Parameters<typeof renderReportCsv>) => [...renderReportCsv(...args)].join('');

describe('food-safety report as CSV', () => {
  it('opens in Excel: UTF-8 with a byte-order mark, CRLF records, RFC 4180 quoting', async () => {
    const text = csvOf(await gatherFoodSafetyReport(fixtureSource(), FIXTURE_RANGE, FIXTURE_NOW), 'zh-CN');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(() => parseCsv(text.slice(1))).not.toThrow();
  });

  it('quotes what must be quoted and keeps typed text from running as a formula', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(-18)).toBe('-18');
    expect(typedText('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(typedText('Door seal')).toBe('Door seal');
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`holds every compliance figure, excursion, action and minute record (${lang})`, async () => {
      const source = fixtureSource();
      const w = wordsFor(lang);
      const rows = parseCsv(
        csvOf(await gatherFoodSafetyReport(source, FIXTURE_RANGE, FIXTURE_NOW), lang).slice(1),
      );
      expect(rows[0]).toEqual([w.title]);
      expect(rows.find((r) => r[0] === w.chainHead)?.[1]).toBe('13064');

      const summary = section(rows, w.dailySummary);
      expect(summary.rows).toHaveLength(9);
      for (const cp of ['wic-1', 'hot-1', 'frz-1'])
        for (const day of ['2026-11-01', '2026-11-02', '2026-11-03']) {
          const expected = source.compliance(cp, day);
          const row = summary.rows.find((r) => r[1] === cp && r[2] === day);
          expect(row?.slice(3, 12)).toEqual([
            String(expected.minutesInDay),
            String(expected.inLimitMin),
            String(expected.excusedMin),
            String(expected.outOfLimitMin),
            String(expected.noDataMin),
            '0',
            expected.compliancePct.toFixed(1),
            expected.pass ? w.pass : w.fail,
            String(expected.excursions.length),
          ]);
        }
      // By hand: 70 of 1 440 minutes above 5 °C on the 1st; two hours without data count against the freezer.
      expect(summary.rows.find((r) => r[1] === 'wic-1' && r[2] === '2026-11-01')?.[9]).toBe('95.1');
      expect(summary.rows.find((r) => r[1] === 'frz-1' && r[2] === '2026-11-02')?.slice(7, 11)).toEqual([
        '120',
        '0',
        '91.7',
        w.pass,
      ]);

      const excursions = section(rows, w.excursions);
      expect(excursions.rows.map((r) => r[0])).toEqual(['1000', '1010', '1001']);
      expect(excursions.rows[0]?.slice(2, 9)).toEqual([
        'wic-1',
        'wic-1',
        '2026-11-01 14:00',
        '2026-11-01 15:10',
        '70',
        '9.3',
        '≤ 5 °C',
      ]);
      expect(excursions.rows[1]?.slice(7, 9)).toEqual(['52.4', '≥ 60 °C']);
      // Judged by the tightened limit, and still open when the range ends.
      expect(excursions.rows[2]?.slice(4, 9)).toEqual([
        '2026-11-03 23:15',
        w.stillOpen,
        '45',
        '6.1',
        '≤ 4 °C',
      ]);

      const actions = section(rows, w.correctiveActions);
      const byId = new Map(actions.rows.map((r) => [r[0], r]));
      expect(byId.size).toBe(3);
      const col = (name: string) => actions.header.indexOf(name);
      const signedCooler = byId.get('1001');
      expect(signedCooler?.[col(w.state)]).toBe(w.stateOf.signed_off);
      expect(signedCooler?.[col(w.signedBy)]).toBe('王丽 (mgr-1)');
      expect(signedCooler?.[col(w.signedAt)]).toBe('2026-11-01 16:05');
      expect(signedCooler?.[col(w.disposition)]).toBe(w.dispositionOf.discarded);
      expect(signedCooler?.[col(w.quantity)]).toBe(`12.5 ${w.unitOf.kg}`);
      const hot = byId.get('1011');
      expect(hot?.[col(w.signedBy)]).toBe('Chen Jing (admin-1)');
      expect(hot?.[col(w.movedTo)]).toBe('hot-2');
      expect(hot?.[col(w.note)]).toBe('Reheated to 75 °C, "core" checked');
      expect(hot?.[col(w.whatDone)]).toBe('重新加热至 75 °C');
      const open = byId.get('1002');
      expect(open?.[col(w.state)]).toBe(w.stateOf.open);
      expect(open?.[col(w.signedBy)]).toBe('');
      expect(open?.[col(w.signedAt)]).toBe('');
      expect(open?.[col(w.note)]).toBe("'=1+1 typed by someone");

      const m = manualWordsFor(lang);
      const checks = section(rows, m.checks);
      const checkCol = (name: string) => checks.header.indexOf(name);
      expect(
        checks.rows.map((r) => [
          r[checkCol(m.due)],
          r[checkCol('id')],
          r[checkCol(m.result)],
          r[checkCol('°C')],
        ]),
      ).toEqual([
        ['2026-11-01 14:00', 'hot-probe', m.inLimit, '68.5'],
        ['2026-11-02 14:00', 'hot-probe', m.missed, ''],
      ]);
      expect(checks.rows[1]?.[checkCol(m.check)]).toBe(
        lang === 'en' ? 'Core temperature probe check' : '中心温度探针检查',
      );
      expect(section(rows, m.time).rows).toEqual([]);

      const log = section(rows, w.minuteLog);
      const total = [...source.all.values()].reduce((n, records) => n + records.length, 0);
      expect(log.rows).toHaveLength(total);
      const at = (cp: string, start: string) => log.rows.find((r) => r[1] === cp && r[2] === start);
      expect(at('wic-1', '2026-11-01 14:05')?.slice(4, 11)).toEqual([
        w.statusOf.out_of_limit,
        '9.3',
        '9.1',
        '9.4',
        '6',
        '',
        '≤ 5 °C',
      ]);
      expect(at('wic-1', '2026-11-02 12:00')?.[10]).toBe('≤ 4 °C');
      expect(at('frz-1', '2026-11-01 04:10')?.slice(4, 10)).toEqual([
        w.statusOf.excused,
        '-12',
        '-12.2',
        '-11.9',
        '6',
        'defrost_on',
      ]);
      expect(at('frz-1', '2026-11-02 09:00')?.slice(4, 9)).toEqual([w.statusOf.no_data, '', '', '', '0']);
    });
  }

  it('reports one control point alone when asked', async () => {
    const w = wordsFor('en');
    const report = await gatherFoodSafetyReport(
      fixtureSource(),
      { ...FIXTURE_RANGE, controlPointId: 'hot-1' },
      FIXTURE_NOW,
    );
    const rows = parseCsv(csvOf(report, 'en').slice(1));
    // Where each section keeps the control point's id.
    const idColumn: [string, number][] = [
      [w.dailySummary, 1],
      [w.excursions, 2],
      [w.correctiveActions, 3],
      [w.minuteLog, 1],
    ];
    for (const [title, column] of idColumn) {
      const ids = section(rows, title).rows.map((r) => r[column]);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids)).toEqual(new Set(['hot-1']));
    }
    await expect(
      gatherFoodSafetyReport(fixtureSource(), { ...FIXTURE_RANGE, controlPointId: 'nope' }, 0),
    ).rejects.toThrow(FoodSafetyReportError);
  });

  it('clips the minute log to the range and leaves out records newer than the chain head it printed', async () => {
    const source = fixtureSource();
    const cooler = source.all.get('wic-1') ?? [];
    const noon = cooler.find((r) => r.startTs === local('2026-11-02 12:00'));
    if (!noon) throw new Error('fixture has no record at noon');
    const behind = { ...source, chainHead: () => ({ seq: noon.seq, hash: 'f'.repeat(64), at: noon.endTs }) };
    const w = wordsFor('en');
    const range = { from: local('2026-11-02 06:00'), to: local('2026-11-03 06:00') };
    const rows = parseCsv(csvOf(await gatherFoodSafetyReport(behind, range, FIXTURE_NOW), 'en').slice(1));
    const starts = section(rows, w.minuteLog)
      .rows.filter((r) => r[1] === 'wic-1')
      .map((r) => r[2]);
    expect(starts[0]).toBe('2026-11-02 06:00');
    expect(starts[starts.length - 1]).toBe('2026-11-02 12:00');
    // Whole days in the summary: the range touches the 2nd and the 3rd.
    expect(
      section(rows, w.dailySummary)
        .rows.filter((r) => r[1] === 'wic-1')
        .map((r) => r[2]),
    ).toEqual(['2026-11-02', '2026-11-03']);
  });
});
