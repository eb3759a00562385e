// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

  it('every hook: only the rows in view are drawn (with spacers), and scrolling draws the next ones', () => {
    // happy-dom lays nothing out: give rows 20px and the box 300px, as a browser would measure them.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ height: 20 } as DOMRect);
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(300);
    render(<Playground />);
    const box = screen.getByRole('region', { name: 'Hook head matrix' });
    const table = within(box).getByRole('table');
    const total = Number(table.getAttribute('aria-rowcount')) - 1;
    expect(total).toBeGreaterThan(200);
    const drawn = () =>
      [...box.querySelectorAll('tbody tr[aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex')));
    // 300 / 20 = 15 rows in view, 10 more below.
    expect(drawn()).toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
    const spacers = () =>
      [...box.querySelectorAll<HTMLElement>('tbody tr[aria-hidden="true"]')].map((r) => r.style.height);
    expect(spacers()).toEqual([`${(total - 25) * 20}px`]);
    box.scrollTop = 2000;
    fireEvent.scroll(box);
    // Rows 100 to 115 are in view: 90 to 125 drawn (10 each side), spacers for the rest.
    expect(drawn()[0]).toBe(90 + 2);
    expect(drawn().at(-1)).toBe(125 + 1);
    expect(spacers()).toEqual(['1800px', `${(total - 125) * 20}px`]);
    vi.restoreAllMocks();
  });
});
