import type { Locale } from '../../../../shared/localized-text';
import { LocalTime } from '../../food-safety/report/local-time';
import type { HandoverReport } from './handover-report';
import { type HandoverWords, handoverWords, number } from './handover-text';

/** One table of the report: its title, header and rows, as both the PDF and the CSV print it. */
export interface HandoverTable {
  title: string;
  header: string[];
  rows: string[][];
}

/**
 * The report's tables in the reader's language. Both files are made from these, so the PDF
 * and the CSV cannot disagree about what was installed and proven.
 */
export function handoverTables(report: HandoverReport, lang: Locale): HandoverTable[] {
  const w = handoverWords(lang);
  const time = new LocalTime(report.store.timeZone);
  const at = (ms: number | null | undefined) => (ms === null || ms === undefined ? '' : time.dateTime(ms));
  return [
    {
      title: w.checklist,
      header: [w.item, w.state, w.progress, w.waitingFor],
      rows: report.checklist.items.map((i) => [
        `${i.title[lang]} (${i.id})`,
        i.complete ? w.done : w.open,
        i.progress[lang],
        i.waiting.map((x) => `${x.subject ? `${x.subject}: ` : ''}${x.reason[lang]}`).join('; '),
      ]),
    },
    {
      title: w.installed,
      header: [
        w.id,
        w.type,
        `${w.name} (en)`,
        `${w.name} (zh-CN)`,
        w.station,
        w.location,
        w.protocol,
        w.serial,
        w.installDate,
        w.price,
        w.expectedLife,
        w.ratedPower,
      ],
      rows: report.equipment.map((u) => [
        u.id,
        u.type,
        u.name.en,
        u.name['zh-CN'],
        u.station,
        u.location ?? '',
        u.protocol,
        u.serialNumber ?? '',
        u.asset?.installDate ?? '',
        u.asset?.replacementPrice ?? '',
        u.asset?.expectedLifeYears === undefined ? '' : String(u.asset.expectedLifeYears),
        u.asset?.ratedPowerKw === undefined ? '' : String(u.asset.ratedPowerKw),
      ]),
    },
    {
      title: w.firstReadings,
      header: [w.id, w.metric, w.value, w.at, w.range, w.inRange],
      rows: report.equipment.flatMap((u) =>
        u.firstReadings.length === 0
          ? [[u.id, '', '', '', '', w.noReading]]
          : u.firstReadings.map((r) => [
              u.id,
              r.metric,
              number(r.value),
              at(r.ts),
              r.min === null && r.max === null ? '' : `${r.min ?? '…'}–${r.max ?? '…'}`,
              r.inRange === null ? w.noRange : r.inRange ? w.yes : w.no,
            ]),
      ),
    },
    {
      title: w.pulldown,
      header: [w.id, w.metric, w.limit, w.start, w.value, w.reached, w.value, w.minutes],
      rows: report.pulldowns.map((p) => [
        p.equipmentId,
        p.metric,
        `≤ ${number(p.limitC)} °C`,
        at(p.start?.ts),
        p.start ? number(p.start.value) : '',
        p.reached ? at(p.reached.ts) : w.notReached,
        p.reached ? number(p.reached.value) : '',
        p.minutes === null ? '' : number(p.minutes),
      ]),
    },
    {
      title: w.testAlarms,
      header: [w.id, w.alarm, w.raisedAt, w.seenAt, w.roundTrip],
      rows: report.testAlarms.map((t) => [
        t.equipmentId,
        t.alarmId === null ? '' : `#${t.alarmId}`,
        at(t.raisedAt),
        t.seenAt === null ? w.notSeen : at(t.seenAt),
        t.roundTripS === null ? '' : number(t.roundTripS),
      ]),
    },
    signatureTable(report, w, at),
  ];
}

function signatureTable(
  report: HandoverReport,
  w: HandoverWords,
  at: (ms: number | null) => string,
): HandoverTable {
  const s = report.signature;
  return {
    title: w.signature,
    header: [w.signedBy, w.role, w.signedAt, w.override, w.checklistSha],
    rows: s
      ? [
          [
            `${s.signerName} (${s.signedBy})`,
            s.role,
            at(s.signedAt),
            s.overrideReason ?? '',
            s.checklistSha256,
          ],
        ]
      : [[w.notSigned, '', '', '', '']],
  };
}
