// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n';
import { AckAlarmButton } from './AckAlarmButton';
import { ActorContext } from './action-context';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a regional action refused by central', () => {
  it('says why in zh-CN by the refusal’s code, not in central’s English', async () => {
    const paths: string[] = [];
    vi.stubGlobal('fetch', async (input: string) => {
      paths.push(new URL(input, 'http://central').pathname);
      return new Response(
        JSON.stringify({
          error: 'request_error',
          message: 'alarm 2 was already acknowledged by chen',
          refusal: { code: 'store_command.alarm_already_acknowledged', params: { alarm: 2, by: 'chen' } },
        }),
        { status: 409, headers: { 'content-type': 'application/json' } },
      );
    });
    renderWithI18n(
      <ActorContext.Provider value={{ token: 'tok-mgr', role: 'regional_manager' }}>
        <AckAlarmButton storeId="sh-001" alarmId={2} />
      </ActorContext.Provider>,
      'zh-CN',
    );
    fireEvent.click(screen.getByRole('button', { name: '确认' }));
    expect((await screen.findByRole('alert')).textContent).toBe('未发送：报警 2 已由 chen 确认');
    expect(paths).toEqual(['/api/stores/sh-001/alarms/2/ack']);
  });
});
