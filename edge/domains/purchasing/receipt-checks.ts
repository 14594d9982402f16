import type { GoodsReceiptRequest } from '../../../shared/api/purchasing';
import type { StoreConfig } from '../../../shared/config/store-config';
import { coldHoldingLimit } from './cold-limit';
import { PurchasingError } from './purchasing-errors';

/** A chilled line is taken in only at or below the cold-holding limit of the store's pack. */
export function checkDeliveryTemp(
  config: StoreConfig,
  line: number,
  item: string,
  tempC: number | undefined,
  path: (string | number)[],
): void {
  const cold = coldHoldingLimit(config);
  if (!cold)
    throw new PurchasingError(
      'FOOD_SAFETY_REFUSED',
      {
        en: `line ${line} (${item}) is chilled, but the store has no cold-holding limit in foodSafety.controlPoints to check it against`,
        'zh-CN': `第 ${line} 行（${item}）为冷藏品，但门店未配置冷藏温度限值`,
      },
      path,
    );
  const named = {
    en: `${cold.limit.tempC} °C: ${cold.limit.title.en} (${cold.pack}, clause ${cold.clause.ref} "${cold.clause.title.en}")`,
    'zh-CN': `${cold.limit.tempC} °C：${cold.limit.title['zh-CN']}（${cold.pack}，条款 ${cold.clause.ref}「${cold.clause.title['zh-CN']}」）`,
  };
  if (tempC === undefined)
    throw new PurchasingError(
      'FOOD_SAFETY_REFUSED',
      {
        en: `line ${line} (${item}) is chilled: enter its delivery temperature, checked against the cold-holding limit of ${named.en}`,
        'zh-CN': `第 ${line} 行（${item}）为冷藏品：请输入到货温度，按冷藏限值 ${named['zh-CN']} 检查`,
      },
      [...path, 'deliveryTempC'],
    );
  if (tempC > cold.limit.tempC)
    throw new PurchasingError(
      'FOOD_SAFETY_REFUSED',
      {
        en: `line ${line} (${item}) delivered at ${tempC} °C, above the cold-holding limit of ${named.en}: reject it (qty 0, rejectedQty with the reason)`,
        'zh-CN': `第 ${line} 行（${item}）到货温度 ${tempC} °C，高于冷藏限值 ${named['zh-CN']}：请拒收（收货数量 0，填写拒收数量和原因）`,
      },
      [...path, 'deliveryTempC'],
    );
}

/** Each order line once per receipt: two entries for one line would each pass the check alone. */
export function refuseRepeatedLines(body: GoodsReceiptRequest): void {
  const seen = new Set<number>();
  body.lines.forEach((l, i) => {
    if (seen.has(l.line))
      throw new PurchasingError(
        'REQUEST_REFUSED',
        {
          en: `line ${l.line} is in this receipt twice: give it once with the whole quantity`,
          'zh-CN': `第 ${l.line} 行在本次收货中出现两次：请合并为一行`,
        },
        ['lines', i, 'line'],
      );
    seen.add(l.line);
  });
}
