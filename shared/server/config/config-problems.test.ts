import { describe, expect, it } from 'vitest';
import { StoreConfig } from '../../config/store-config';
import { configProblems, problemLine } from './config-problems';

const text = (en: string) => ({ en, 'zh-CN': en });

const doorRule = {
  id: 'temp_high',
  kind: 'threshold',
  title: text('Too warm'),
  severity: 'warning',
  metric: 'temp_c',
  raise: { op: '>', value: 5, forS: 600 },
  suppress: { while: [{ metric: 'door_open', recoveryS: 300 }] },
};

/** A small valid store; each test spoils one thing in it. */
function store() {
  return {
    store: { id: 's1', name: 'S', region: 'east', timezone: 'Asia/Shanghai' },
    equipmentTypes: {
      cooler: { label: text('Cooler'), metrics: { temp_c: {}, door_open: { kind: 'boolean' } } },
    },
    equipment: [
      { id: 'wic-1', type: 'cooler', station: 'cold', name: text('Walk-in'), rules: [{ ...doorRule }] },
      { id: 'ric-1', type: 'cooler', station: 'cold', name: text('Reach-in') },
    ],
    users: [{ id: 'admin', name: 'Admin', role: 'admin', pinHash: 'scrypt$x' }],
  };
}

type Store = ReturnType<typeof store>;

function problems(spoil: (config: Store & Record<string, unknown>) => void): string[] {
  const config = store();
  spoil(config);
  const result = StoreConfig.safeParse(config);
  return result.success ? [] : configProblems(StoreConfig, config, result.error).map(problemLine);
}

function wic(config: Store): Record<string, unknown> {
  return config.equipment[0] as Record<string, unknown>;
}

describe('config problems', () => {
  it('the unspoilt store is valid', () => {
    expect(problems(() => {})).toEqual([]);
  });

  it('a misspelt optional key is an error naming it, with the key it was meant to be', () => {
    expect(
      problems((c) => {
        const { suppress, ...rule } = doorRule;
        wic(c).rules = [{ ...rule, supress: suppress, hnit: text('Close the door') }];
      }),
    ).toEqual([
      'equipment[wic-1].rules[temp_high].supress: unknown key, did you mean `suppress`?',
      'equipment[wic-1].rules[temp_high].hnit: unknown key, did you mean `hint`?',
    ]);
  });

  it('hints at case, underscore and hyphen variants', () => {
    expect(
      problems((c) => {
        wic(c).protocol = 'modbus-rtu';
        wic(c).serial = { path: '/dev/ttyUSB0', baud_rate: 9600 };
        wic(c).name = { en: 'Walk-in', zh_CN: '冷藏库' };
      }),
    ).toEqual([
      'equipment[wic-1].name.zh-CN: missing (required)',
      'equipment[wic-1].name.zh_CN: unknown key, did you mean `zh-CN`?',
      'equipment[wic-1].serial.baud_rate: unknown key, did you mean `baudRate`?',
    ]);
  });

  it('an unknown key with no near match lists the keys the object takes', () => {
    expect(problems((c) => Object.assign(wic(c), { colour: 'blue' }))).toEqual([
      expect.stringMatching(
        /^equipment\[wic-1\]\.colour: unknown key \(expected one of: id, type, name, station, .*\)$/,
      ),
    ]);
  });

  it('a missing required key says "missing", not "received undefined"', () => {
    expect(problems((c) => delete wic(c).type)).toEqual(['equipment[wic-1].type: missing (required)']);
  });

  it('names list items by their ids, and by position where an id is duplicated', () => {
    expect(
      problems((c) => {
        c.users.push({ ...c.users[0], role: 'chef' } as Store['users'][number]);
        (c.equipment[1] as Record<string, unknown>).id = 'wic-1';
      }),
    ).toEqual([
      expect.stringMatching(/^users\[1\]\.role: "chef" is not one of: .*admin/),
      'equipment[1].id: duplicate equipment id "wic-1"',
      'users[1].id: duplicate user id "admin"',
    ]);
  });

  it('reports a union by the option the data was meant for', () => {
    expect(
      problems((c) => {
        wic(c).rules = [
          { ...doorRule, ticket: { when: 'after_delay', delaS: 60 }, raise: { op: '>', valeu: 5 } },
        ];
      }),
    ).toEqual([
      'equipment[wic-1].rules[temp_high].ticket.delayS: missing (required)',
      'equipment[wic-1].rules[temp_high].ticket.delaS: unknown key, did you mean `delayS`?',
      'equipment[wic-1].rules[temp_high].raise.value: missing (required)',
      'equipment[wic-1].rules[temp_high].raise.valeu: unknown key, did you mean `value`?',
    ]);
  });

  it('suggests the nearest allowed value of a misspelt kind or enum', () => {
    expect(
      problems((c) => {
        wic(c).rules = [{ ...doorRule, kind: 'treshold', severity: 'critcal' }];
      }),
    ).toEqual([
      expect.stringMatching(
        /^equipment\[wic-1\]\.rules\[temp_high\]\.kind: "treshold" is not one of: threshold, rate, stuck, .*, did you mean `threshold`\?$/,
      ),
    ]);
    expect(problems((c) => Object.assign(wic(c), { rules: [{ ...doorRule, severity: 'critcal' }] }))).toEqual(
      [
        'equipment[wic-1].rules[temp_high].severity: "critcal" is not one of: info, warning, critical, did you mean `critical`?',
      ],
    );
  });

  it('points at a text YAML cut at an unquoted comma', () => {
    expect(
      problems((c) => {
        wic(c).name = { en: 'Walk-in (meat', fish: null, 'dairy)': null, 'zh-CN': '冷藏库' };
      }),
    ).toEqual([
      'equipment[wic-1].name.fish: unknown key (expected one of: en, zh-CN); it has no value: if it is the rest of a text cut at a comma, quote the whole text',
      'equipment[wic-1].name["dairy)"]: unknown key (expected one of: en, zh-CN); it has no value: if it is the rest of a text cut at a comma, quote the whole text',
    ]);
  });

  it('every store-config section refuses unknown keys', () => {
    const found = problems((c) => {
      c.store = { ...c.store, timezon: 'UTC' } as Store['store'];
      c.limits = { maxPayloadByte: 1024 };
      c.alarms = { repeatInterval: 60 };
      c.maintenance = { plan: [] };
      c.tls = { enable: false };
      c.sync = { pushIntervalSeconds: 5 };
    });
    expect(found).toEqual([
      'store.timezon: unknown key, did you mean `timezone`?',
      'limits.maxPayloadByte: unknown key, did you mean `maxPayloadBytes`?',
      'alarms.repeatInterval: unknown key, did you mean `repeatIntervalS`?',
      expect.stringMatching(/^sync\.pushIntervalSeconds: unknown key \(expected one of: .*pushIntervalS/),
      'tls.enable: unknown key, did you mean `enabled`?',
      'maintenance.plan: unknown key, did you mean `plans`?',
    ]);
  });
});
