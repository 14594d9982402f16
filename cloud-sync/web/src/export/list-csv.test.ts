import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../shared/server/testing/parse-csv';
import { createI18n } from '../i18n/setup';
import { alarm, equipmentLabel, openTicket } from '../testing/fixtures';
import { BOM, toCsv } from './csv';
import { alarmsCsv, ticketsCsv } from './list-csv';

describe('CSV export', () => {
  it('starts with a UTF-8 BOM and survives commas, quotes, line breaks and formula-like text', () => {
    const csv = toCsv(
      ['a', 'b', 'c'],
      [
        ['x, "y"', 'two\nlines', '=SUM(A1)'],
        [-18.5, null, ' padded '],
      ],
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(parseCsv(csv.slice(1))).toEqual([
      ['a', 'b', 'c'],
      ['x, "y"', 'two\nlines', "'=SUM(A1)"],
      ['-18.5', '', ' padded '],
    ]);
  });

  it('writes alarms and tickets with Chinese names, labels and titles as the page shows them', () => {
    const i18n = createI18n('zh-CN');
    const episodes = [
      {
        storeId: 'sh-001',
        storeName: '上海人民广场店',
        regionId: 'east',
        regionName: '华东区',
        equipment: equipmentLabel('cooler-1'),
        alarm: alarm({ ackedBy: 'li' }),
      },
    ];
    const alarms = parseCsv(alarmsCsv(episodes, i18n.t, 'zh-CN').slice(1));
    expect(alarms[0]?.slice(0, 4)).toEqual(['门店', '门店编号', '区域', '设备']);
    expect(alarms[1]?.slice(0, 9)).toEqual([
      '上海人民广场店',
      'sh-001',
      '华东区',
      '冷藏库',
      'cooler-1',
      '步入式冷藏库',
      '严重',
      '冷库温度过高',
      '进行中，未确认',
    ]);
    const manual = openTicket(9, 7200, 'sh-001', {
      source: 'manual',
      fault: 'not_heating',
      category: 'not_heating',
      title: { en: 'not_heating', 'zh-CN': 'not_heating' },
    });
    const tickets = parseCsv(ticketsCsv([manual], i18n.t, 'zh-CN', (row) => row.ageS).slice(1));
    expect(tickets[1]?.slice(0, 8)).toEqual([
      '9',
      'Store sh-001',
      'sh-001',
      '华东区',
      '炸炉 1',
      'fryer-1',
      '炸炉',
      '不加热',
    ]);
    expect(tickets[1]?.[12]).toBe('2');
  });
});
