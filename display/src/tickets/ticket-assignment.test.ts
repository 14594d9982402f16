import { describe, expect, it } from 'vitest';
import { isAssigner, isResolver, mayAssign } from './ticket-assignment';

describe('who may assign and resolve', () => {
  it('lets managers assign until the repair is done', () => {
    expect(mayAssign('in_progress', 'manager')).toBe(true);
    expect(mayAssign('resolved', 'manager')).toBe(false);
    expect(mayAssign('open', 'technician')).toBe(false);
    expect(mayAssign('open', undefined)).toBe(true);
  });

  it('counts every role a person holds, as the edge does', () => {
    expect(isResolver({ role: 'staff' })).toBe(false);
    expect(isResolver({ role: 'staff', roles: ['technician'] })).toBe(true);
    expect(isAssigner({ role: 'technician' })).toBe(false);
    expect(isAssigner({ role: 'technician', roles: ['manager'] })).toBe(true);
  });
});
