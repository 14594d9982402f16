import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../shared/browser/json-client';
import { asPinProblem, inLanguage, soFarPct } from './food-safety-words';
import { compliance, TODAY, YESTERDAY } from './testing/food-safety-fixtures';

describe('food-safety words', () => {
  it("picks the screen's half of an `English / 中文` refusal, and leaves other messages whole", () => {
    const both = 'corrective action 4 is already signed off (by li) / 纠正措施 4 已签核（li）';
    expect(inLanguage(both, 'en')).toBe('corrective action 4 is already signed off (by li)');
    expect(inLanguage(both, 'zh-CN')).toBe('纠正措施 4 已签核（li）');
    expect(inLanguage('a / b', 'zh-CN')).toBe('a / b');
  });

  it('counts today so far over the minutes past, a finished day as the edge does', () => {
    const today = compliance('cold:wic-1', TODAY, []);
    expect(today.compliancePct).toBe(45);
    expect(soFarPct(today)).toBe(86.4);
    const yesterday = compliance('cold:wic-1', YESTERDAY, []);
    expect(soFarPct(yesterday)).toBe(yesterday.compliancePct);
  });

  it('hands a wrong PIN and too many tries back to the PIN pad, nothing else', () => {
    expect(asPinProblem(new RequestError('forbidden', 'unknown user or wrong PIN', 403))?.status).toBe(401);
    expect(asPinProblem(new RequestError('rejected', 'wait', 429))?.status).toBe(429);
    expect(asPinProblem(new RequestError('forbidden', 'li is not a person in charge', 403))).toBeUndefined();
    expect(asPinProblem(new RequestError('rejected', 'already signed off', 409))).toBeUndefined();
  });
});
