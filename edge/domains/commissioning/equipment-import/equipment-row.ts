import type { z } from 'zod';
import {
  EXPECTED_ASSET_FIELDS,
  type ExpectedAssetField,
  ExpectedLifeYears,
  InstallDate,
  RatedPowerKw,
  REPLACEMENT_PRICE_DECIMALS,
  replacementPriceProblem,
} from '../../../../shared/config/asset';
import { type Equipment, EquipmentProtocol } from '../../../../shared/config/equipment';
import { SlugId } from '../../../../shared/ids';
import type { LocalizedText } from '../../../../shared/localized-text';
import { nearestName } from '../../../../shared/server/config/near-name';
import { type SheetColumn, type SheetProblem, type SheetRow, say } from './sheet';

/** An equipment entry as it is written into the config file (defaults left to the schema). */
export type EquipmentEntry = z.input<typeof Equipment>;

/** What a row is checked against: the store config it goes into, and today. */
export interface RowContext {
  /** The config's equipment types, with their labels for default names. */
  equipmentTypes: Readonly<Record<string, { label: LocalizedText }>>;
  /** The station a type's equipment already stands at, for rows that leave it empty. */
  stationOfType: ReadonlyMap<string, string>;
  /** The store's currency (stock.currency), which prices are in. */
  currency: string;
  /** Today in the store's time zone, YYYY-MM-DD: an install date after it is a typing error. */
  today: string;
}

export interface RowResult {
  /** Present only when the row has no problem. */
  equipment?: EquipmentEntry;
  problems: SheetProblem[];
  warnings: SheetProblem[];
}

/** Serial line speeds a kitchen controller uses; anything else is a typing error. */
export const BAUD_RATES = [1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200] as const;
const MAX_NAME_LENGTH = 100;
const MAX_LOCATION_LENGTH = 200;

const ASSET_COLUMN: Record<ExpectedAssetField, SheetColumn> = {
  installDate: 'install_date',
  replacementPrice: 'price',
  expectedLifeYears: 'expected_life_y',
};

/**
 * One row of the sheet into one equipment entry, every cell checked and every problem
 * kept (not just the first), each naming its column and saying how to fix it.
 */
export function parseEquipmentRow(sheetRow: SheetRow, context: RowContext): RowResult {
  const { row, cells } = sheetRow;
  const problems: SheetProblem[] = [];
  const warnings: SheetProblem[] = [];
  const fail = (column: SheetColumn, message: LocalizedText, hint?: LocalizedText) => {
    problems.push({ row, column, message, ...(hint ? { hint } : {}) });
  };

  const id = cells.id;
  if (id === undefined) fail('id', say('missing: every row needs an id', '缺失：每行都需要设备编号'));
  else if (!SlugId.safeParse(id).success)
    fail('id', say(`"${id}" is not a valid id`, `"${id}" 不是有效的编号`), SLUG_HINT);

  const type = cells.type;
  const known = Object.keys(context.equipmentTypes);
  const profile = type === undefined ? undefined : context.equipmentTypes[type];
  if (type === undefined)
    fail('type', say('missing: every row needs a type', '缺失：每行都需要设备类型'), typesHint(known));
  else if (!profile) {
    const guess = nearestName(type, known);
    fail(
      'type',
      say(`unknown equipment type "${type}"`, `未知的设备类型"${type}"`),
      guess ? say(`did you mean "${guess}"?`, `是否应为"${guess}"？`) : typesHint(known),
    );
  }

  const name = { en: cells.name_en, 'zh-CN': cells.name_zh };
  for (const [column, text] of [
    ['name_en', name.en],
    ['name_zh', name['zh-CN']],
  ] as const) {
    if (text !== undefined && text.length > MAX_NAME_LENGTH) {
      fail(
        column,
        say(`longer than ${MAX_NAME_LENGTH} characters`, `超过 ${MAX_NAME_LENGTH} 个字符`),
        NAME_HINT,
      );
    }
  }

  let station = cells.station;
  if (station !== undefined && !SlugId.safeParse(station).success) {
    fail(
      'station',
      say(`"${station}" is not a valid station id`, `"${station}" 不是有效的工位编号`),
      SLUG_HINT,
    );
  } else if (station === undefined && type !== undefined && profile) {
    station = context.stationOfType.get(type);
    if (station === undefined) {
      fail(
        'station',
        say(
          `missing, and no other ${type} has a station to take`,
          `缺失，且没有其他 ${type} 设备可参照其工位`,
        ),
        say(
          'write the kitchen station, e.g. cold, fry, grill, pass',
          '请填写厨房工位，例如 cold、fry、grill、pass',
        ),
      );
    } else {
      warnings.push({
        row,
        column: 'station',
        message: say(
          `empty: set to "${station}" like the other ${type}`,
          `为空：按其他 ${type} 设为"${station}"`,
        ),
      });
    }
  }

  const location = cells.location;
  if (location !== undefined && location.length > MAX_LOCATION_LENGTH) {
    fail(
      'location',
      say(`longer than ${MAX_LOCATION_LENGTH} characters`, `超过 ${MAX_LOCATION_LENGTH} 个字符`),
    );
  }

  const serial = parseSerial(cells, fail);
  const asset = parseAsset(cells, context, fail);
  for (const field of EXPECTED_ASSET_FIELDS) {
    const column = ASSET_COLUMN[field];
    if (cells[column] === undefined) {
      warnings.push({
        row,
        column,
        message: say(
          `asset field missing: ${ASSET_FIELD_NAMES[field].en}`,
          `缺少资产信息：${ASSET_FIELD_NAMES[field]['zh-CN']}`,
        ),
        hint: say('fill it in before handover', '请在交接前补齐'),
      });
    }
  }

  if (problems.length > 0 || id === undefined || type === undefined || station === undefined) {
    return { problems, warnings };
  }
  const label = profile?.label ?? { en: type, 'zh-CN': type };
  for (const [column, lang] of [
    ['name_en', 'en'],
    ['name_zh', 'zh-CN'],
  ] as const) {
    if (name[lang] === undefined) {
      name[lang] = `${label[lang]} ${id}`;
      warnings.push({
        row,
        column,
        message: say(`empty: named "${name[lang]}"`, `为空：命名为"${name[lang]}"`),
      });
    }
  }
  const equipment: EquipmentEntry = {
    id,
    type,
    name: { en: name.en ?? id, 'zh-CN': name['zh-CN'] ?? id },
    station,
    ...(location !== undefined ? { location } : {}),
    ...(serial ? { protocol: serial.protocol, serial: serial.link } : {}),
    ...(asset ? { asset } : {}),
  };
  return { equipment, problems, warnings };
}

type Fail = (column: SheetColumn, message: LocalizedText, hint?: LocalizedText) => void;

function parseSerial(
  cells: SheetRow['cells'],
  fail: Fail,
): { protocol: EquipmentProtocol; link: { path: string; baudRate?: number } } | undefined {
  const protocolText = cells.protocol ?? 'mqtt';
  const protocol = EquipmentProtocol.safeParse(protocolText);
  if (!protocol.success) {
    fail(
      'protocol',
      say(`unknown protocol "${protocolText}"`, `未知的协议"${protocolText}"`),
      say(`one of: ${EquipmentProtocol.options.join(', ')}`, `可选：${EquipmentProtocol.options.join(', ')}`),
    );
    return undefined;
  }
  const path = cells.serial_path;
  const baudText = cells.baud_rate;
  let baudRate: number | undefined;
  if (baudText !== undefined) {
    baudRate = Number(baudText);
    if (!(BAUD_RATES as readonly number[]).includes(baudRate)) {
      fail(
        'baud_rate',
        say(`${baudText} is not a serial line speed`, `${baudText} 不是串口波特率`),
        say(`one of: ${BAUD_RATES.join(', ')}`, `可选：${BAUD_RATES.join(', ')}`),
      );
    }
  }
  if (protocol.data === 'mqtt') {
    for (const column of ['serial_path', 'baud_rate'] as const) {
      if (cells[column] !== undefined) {
        fail(
          column,
          say(
            'given, but the protocol is mqtt, which has no serial line',
            '已填写，但协议为 mqtt，不使用串口',
          ),
          say(
            'set protocol to serial-ascii or modbus-rtu, or clear the cell',
            '请将协议设为 serial-ascii 或 modbus-rtu，或清空此单元格',
          ),
        );
      }
    }
    return undefined;
  }
  if (path === undefined) {
    fail(
      'serial_path',
      say(
        `missing: protocol ${protocol.data} needs the serial port`,
        `缺失：协议 ${protocol.data} 需要串口路径`,
      ),
      say('e.g. /dev/ttyUSB0', '例如 /dev/ttyUSB0'),
    );
    return undefined;
  }
  if (/\s/.test(path)) {
    fail(
      'serial_path',
      say('a device path has no spaces', '设备路径不能含空格'),
      say('e.g. /dev/ttyUSB0', '例如 /dev/ttyUSB0'),
    );
  }
  return { protocol: protocol.data, link: { path, ...(baudRate !== undefined ? { baudRate } : {}) } };
}

function parseAsset(cells: SheetRow['cells'], context: RowContext, fail: Fail): EquipmentEntry['asset'] {
  const asset: NonNullable<EquipmentEntry['asset']> = {};
  const installDate = cells.install_date;
  if (installDate !== undefined) {
    const parsed = InstallDate.safeParse(installDate);
    if (!parsed.success) {
      fail('install_date', say(`"${installDate}" is not a date`, `"${installDate}" 不是日期`), DATE_HINT);
    } else if (installDate > context.today) {
      fail(
        'install_date',
        say(
          `${installDate} is after today (${context.today})`,
          `${installDate} 晚于今天（${context.today}）`,
        ),
        DATE_HINT,
      );
    } else asset.installDate = installDate;
  }
  const price = cells.price;
  if (price !== undefined) {
    const problem = replacementPriceProblem(price);
    if (problem) {
      fail(
        'price',
        say(
          `"${price}": ${problem}`,
          `"${price}"：应为大于 0 的金额，最多两位小数，不含货币符号和千位分隔符`,
        ),
        say(
          `the replacement price in ${context.currency}, e.g. 12500.00`,
          `以 ${context.currency} 计的重置价格，例如 12500.00`,
        ),
      );
    } else asset.replacementPrice = toMinorUnit(price);
  }
  const life = numberCell(cells.expected_life_y, ExpectedLifeYears);
  if (life.problem !== undefined) {
    fail(
      'expected_life_y',
      say(
        `"${cells.expected_life_y}": ${life.problem}`,
        `"${cells.expected_life_y}"：预期寿命应为 0.5 至 50 年，最多一位小数`,
      ),
      say('years, e.g. 8 or 7.5', '以年计，例如 8 或 7.5'),
    );
  } else if (life.value !== undefined) asset.expectedLifeYears = life.value;
  const power = numberCell(cells.rated_power_kw, RatedPowerKw);
  if (power.problem !== undefined) {
    fail(
      'rated_power_kw',
      say(
        `"${cells.rated_power_kw}": ${power.problem}`,
        `"${cells.rated_power_kw}"：额定功率应大于 0、不超过 500 kW，最多三位小数`,
      ),
      say('kW from the nameplate, e.g. 14.5', '铭牌上的千瓦数，例如 14.5'),
    );
  } else if (power.value !== undefined) asset.ratedPowerKw = power.value;
  return Object.keys(asset).length > 0 ? asset : undefined;
}

/** "12500" → "12500.00": money is written to the currency's minor unit, exactly as typed otherwise. */
export function toMinorUnit(price: string): string {
  const [whole, fraction = ''] = price.split('.');
  return `${whole}.${fraction.padEnd(REPLACEMENT_PRICE_DECIMALS, '0')}`;
}

/** A number cell checked against its schema; a comma or a unit in it is a problem, not a guess. */
function numberCell(
  text: string | undefined,
  schema: z.ZodType<number>,
): { value?: number; problem?: string } {
  if (text === undefined) return {};
  if (!/^\d+(\.\d+)?$/.test(text)) return { problem: 'a plain number, without unit or thousands separator' };
  const parsed = schema.safeParse(Number(text));
  if (!parsed.success) return { problem: parsed.error.issues.map((i) => i.message).join('; ') };
  return { value: parsed.data };
}

const ASSET_FIELD_NAMES: Record<ExpectedAssetField, LocalizedText> = {
  installDate: say('install date (install_date)', '安装日期（install_date）'),
  replacementPrice: say('replacement price (price)', '重置价格（price）'),
  expectedLifeYears: say('expected life (expected_life_y)', '预期寿命（expected_life_y）'),
};
const SLUG_HINT = say(
  'use 1–64 of a-z, 0-9, "-" and "_", starting with a letter or digit, e.g. fryer-1',
  '使用 1–64 个 a-z、0-9、"-"、"_"，以字母或数字开头，例如 fryer-1',
);
const NAME_HINT = say('shorten the name', '请缩短名称');
const DATE_HINT = say(
  'the install day, written YYYY-MM-DD, e.g. 2024-03-18',
  '安装日期，格式 YYYY-MM-DD，例如 2024-03-18',
);
function typesHint(known: string[]): LocalizedText {
  return say(`the config's types: ${known.join(', ')}`, `配置中的类型：${known.join(', ')}`);
}
