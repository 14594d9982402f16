// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { alarmView } from '../testing/equipment-fixtures';
import { renderWithI18n } from '../testing/render-with-i18n';
import { AckConfirmDialog } from './AckConfirmDialog';

afterEach(cleanup);

const alarm = alarmView({
  id: 7,
  equipmentId: 'fryer-1',
  title: { en: 'Fryer oil above 200 °C', 'zh-CN': '炸油温度高于 200 °C' },
  conditionSince: Date.UTC(2026, 0, 5, 3, 12),
});

describe('AckConfirmDialog', () => {
  it('names the equipment, the fault and since when, and acknowledges only on Yes', () => {
    const said: string[] = [];
    renderWithI18n(
      <AckConfirmDialog
        alarm={alarm}
        equipmentName="Fryer 1"
        timezone="Asia/Shanghai"
        onConfirm={() => said.push('yes')}
        onCancel={() => said.push('cancel')}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Acknowledge this alarm?' });
    expect(dialog.textContent).toContain('CriticalFryer 1Fryer oil above 200 °Csince 11:12');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, acknowledge' }));
    expect(said).toEqual(['cancel', 'yes']);
  });

  it('speaks Chinese', () => {
    renderWithI18n(
      <AckConfirmDialog
        alarm={alarm}
        equipmentName="炸炉 1"
        timezone="Asia/Shanghai"
        onConfirm={() => undefined}
        onCancel={() => undefined}
      />,
      'zh-CN',
    );
    const dialog = screen.getByRole('dialog', { name: '确认此告警？' });
    expect(dialog.textContent).toContain('炸炉 1炸油温度高于 200 °C自 11:12 起');
    expect(screen.getByRole('button', { name: '是，确认告警' })).toBeTruthy();
  });
});
