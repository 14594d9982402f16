import { z } from 'zod';
import { DeviceSerial } from '../api/device-claim';
import { EquipmentId, SlugId } from '../ids';
import { AssetRegister } from './asset';
import { LocalizedText } from './localized-text';
import { Rule } from './rules';

export const EquipmentProtocol = z.enum(['mqtt', 'serial-ascii', 'modbus-rtu']);
export type EquipmentProtocol = z.infer<typeof EquipmentProtocol>;

export const SerialLink = z.strictObject({
  path: z.string().min(1).describe('device path, e.g. /dev/ttyUSB0'),
  baudRate: z.number().int().positive().default(9600),
  unitId: z.number().int().min(1).max(247).default(1).describe('Modbus slave address'),
  pollIntervalMs: z.number().int().positive().default(2000).describe('Modbus polling period'),
});
export type SerialLink = z.infer<typeof SerialLink>;

export const Equipment = z.strictObject({
  id: EquipmentId,
  type: SlugId,
  name: LocalizedText,
  station: SlugId.describe('kitchen station the equipment belongs to, e.g. cold, fry, grill, wash'),
  location: z.string().optional(),
  serialNumber: DeviceSerial.optional().describe(
    'maker serial, pre-registered: a device claiming with it gets its credentials at once',
  ),
  protocol: EquipmentProtocol.default('mqtt'),
  serial: SerialLink.optional(),
  rules: z.array(Rule).optional().describe("added to the type's rules; a rule with the same id replaces it"),
  disableRules: z.array(SlugId).optional().describe("ids of the type's rules that do not apply here"),
  asset: AssetRegister.optional().describe(
    'asset register: install date, replacement price, expected life, rated power (all optional)',
  ),
});
export type Equipment = z.infer<typeof Equipment>;
