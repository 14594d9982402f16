import Decimal from 'decimal.js';
import type { MatchTolerances } from '../../../shared/config/purchasing';
import type { LocalizedText } from '../../../shared/localized-text';
import type { InvoiceLineView } from '../../../shared/purchasing/invoice-api';
import type { MatchReason } from '../../../shared/purchasing/invoice-events';
import { lineAmounts, money, qtyText } from './order-money';

/** What a match compares one invoice line with: its order line and what came in for it. */
export interface MatchInput {
  line: number;
  item: string;
  name: LocalizedText;
  unit: string;
  orderedQty: string;
  orderPrice: string;
  /** accepted on the order's receipts and not yet on an earlier invoice */
  receivedQty: string;
  invoicedQty: string;
  invoicedPrice: string;
  taxRatePct: string;
}

export type LineMatch = InvoiceLineView['match'];

const pct = (part: Decimal, whole: Decimal): Decimal =>
  part.times(100).dividedBy(whole).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** Each limit that is set and that the variance is above, as words for a reason. */
function brokenLimits(
  over: Decimal,
  overPct: Decimal | null,
  pctLimit: string | undefined,
  absLimit: string | undefined,
  absUnit: LocalizedText,
): { en: string[]; zh: string[] } {
  const en: string[] = [];
  const zh: string[] = [];
  if (over.lte(0)) return { en, zh };
  // A percentage of nothing received is unbounded: any quantity invoiced is above every % limit.
  if (pctLimit !== undefined && (overPct === null || overPct.gt(pctLimit))) {
    en.push(`the ${pctLimit} % limit`);
    zh.push(`容差 ${pctLimit}%`);
  }
  if (absLimit !== undefined && over.gt(absLimit)) {
    en.push(`the ${absLimit} ${absUnit.en} limit`);
    zh.push(`容差 ${absLimit} ${absUnit['zh-CN']}`);
  }
  return { en, zh };
}

/**
 * One line's three-way match (订单 · 收货 · 发票): the quantity invoiced against what was
 * received and accepted, the unit price against the order's. Only over-billing counts;
 * a line is within tolerance only if it is within every limit that is set. The suggested
 * amount pays what was received, at the invoiced price when that is within tolerance and
 * at the order's price otherwise, VAT recomputed and rounded as the order's lines are.
 */
export function matchLine(input: MatchInput, tolerances: MatchTolerances): LineMatch {
  const received = Decimal.max(new Decimal(input.receivedQty), 0);
  const invoiced = new Decimal(input.invoicedQty);
  const orderPrice = new Decimal(input.orderPrice);
  const price = new Decimal(input.invoicedPrice);
  const qtyOver = invoiced.minus(received);
  const qtyOverPct = received.isZero() ? null : pct(qtyOver, received);
  const priceOver = price.minus(orderPrice);
  const priceOverPct = pct(priceOver, orderPrice);
  const label = {
    en: `line ${input.line} (${input.name.en})`,
    zh: `第 ${input.line} 行（${input.name['zh-CN']}）`,
  };
  const reasons: MatchReason[] = [];

  const unit = { en: input.unit, 'zh-CN': input.unit };
  const qtyBroken = brokenLimits(qtyOver, qtyOverPct, tolerances.quantityPct, tolerances.quantityAbs, unit);
  if (qtyBroken.en.length) {
    const share = qtyOverPct === null ? '' : ` (${qtyOverPct.toFixed(2)} %)`;
    const shareZh = qtyOverPct === null ? '' : `（${qtyOverPct.toFixed(2)}%）`;
    reasons.push({
      code: 'quantity',
      messages: {
        en: `${label.en}: invoiced ${input.invoicedQty} ${input.unit} but ${qtyText(received)} ${input.unit} received and not yet invoiced; ${qtyText(qtyOver)} ${input.unit}${share} over, above ${qtyBroken.en.join(' and ')}`,
        'zh-CN': `${label.zh}：开票 ${input.invoicedQty} ${input.unit}，已收货未开票 ${qtyText(received)} ${input.unit}；多开 ${qtyText(qtyOver)} ${input.unit}${shareZh}，超过${qtyBroken.zh.join('和')}`,
      },
    });
  }
  const perUnit = { en: `per ${input.unit}`, 'zh-CN': `/${input.unit}` };
  const priceBroken = brokenLimits(
    priceOver,
    priceOverPct,
    tolerances.pricePct,
    tolerances.priceAbs,
    perUnit,
  );
  if (priceBroken.en.length) {
    reasons.push({
      code: 'price',
      messages: {
        en: `${label.en}: invoiced at ${input.invoicedPrice} per ${input.unit}, ordered at ${input.orderPrice}; ${priceOver.toString()} (${priceOverPct.toFixed(2)} %) above, over ${priceBroken.en.join(' and ')}`,
        'zh-CN': `${label.zh}：开票单价 ${input.invoicedPrice}/${input.unit}，订单单价 ${input.orderPrice}；高出 ${priceOver.toString()}（${priceOverPct.toFixed(2)}%），超过${priceBroken.zh.join('和')}`,
      },
    });
  }

  const within = reasons.length === 0;
  const priceOk = !reasons.some((r) => r.code === 'price');
  const payQty = within ? invoiced : Decimal.min(invoiced, received);
  const payPrice = priceOk ? price : Decimal.min(price, orderPrice);
  const suggested = lineAmounts(qtyText(payQty), payPrice.toString(), input.taxRatePct);
  return {
    orderedQty: input.orderedQty,
    orderPrice: input.orderPrice,
    receivedQty: qtyText(received),
    qtyVariance: qtyText(qtyOver),
    qtyVariancePct: qtyOverPct === null ? null : qtyOverPct.toFixed(2),
    priceVariance: priceOver.toString(),
    priceVariancePct: priceOverPct.toFixed(2),
    within,
    reasons,
    suggestedGross: money(suggested.gross),
  };
}

/** The supplier's printed total against the sum of the recomputed lines: to the cent, or it is a reason. */
export function totalReason(statedGross: string, computedGross: Decimal): MatchReason | undefined {
  const stated = new Decimal(statedGross);
  if (stated.eq(computedGross)) return undefined;
  return {
    code: 'total',
    messages: {
      en: `the invoice states ${money(stated)} in total, its lines come to ${money(computedGross)} with VAT recomputed`,
      'zh-CN': `发票合计 ${money(stated)}，按行重算（含增值税）为 ${money(computedGross)}`,
    },
  };
}
