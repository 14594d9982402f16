import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { judgeWebSocketOrigin } from './websocket-origin';

const upgrade = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('judgeWebSocketOrigin', () => {
  it('lets clients without an Origin (devices, tools) through to their credentials', () => {
    expect(judgeWebSocketOrigin(upgrade({ host: '10.0.0.5:8080' })).ok).toBe(true);
  });

  it('lets the page the edge served through, default ports and letter case included', () => {
    expect(judgeWebSocketOrigin(upgrade({ host: '10.0.0.5:8080', origin: 'http://10.0.0.5:8080' })).ok).toBe(
      true,
    );
    expect(
      judgeWebSocketOrigin(upgrade({ host: 'Edge.Store.lan:443', origin: 'https://edge.store.lan' })).ok,
    ).toBe(true);
    expect(judgeWebSocketOrigin(upgrade({ host: '[::1]:8080', origin: 'http://[::1]:8080' })).ok).toBe(true);
  });

  it('refuses pages of other sites and other ports, saying which', () => {
    const other = judgeWebSocketOrigin(upgrade({ host: '10.0.0.5:8080', origin: 'http://evil.example' }));
    expect(other).toEqual({
      ok: false,
      reason: 'Origin http://evil.example is not this server (10.0.0.5:8080)',
    });
    expect(judgeWebSocketOrigin(upgrade({ host: '10.0.0.5:8080', origin: 'http://10.0.0.5:8081' })).ok).toBe(
      false,
    );
    expect(judgeWebSocketOrigin(upgrade({ host: '10.0.0.5:8080', origin: 'null' })).ok).toBe(false);
    expect(judgeWebSocketOrigin(upgrade({ host: '10.0.0.5:8080', origin: 'file:///x.html' })).ok).toBe(false);
    expect(judgeWebSocketOrigin(upgrade({ origin: 'http://10.0.0.5:8080' })).ok).toBe(false);
  });
});
