import type { TranslationsOf } from '../../../shared/browser/i18n';

/** English names of the readings equipment reports (`temp_c`, `door_open`, …), mounted as `metric`. */
export const enMetrics = {
  temp_c: 'Temperature',
  oil_temp_c: 'Oil temperature',
  surface_temp_c: 'Surface temperature',
  cavity_temp_c: 'Cavity temperature',
  rinse_temp_c: 'Final rinse temperature',
  wash_temp_c: 'Wash temperature',
  water_temp_c: 'Water temperature',
  room_temp_c: 'Room temperature',
  supply_temp_c: 'Supply air temperature',
  setpoint_c: 'Set point',
  humidity_pct: 'Humidity',
  airflow_m3h: 'Airflow',
  filter_dp_pa: 'Filter pressure drop',
  power_w: 'Power',
  energy_kwh: 'Energy',
  voltage_v: 'Voltage',
  door_open: 'Door',
  compressor_on: 'Compressor',
  compressor_power_w: 'Compressor power',
  defrost_on: 'Defrost',
  fan_on: 'Fan',
  heating_on: 'Heating',
  running: 'Operation',
  oil_life_pct: 'Oil life',
  cycle_count: 'Cycles',
  harvest_count: 'Ice harvests',
  bin_full: 'Ice bin',
  alarm_high_temp: 'High-temperature alarm',
  alarm_sensor_fault: 'Sensor fault alarm',
};

export type MetricMessages = TranslationsOf<typeof enMetrics>;
