// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n';
import { step, workOrder } from '../testing/work-order-fixtures';
import { TaskSignOffDialog } from './TaskSignOffDialog';

afterEach(cleanup);

const probeTask = workOrder({
  id: 7,
  planId: 'probe-check',
  equipmentId: 'wic-1',
  title: { en: 'Log the walk-in probe temperature', 'zh-CN': '记录冷库探针温度' },
  checklist: [
    step({
      stepId: 'probe',
      title: { en: 'Probe temperature', 'zh-CN': '探针温度' },
      measure: { unit: '°C', min: 0, max: 4 },
    }),
  ],
});

function open() {
  const submitted: Record<string, number>[] = [];
  const reported: string[] = [];
  renderWithI18n(
    <TaskSignOffDialog
      task={probeTask}
      equipmentName="Walk-in cooler"
      onSubmit={async (values) => {
        submitted.push(values);
      }}
      onCancel={() => undefined}
      onReport={(id) => reported.push(id)}
    />,
  );
  const key = (label: string) => fireEvent.click(screen.getByRole('button', { name: label }));
  return { submitted, reported, key };
}

describe('TaskSignOffDialog', () => {
  it('takes the value on the keypad, shows the range, and signs off with it', async () => {
    const { submitted, key } = open();
    expect(screen.getByText('Should be 0 – 4 °C')).toBeTruthy();
    key('3');
    key('Decimal point');
    key('5');
    expect((screen.getByRole('textbox') as HTMLInputElement).value).toBe('3.5');
    key('✓ Sign off');
    await waitFor(() => expect(submitted).toEqual([{ probe: 3.5 }]));
  });

  it('refuses to sign off out of range, says so, and offers the repair report', () => {
    const { submitted, reported, key } = open();
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '7.5' } });
    expect(screen.getByRole('alert').textContent).toContain('Out of range (0 – 4 °C)');
    expect((screen.getByRole('button', { name: '✓ Sign off' }) as HTMLButtonElement).disabled).toBe(true);
    key('Report a problem');
    expect(reported).toEqual(['wic-1']);
    expect(submitted).toEqual([]);
  });

  it('asks for a value before signing off an empty field', () => {
    const { submitted, key } = open();
    key('✓ Sign off');
    expect(screen.getByRole('alert').textContent).toContain('Enter the value you measured');
    expect(submitted).toEqual([]);
  });

  it('shows why the edge refused the sign-off', async () => {
    renderWithI18n(
      <TaskSignOffDialog
        task={probeTask}
        equipmentName="Walk-in cooler"
        onSubmit={() => Promise.reject(new Error('work order 7 is closed'))}
        onCancel={() => undefined}
        onReport={() => undefined}
      />,
    );
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: '✓ Sign off' }));
    await screen.findByText('Could not sign off: work order 7 is closed');
  });
});
