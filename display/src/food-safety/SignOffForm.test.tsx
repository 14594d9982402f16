// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n';
import { SignOffForm } from './SignOffForm';

afterEach(cleanup);

const dispositions = () =>
  screen
    .getAllByRole('button')
    .filter((b) => b.className.includes('fs-disposition-'))
    .map((b) => b.textContent);

describe('the sign-off form', () => {
  it('offers kept, moved and discarded for a holding excursion', () => {
    renderWithI18n(<SignOffForm places={[]} busy={false} onSubmit={vi.fn()} onCancel={vi.fn()} />);
    expect(dispositions()).toEqual(['Kept', 'Moved elsewhere', 'Discarded']);
  });

  it('offers only reheat and re-cool or discard for a cooling batch that missed a stage, and sends the choice', () => {
    const onSubmit = vi.fn();
    renderWithI18n(
      <SignOffForm places={[]} busy={false} cooling onSubmit={onSubmit} onCancel={vi.fn()} />,
      'zh-CN',
    );
    expect(dispositions()).toEqual(['复热后重新冷却', '丢弃']);
    fireEvent.change(screen.getAllByRole('textbox')[0] as HTMLElement, { target: { value: '复热至 74 °C' } });
    fireEvent.click(screen.getByRole('button', { name: '复热后重新冷却' }));
    for (const key of ['1', '2']) fireEvent.click(screen.getByRole('button', { name: key }));
    const submit = screen.getAllByRole('button').find((b) => b.className.includes('primary'));
    if (!submit) throw new Error('no submit button');
    fireEvent.click(submit);
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        whatDone: '复热至 74 °C',
        disposition: 'reheat_recool',
        quantity: { amount: 12, unit: 'kg' },
      }),
    );
  });
});
