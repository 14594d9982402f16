import { describe, expect, it } from 'vitest';
import { CentralClusterEnvError, parseCentralClusterEnv } from './cluster-env';

describe('central cluster environment', () => {
  it('reads the lease, the drain delay and the trusted balancers, ignoring every other variable', () => {
    expect(
      parseCentralClusterEnv({
        GALLEY_WEBHOOK_LEASE_MS: '30000',
        GALLEY_DRAIN_DELAY_MS: '0',
        GALLEY_TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,',
        PATH: '/usr/bin',
      }),
    ).toEqual({
      GALLEY_WEBHOOK_LEASE_MS: 30_000,
      GALLEY_DRAIN_DELAY_MS: 0,
      GALLEY_TRUST_PROXY: ['10.0.0.5', '10.0.1.0/24'],
    });
    expect(parseCentralClusterEnv({ GALLEY_WEBHOOK_LEASE_MS: '' })).toEqual({});
  });

  it('refuses values out of bounds or malformed, naming the variable', () => {
    const bad = (env: NodeJS.ProcessEnv) => () => parseCentralClusterEnv(env);
    expect(bad({ GALLEY_WEBHOOK_LEASE_MS: '10' })).toThrow(CentralClusterEnvError);
    expect(bad({ GALLEY_WEBHOOK_LEASE_MS: '10' })).toThrow(/GALLEY_WEBHOOK_LEASE_MS/);
    expect(bad({ GALLEY_DRAIN_DELAY_MS: 'soon' })).toThrow(/GALLEY_DRAIN_DELAY_MS/);
    expect(bad({ GALLEY_DRAIN_DELAY_MS: '600000' })).toThrow(/GALLEY_DRAIN_DELAY_MS/);
    expect(bad({ GALLEY_TRUST_PROXY: 'lb.example.com' })).toThrow(/GALLEY_TRUST_PROXY.*IP address or CIDR/);
  });
});
