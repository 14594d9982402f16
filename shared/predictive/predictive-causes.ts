import { z } from 'zod';
import type { LocalizedText } from '../localized-text';

/**
 * What a predictive finding says is wearing out. The same names head the repair
 * ticket of kind `predictive` and the suggested action a technician reads.
 */
export const PredictiveCause = z.enum([
  'condenser_fouling',
  'refrigerant_loss',
  'door_seal_leak',
  'defrost_heater_failure',
  'heating_element_weak',
]);
export type PredictiveCause = z.infer<typeof PredictiveCause>;

export const CAUSE_NAMES: Readonly<Record<PredictiveCause, LocalizedText>> = {
  condenser_fouling: { en: 'Condenser fouling', 'zh-CN': '冷凝器脏堵' },
  refrigerant_loss: { en: 'Refrigerant loss', 'zh-CN': '制冷剂泄漏' },
  door_seal_leak: { en: 'Door seal leak', 'zh-CN': '门封漏气' },
  defrost_heater_failure: { en: 'Defrost heater failure', 'zh-CN': '化霜加热器故障' },
  heating_element_weak: { en: 'Heating element weakening', 'zh-CN': '加热管衰减' },
};

export const SUGGESTED_ACTIONS: Readonly<Record<PredictiveCause, LocalizedText>> = {
  condenser_fouling: {
    en: 'Clean the condenser coil and check the condenser fan.',
    'zh-CN': '清洗冷凝器盘管并检查冷凝风机。',
  },
  refrigerant_loss: {
    en: 'Leak-test the circuit, repair the leak, then recharge to the nameplate charge.',
    'zh-CN': '对制冷回路检漏、补漏后按铭牌充注量加注制冷剂。',
  },
  door_seal_leak: {
    en: 'Inspect the door gasket and hinges; replace a torn or flattened gasket.',
    'zh-CN': '检查门封条与门铰链；更换破损或压扁的门封条。',
  },
  defrost_heater_failure: {
    en: 'Check the defrost heater, its termination thermostat and the defrost timer; clear the ice by hand.',
    'zh-CN': '检查化霜加热器、化霜终止温控器与化霜定时器；人工除冰。',
  },
  heating_element_weak: {
    en: 'Measure the element resistance and contactor; replace the weak element.',
    'zh-CN': '测量加热管阻值及接触器；更换衰减的加热管。',
  },
};
