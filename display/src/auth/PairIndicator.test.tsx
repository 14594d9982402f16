// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n';
import { PairIndicator } from './PairIndicator';

afterEach(cleanup);

describe('PairIndicator', () => {
  it('unpaired: offers pairing, and a tap starts it', () => {
    let asked = 0;
    renderWithI18n(<PairIndicator paired={undefined} onPair={() => asked++} />);
    const button = screen.getByRole('button', { name: 'Not paired · pair' });
    fireEvent.click(button);
    expect(asked).toBe(1);
    expect(button.dataset.paired).toBe('false');
  });

  it('paired: names the display in both languages and asks nothing when tapped', () => {
    let asked = 0;
    const paired = { credential: 'gdc_x', id: '0123456789abcdef', name: 'Pass screen' };
    renderWithI18n(<PairIndicator paired={paired} onPair={() => asked++} />, 'zh-CN');
    const button = screen.getByRole('button', { name: '已配对：Pass screen' });
    fireEvent.click(button);
    expect(asked).toBe(0);
    expect(button.textContent).toBe('已配对✓');
  });
});
