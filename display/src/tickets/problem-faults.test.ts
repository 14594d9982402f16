import { describe, expect, it } from 'vitest';
import { ManualTicketRequest } from '../../../shared/api/tickets';
import { equipmentFamily } from './equipment-family';
import { categoryOf, faultsFor, PROBLEM_FAULTS, type ProblemFault } from './problem-faults';
import { resolutionCodesFor } from './resolution-codes';

const GENERAL: ProblemFault[] = ['no_power', 'error_on_display', 'noise', 'leak', 'other'];

describe('faults offered by equipment type', () => {
  it('offers cooling faults for refrigeration and never for a fryer', () => {
    expect(faultsFor('walk_in_cooler')).toEqual(['not_cooling', 'door_or_seal', ...GENERAL]);
    expect(faultsFor('reach_in_freezer')).toContain('not_cooling');
    expect(faultsFor('fryer')).toEqual(['not_heating', 'overheating', ...GENERAL]);
    expect(faultsFor('fryer')).not.toContain('not_cooling');
  });

  it('offers heating for ovens, grills and holding; water and drain for dishwashers and ice machines; airflow for hoods', () => {
    for (const type of ['combi_oven', 'grill', 'hot_holding']) expect(faultsFor(type)[0]).toBe('not_heating');
    for (const type of ['dishwasher', 'ice_machine']) {
      expect(faultsFor(type).slice(0, 2)).toEqual(['no_water', 'not_draining']);
      expect(faultsFor(type)).not.toContain('not_cooling');
    }
    expect(faultsFor('hood')).toEqual(['weak_airflow', ...GENERAL]);
  });

  it('gives a type it cannot place only what every machine can have, and places new types by their words', () => {
    expect(faultsFor('energy_meter')).toEqual(GENERAL);
    expect(equipmentFamily('blast_chiller')).toBe('refrigeration');
    expect(equipmentFamily('pizza_oven')).toBe('heating');
    expect(equipmentFamily('ice_machine')).toBe('water');
  });

  it('sends every fault as a report the edge accepts, under its nearest category', () => {
    for (const fault of Object.keys(PROBLEM_FAULTS) as ProblemFault[]) {
      const parsed = ManualTicketRequest.parse({
        equipmentId: 'fryer-1',
        fault,
        category: categoryOf(fault),
      });
      expect(parsed.fault).toBe(fault);
    }
    expect(categoryOf('no_power')).toBe('electrical');
    expect(categoryOf('not_cooling')).toBe('not_cooling');
  });
});

describe('resolution codes by equipment type', () => {
  it('a short list: part replaced, the kind’s own repairs, then the usual ones', () => {
    expect(resolutionCodesFor('walk_in_cooler')).toEqual([
      'part_replaced',
      'gasket_replaced',
      'refrigerant_recharged',
      'defrosted',
      'cleaned',
      'adjusted',
      'reset',
      'no_fault_found',
      'other',
    ]);
    expect(resolutionCodesFor('fryer')).toContain('probe_calibrated');
    expect(resolutionCodesFor('fryer')).not.toContain('refrigerant_recharged');
    expect(resolutionCodesFor('dishwasher')).toContain('descaled');
    expect(resolutionCodesFor('energy_meter')).toEqual([
      'part_replaced',
      'cleaned',
      'adjusted',
      'reset',
      'no_fault_found',
      'other',
    ]);
  });
});
