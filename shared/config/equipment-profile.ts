import { z } from 'zod';
import { MetricName } from '../ids';
import { FaultCodeTable } from './fault-codes';
import { LocalizedText } from './localized-text';
import { Rule } from './rules';

export const MetricProfile = z
  .strictObject({
    kind: z.enum(['number', 'boolean']).default('number'),
    unit: z.string().optional().describe('display unit, e.g. °C, W, kWh'),
    min: z.number().optional().describe('lowest physically possible value; lower readings are rejected'),
    max: z.number().optional().describe('highest physically possible value; higher readings are rejected'),
    label: LocalizedText.optional(),
  })
  .refine((m) => m.min === undefined || m.max === undefined || m.min <= m.max, {
    message: 'min must not exceed max',
    path: ['min'],
  });
export type MetricProfile = z.infer<typeof MetricProfile>;

export const EquipmentTypeProfile = z.strictObject({
  label: LocalizedText,
  metrics: z.record(MetricName, MetricProfile),
  keyMetric: MetricName.optional().describe('the reading shown in large type on the display'),
  reportIntervalS: z
    .number()
    .positive()
    .default(10)
    .describe('how often the equipment is expected to report'),
  rules: z.array(Rule).optional().describe('fault rules for every piece of equipment of this type'),
  faultCodes: FaultCodeTable.optional().describe("the maker's fault codes sent on the event topic"),
});
export type EquipmentTypeProfile = z.infer<typeof EquipmentTypeProfile>;
