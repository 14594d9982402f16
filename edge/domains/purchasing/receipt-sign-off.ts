import type { GoodsReceiptRequest } from '../../../shared/api/purchasing';
import type { ReceivingSettings } from '../../../shared/config/purchasing';
import type { LocalizedText } from '../../../shared/localized-text';
import { PurchasingDutiesSegregated } from './purchasing-errors';

/** The refusal audit's name for a receipt the store wants signed by two. */
export const TWO_PERSON_SIGN_OFF = 'two_person_sign_off';

/** The order lines a receipt may name, with whether each is delivered chilled. */
interface OrderLine {
  line: number;
  item: string;
  chilled: number;
}

/**
 * The store's two-person rule (双人签收): with `always`, every goods receipt needs a second
 * signer; with `chilled`, every receipt naming a chilled line does (whether taken in or sent
 * back: the temperature is what the second person witnesses). The second signer is a
 * witness the route has PIN-checked and found allowed to receive; oneself does not count.
 * Refused as a duty kept apart is: 403, why in en and zh-CN, written to the refusal audit.
 */
export function refuseWithoutSecondSigner(
  policy: ReceivingSettings['twoPersonSignOff'],
  orderId: number,
  orderLines: readonly OrderLine[],
  body: GoodsReceiptRequest,
  by: string,
  witnessedBy: string | undefined,
): void {
  if (policy === 'never') return;
  if (witnessedBy !== undefined && witnessedBy !== by) return;
  const chilled = body.lines
    .map((l) => orderLines.find((o) => o.line === l.line))
    .filter((o): o is OrderLine => o?.chilled === 1);
  if (policy === 'chilled' && chilled.length === 0) return;
  const which: LocalizedText =
    policy === 'always'
      ? { en: 'every goods receipt', 'zh-CN': '所有收货' }
      : {
          en: `a goods receipt with chilled goods (${chilled.map((o) => `line ${o.line} ${o.item}`).join(', ')})`,
          'zh-CN': `含冷藏品的收货（${chilled.map((o) => `第 ${o.line} 行 ${o.item}`).join('、')}）`,
        };
  throw new PurchasingDutiesSegregated(TWO_PERSON_SIGN_OFF, {
    en: `purchase order #${orderId}: ${by} may not receive this alone: the store requires a second person to sign ${which.en}: add a witness who may receive, with their PIN`,
    'zh-CN': `采购订单 #${orderId}：${by} 不能独自收货：本店规定${which['zh-CN']}须由第二人共同签收，请添加有收货权限的第二签收人及其 PIN`,
  });
}
