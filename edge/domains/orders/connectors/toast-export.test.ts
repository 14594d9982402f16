import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ToastExportSettings } from '../../../../shared/config/pos-connectors';
import { type OrdersKit, ordersKit } from '../testing/orders-kit';
import { csvTable, parseCsv } from './csv';
import { formatToastProblem, importToastExport, localToEpoch, toastSubmissions } from './toast-export';

describe('CSV parser', () => {
  it('reads quotes, doubled quotes, embedded commas and line breaks, CRLF and a BOM', () => {
    const text = '\ufeffa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\n\n3,,"z"';
    const { records, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'say "hi"'] },
      { line: 3, fields: ['2', 'two\nlines', ''] },
      { line: 6, fields: ['3', '', 'z'] },
    ]);
  });

  it('reports garbage with its line: unclosed quotes, stray quotes, text after a closing quote', () => {
    expect(parseCsv('a,b\n1,"open\n2,3').problems).toEqual([
      { line: 2, message: 'a quoted field is never closed' },
    ]);
    expect(parseCsv('a,b\n1,x"y').problems).toEqual([
      { line: 2, message: 'a quote inside an unquoted field' },
    ]);
    expect(parseCsv('a,b\n1,"x"y').problems).toEqual([{ line: 2, message: 'text after a closing quote' }]);
    expect(csvTable('').problems).toEqual([{ line: 1, message: 'the file is empty' }]);
    expect(csvTable('a,b,c\n1').rows[0]!.missing).toEqual(['b', 'c']);
  });
});

const SETTINGS = ToastExportSettings.parse({
  integrationClient: 'pos-demo',
  catalog: {
    items: { Burger: 'burger', '4001': 'fries', Sundae: 'sundae' },
    modifiers: { 'No Cheese': 'no-cheese', Large: 'large' },
    ignore: ['Coke'],
  },
});
const TZ = 'Asia/Shanghai';

const CHECKS = [
  'Location Code,Opened Date,Opened Time,Item Description,Server,Tax,Tender,Check Id,Check #,Total,Customer Family,Table Size,Discount,Reason of Discount,Link,Customer Id,Customer,Customer Phone,Customer Email',
  ',01/05/26,12:31 PM,"Burger, Fries",Ann,1.00,Card,900001,17,12.00,,2,0,,,,"Chen, Li",,',
  ',01/05/26,1:05 PM,Sundae,Ann,0.50,Cash,900002,18,5.00,,1,0,,,,,,',
  ',01/05/26,7:40 PM,Coke,Bo,0.10,Cash,900003,19,2.00,,1,0,,,,,,',
].join('\r\n');
const ITEM_HEADER =
  'Location,Order Id,Order #,Sent Date,Order Date,Check Id,Server,Table,Dining Area,Service,Dining Option,Item Selection Id,Item Id,Master Id,SKU,Menu Item,Menu Subgroup(s),Menu Group,Menu,Sales Category,Gross Price,Discnt,Net Price,Qty,Tax,Void?,Deferred,Tax Exempt,Tax Inclusion Option,Dining Option Tax,Tab Name';
const item = (
  check: string,
  sel: string,
  master: string,
  name: string,
  qty: string,
  voided: string,
  option = 'Dine In',
) =>
  `Main,7001,17,01/05/2026 12:32:10,01/05/2026 12:31:05,${check},Ann,12,Patio,Lunch,${option},${sel},,${master},,${name},,Mains,Lunch,Food,6.00,0,6.00,${qty},0.5,${voided},False,False,,,`;
const ITEMS = [
  ITEM_HEADER,
  item('900001', '11', '', 'Burger', '2.0000', 'False'),
  item('900001', '12', '4001', '"Fries ""Crinkle"", large"', '1', 'False'),
  item('900001', '13', '', 'Burger', '1', 'True'),
  item('900001', '14', '', 'Coke', '1', 'False'),
  item('900002', '21', '', 'Sundae', '1', 'false', 'Take Out'),
  item('900003', '31', '', 'Coke', '1', 'False'),
].join('\n');
const MOD_HEADER =
  'Location,Order Id,Order #,Sent Date,Order Date,Check Id,Server,Table,Dining Area,Service,Dining Option,Item Selection Id,Modifier Id,Master Id,Modifier SKU,Modifier,Option Group ID,Option Group Name,Parent Menu Selection Item ID,Parent Menu Selection,Sales Cateogry,Gross Price,Discnt,Net Price,Qty,Void?,Void Reason ID,Void Reason';
const MODS = [
  MOD_HEADER,
  'Main,7001,17,,,900001,Ann,12,,,,51,,,,No Cheese,,Cheese,11,Burger,,0,0,0,1,False,,',
  'Main,7001,17,,,900001,Ann,12,,,,52,,,,Large,,Size,12,Fries,,0.5,0,0.5,1,False,,',
].join('\n');

describe('Toast export', () => {
  it('turns checks into closed canonical orders, leaving out voided and ignored items', () => {
    const result = toastSubmissions(
      {
        'CheckDetails.csv': CHECKS,
        'ItemSelectionDetails.csv': ITEMS,
        'ModifiersSelectionDetails.csv': MODS,
      },
      SETTINGS,
      TZ,
    );
    expect(result.problems).toEqual([]);
    expect(result.skippedChecks).toBe(1);
    const [first, second] = result.submissions;
    expect(first).toMatchObject({
      source: 'toast-export',
      order: {
        externalId: 'toast-900001',
        version: 1,
        channel: 'dine_in',
        status: 'closed',
        table: '12',
        guestName: 'Chen, Li',
        placedAt: Date.UTC(2026, 0, 5, 4, 31, 5),
        lines: [
          { lineId: '11', item: 'burger', qty: 2, modifiers: [{ id: '11-m1', item: 'no-cheese' }] },
          { lineId: '12', item: 'fries', qty: 1, modifiers: [{ id: '12-m1', item: 'large' }] },
        ],
      },
    });
    expect(first!.eventId).toMatch(/^toast-900001-[0-9a-f]{16}$/);
    expect(second!.order).toMatchObject({ externalId: 'toast-900002', channel: 'takeaway' });
  });

  it('reports every bad row with file, line and column and leaves only those checks out', () => {
    const items = [
      ITEM_HEADER,
      item('900001', '11', '', 'Burger', 'two', 'False'),
      item('900001', '12', '', 'Pizza', '1', 'False'),
      item('900002', '21', '', 'Sundae', '1', 'maybe'),
      item('900009', '91', '', 'Burger', '1.5', 'False'),
      'Main,7001,17',
    ].join('\n');
    const result = toastSubmissions(
      {
        'CheckDetails.csv': CHECKS,
        'ItemSelectionDetails.csv': items,
        'ModifiersSelectionDetails.csv': MOD_HEADER,
      },
      SETTINGS,
      TZ,
    );
    expect(result.submissions).toEqual([]);
    const lines = result.problems.map(formatToastProblem);
    expect(lines).toContain('ItemSelectionDetails.csv:2 [Qty]: "two" is not a whole quantity');
    expect(lines).toContain(
      'ItemSelectionDetails.csv:3 [Menu Item]: "Pizza" (Master Id none) is not in the catalog mapping',
    );
    expect(lines).toContain('ItemSelectionDetails.csv:4 [Void?]: "maybe" is neither true nor false');
    expect(lines).toContain('ItemSelectionDetails.csv:5 [Check Id]: check 900009 is not in CheckDetails.csv');
    expect(lines).toContain('ItemSelectionDetails.csv:5 [Qty]: "1.5" is not a whole quantity');
    expect(lines.some((l) => l.startsWith('ItemSelectionDetails.csv:6 [Sent Date]: the row stops'))).toBe(
      true,
    );
  });

  it('refuses a file without a required column', () => {
    const result = toastSubmissions(
      {
        'CheckDetails.csv': CHECKS,
        'ItemSelectionDetails.csv': ITEMS.replace('Void?', 'Voided'),
        'ModifiersSelectionDetails.csv': MODS,
      },
      SETTINGS,
      TZ,
    );
    expect(result.submissions).toEqual([]);
    expect(result.problems.map(formatToastProblem)).toEqual([
      'ItemSelectionDetails.csv:1 [Void?]: required column missing from the header',
    ]);
  });

  it('reads local wall time in the store zone, across a daylight-saving change too', () => {
    expect(localToEpoch('01/05/26 12:31 PM', TZ)).toBe(Date.UTC(2026, 0, 5, 4, 31));
    expect(localToEpoch('01/05/2026 00:10:00', TZ)).toBe(Date.UTC(2026, 0, 4, 16, 10));
    expect(localToEpoch('07/01/2026 09:00:00', 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 13, 0));
    expect(localToEpoch('13/01/2026 09:00', TZ)).toBeUndefined();
  });
});

describe('importToastExport', () => {
  let dir = '';
  let kit: OrdersKit | undefined;
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    kit?.close();
    kit = undefined;
  });

  it('imports the export once: the second import is all duplicates', async () => {
    dir = mkdtempSync(join(tmpdir(), 'toast-'));
    writeFileSync(join(dir, 'CheckDetails.csv'), CHECKS);
    writeFileSync(join(dir, 'ItemSelectionDetails.csv'), ITEMS);
    writeFileSync(join(dir, 'ModifiersSelectionDetails.csv'), MODS);
    kit = ordersKit();
    const intake = kit.room.intake;
    const first = await importToastExport(dir, intake, { settings: SETTINGS, timeZone: TZ });
    const again = await importToastExport(dir, intake, { settings: SETTINGS, timeZone: TZ });
    expect(first.outcomes).toEqual({ applied: 2, duplicate: 0, superseded: 0 });
    expect(again.outcomes).toEqual({ applied: 0, duplicate: 2, superseded: 0 });
    expect(kit.room.orders.find('toast-export', 'toast-900001')?.status).toBe('closed');
    expect(kit.room.orders.find('toast-export', 'toast-900002')).toBeDefined();
    // past trade: recorded, never on a station
    for (const station of ['grill', 'fry', 'prep', 'expo']) expect(kit.open(station)).toEqual([]);
  });

  it('submits nothing when a file is missing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'toast-'));
    writeFileSync(join(dir, 'CheckDetails.csv'), CHECKS);
    writeFileSync(join(dir, 'ItemSelectionDetails.csv'), ITEMS);
    kit = ordersKit();
    const report = await importToastExport(dir, kit.room.intake, { settings: SETTINGS, timeZone: TZ });
    expect(kit.room.orders.stats().total.received).toBe(0);
    expect(report.problems.map(formatToastProblem)).toEqual([
      'ModifiersSelectionDetails.csv:0: cannot be read: ENOENT',
    ]);
  });
});
