// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkOrderView } from '../../../shared/api/maintenance';
import { equipmentView } from '../testing/equipment-fixtures';
import { renderWithI18n } from '../testing/render-with-i18n';
import { T0, workOrder } from '../testing/work-order-fixtures';
import { TodayTasks } from './TodayTasks';

afterEach(cleanup);

const fryer = equipmentView({ id: 'fryer-1', name: { en: 'Fryer 1', 'zh-CN': '炸炉 1' } });
const tasks = [
  workOrder({ id: 1, status: 'verified', resolvedAt: T0, resolvedBy: 'staff-chen' }),
  workOrder({ id: 2, title: { en: 'Descale', 'zh-CN': '除垢' }, dueAt: T0 + 1000 }),
  workOrder({ id: 3, title: { en: 'Wipe the hood', 'zh-CN': '擦拭烟罩' }, overdue: true }),
];

describe('TodayTasks', () => {
  it('lists overdue then open tasks as buttons, done ones ticked at the end, and counts them', () => {
    const { container } = renderWithI18n(
      <TodayTasks
        tasks={tasks}
        equipment={[fryer]}
        onSignOff={() => undefined}
        onOpenAll={() => undefined}
      />,
    );
    const items = [...container.querySelectorAll('.task-chips > li')];
    expect(items.map((li) => [li.getAttribute('data-task-id'), li.getAttribute('data-done')])).toEqual([
      ['3', 'false'],
      ['2', 'false'],
      ['1', 'true'],
    ]);
    expect(items[0]?.textContent).toContain('⚠');
    expect(items[0]?.textContent).toContain('Overdue · Fryer 1');
    expect(items[2]?.textContent).toContain('✓');
    expect(items[2]?.querySelector('button')).toBeNull();
    expect(screen.getByText('1 of 3 done')).toBeTruthy();
  });

  it('one tap on an open task asks to sign exactly that one off', () => {
    const tapped: WorkOrderView[] = [];
    renderWithI18n(
      <TodayTasks
        tasks={tasks}
        equipment={[fryer]}
        onSignOff={(t) => tapped.push(t)}
        onOpenAll={() => undefined}
      />,
      'zh-CN',
    );
    fireEvent.click(screen.getByRole('button', { name: '签字完成：除垢，炸炉 1' }));
    expect(tapped.map((t) => t.id)).toEqual([2]);
  });
});
