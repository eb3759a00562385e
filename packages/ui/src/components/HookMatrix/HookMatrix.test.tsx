// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessWorker } from '../../engine/inProcess';
import { createPlaygroundStore } from '../../store/createPlaygroundStore';
import { Playground } from '../Playground/Playground';

afterEach(cleanup);

const rowOf = (region: HTMLElement, hook: string) =>
  within(region)
    .getAllByRole('row')
    .find((r) => r.querySelector('th[scope="row"]')?.textContent === hook)!;

describe('HookMatrix', () => {
  it('shows every hook with callbacks of the booted kernel, searchable', () => {
    render(<Playground />);
    const matrix = screen.getByRole('region', { name: 'Hook heads' });
    fireEvent.change(within(matrix).getByRole('searchbox', { name: 'Search hooks' }), {
      target: { value: 'file_open' },
    });
    const row = rowOf(matrix, 'file_open');
    // Columns follow the boot order; the numbers are each LSM's place on the head.
    const header = within(matrix)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(header.slice(0, 3)).toEqual(['hook', 'capability', 'landlock']);
    const cells = [...row.querySelectorAll('td')].map((td) => td.textContent);
    expect(cells.filter(Boolean)).toEqual(['1', '2', '3', '4']);
  });

  it('after a command: the hooks it reached, with the user LSM on the heads', async () => {
    const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
    render(<Playground store={store} />);
    await store.getState().runShellLine('cat /etc/hostname');
    store.getState().setPlaying(false);
    const matrix = screen.getByRole('region', { name: 'Hook heads' });
    expect(within(matrix).getByRole('button', { name: 'Reached by the trace' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const hooks = within(matrix)
      .getAllByRole('rowheader')
      .map((h) => h.textContent);
    expect(hooks).toContain('file_open');
    expect(hooks).toContain('inode_permission');
    expect(hooks).not.toContain('bprm_check_security');
    const header = within(matrix)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(header).toContain('rustshield');
    const last = [...rowOf(matrix, 'file_open').querySelectorAll('td')].at(header.indexOf('rustshield') - 1)!;
    expect(last.textContent).not.toBe('');
  });
});
