import { describe, expect, it } from 'vitest';
import { editDistance, nearestName } from './near-name';

const RULE_KEYS = ['id', 'title', 'severity', 'hint', 'ticket', 'suppress', 'kind', 'metric'];

describe('nearestName', () => {
  it('finds a key up to two edits away', () => {
    expect(nearestName('supress', RULE_KEYS)).toBe('suppress');
    expect(nearestName('hnit', RULE_KEYS)).toBe('hint');
    expect(nearestName('severty', RULE_KEYS)).toBe('severity');
  });

  it('finds case, underscore and hyphen variants however far apart', () => {
    expect(nearestName('zh_CN', ['en', 'zh-CN'])).toBe('zh-CN');
    expect(nearestName('max_payload_bytes', ['maxPayloadBytes'])).toBe('maxPayloadBytes');
    expect(nearestName('TITLE', RULE_KEYS)).toBe('title');
  });

  it('guesses nothing when no key is close, or the name is too short to tell', () => {
    expect(nearestName('colour', RULE_KEYS)).toBeUndefined();
    expect(nearestName('x', RULE_KEYS)).toBeUndefined();
  });

  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
