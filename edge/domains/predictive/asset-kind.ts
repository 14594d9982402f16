/**
 * Which telemetry a predictive check reads for an equipment type. Refrigerated boxes
 * cool with a compressor and may have a door switch and a defrost flag; a fryer heats
 * with an element. Types not listed here are not watched yet.
 */
export type PredictiveAssetKind = 'refrigerated' | 'fryer';

export interface AssetMetrics {
  kind: PredictiveAssetKind;
  /** The temperature the thermostat holds. */
  temp: string;
  /** What the thermostat switches: the compressor or the element. */
  actuator: string;
  door?: string;
  defrost?: string;
  /**
   * Electrical power of the actuator while it runs, when a sub-meter reports it. Optional:
   * every check works without it; with it a short charge (power falls) is told apart from
   * a fouled condenser (power rises).
   */
  power?: string;
  /** Physical bounds of the power metric, W; a reading outside is refused. */
  powerBoundsW?: readonly [number, number];
  /** +1: the actuator heats (fryer); −1: it cools. */
  actuatorSign: 1 | -1;
  /** Physical bounds of the temperature metric; a reading outside is refused. */
  tempBoundsC: readonly [number, number];
  /**
   * Shortest stretch whose slope is trusted: a compressor runs minutes between cut-in and
   * cut-out, a fryer element crosses its 4 °C band in under half a minute.
   */
  minSlopeSegmentMs: number;
  /** Least clean running in an hour for its slopes to count. */
  minSlopeTimeMs: number;
  /** Which of the settings' limits the forecast is about. */
  limit: 'cold' | 'frozen' | 'fryer_low';
}

const REFRIGERATED: AssetMetrics = {
  kind: 'refrigerated',
  temp: 'temp_c',
  actuator: 'compressor_on',
  door: 'door_open',
  defrost: 'defrost_on',
  power: 'compressor_power_w',
  // Up to a large walk-in's condensing unit; the equipment types' own metric bounds say the same.
  powerBoundsW: [0, 30_000],
  actuatorSign: -1,
  tempBoundsC: [-60, 60],
  minSlopeSegmentMs: 2 * 60_000,
  minSlopeTimeMs: 4 * 60_000,
  limit: 'cold',
};

const FROZEN: AssetMetrics = { ...REFRIGERATED, limit: 'frozen' };

const FRYER: AssetMetrics = {
  kind: 'fryer',
  temp: 'oil_temp_c',
  actuator: 'heating_on',
  actuatorSign: 1,
  tempBoundsC: [-20, 300],
  minSlopeSegmentMs: 12_000,
  minSlopeTimeMs: 60_000,
  limit: 'fryer_low',
};

const BY_TYPE: Readonly<Record<string, AssetMetrics>> = {
  walk_in_cooler: REFRIGERATED,
  walk_in_freezer: FROZEN,
  reach_in_cooler: REFRIGERATED,
  reach_in_freezer: FROZEN,
  fryer: FRYER,
};

export function assetMetricsOfType(equipmentType: string): AssetMetrics | undefined {
  return BY_TYPE[equipmentType];
}
