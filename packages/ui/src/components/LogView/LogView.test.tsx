// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { LogDelta, LogRecord } from '@lsm-playground/core';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessWorker } from '../../engine/inProcess';
import { createPlaygroundStore, type PlaygroundStore } from '../../store/createPlaygroundStore';
import { PlaygroundProvider } from '../../store/PlaygroundProvider';
import { runEvents } from '../../store/traceSlice';
import { Playground } from '../Playground/Playground';
import { LOG_ROW_HEIGHT, LogView } from './LogView';

afterEach(cleanup);

const AVC = 'avc:  denied  { write } for  pid=1102 comm="bash" name="shadow" tclass=file permissive=0';

function record(seq: number, text: string, level = 6): LogRecord {
  const audit = text.startsWith('audit: ')
    ? { type: 1400, typeName: 'AVC', record: `type=AVC msg=audit(1795305600.${seq % 1000}:${seq}): ${AVC}` }
    : null;
  return { seq, level, time: `[${String(Math.floor(seq / 1000)).padStart(5)}.000000]`, text, audit, source: null };
}

/** 100,000 lines: every 1000th an audit record, every 10th a warning. */
function bigLog(n = 100_000): LogDelta {
  const lines = Array.from({ length: n }, (_, i) =>
    i % 1000 === 999 ? record(i, `audit: type=1400 audit(…): ${AVC}`, 5) : record(i, `line ${i}`, i % 10 === 0 ? 4 : 6),
  );
  return { lines, dropped: 0, next: n };
}

function renderLog(delta: LogDelta = bigLog()) {
  const store = createPlaygroundStore();
  store.getState().receiveLog(delta, null, true);
  render(
    <PlaygroundProvider store={store}>
      <LogView />
    </PlaygroundProvider>,
  );
  return store;
}

const grid = () => screen.getByRole('grid');
const rowTexts = () =>
  within(grid())
    .queryAllByRole('row')
    .map((r) => r.textContent ?? '');
const scrollTo = (top: number) => {
  grid().scrollTop = top;
  fireEvent.scroll(grid());
};

describe('LogView', () => {
  it('renders a bounded number of rows out of 100,000, and the right ones after scrolling', () => {
    renderLog();
    expect(screen.getByText(/^100000 lines/)).toBeTruthy();
    const spacer = grid().querySelector<HTMLElement>('.logview__spacer')!;
    expect(spacer.style.height).toBe(`${100_000 * LOG_ROW_HEIGHT}px`);
    // At first the view follows the tail.
    expect(rowTexts().length).toBeLessThan(100);
    expect(rowTexts().at(-1)).toBe('[   99.000000]audit: type=1400 audit(…): ' + AVC);
    expect(rowTexts().at(-2)).toBe('[   99.000000]line 99998');
    scrollTo(0);
    expect(rowTexts().length).toBeLessThan(100);
    expect(rowTexts()[0]).toBe('[    0.000000]line 0');
    scrollTo(50_000 * LOG_ROW_HEIGHT);
    const rows = within(grid()).getAllByRole('row');
    expect(rows.length).toBeLessThan(100);
    const row = rows.find((r) => r.textContent?.endsWith('line 50000'))!;
    expect(row.getAttribute('aria-rowindex')).toBe('50001');
    expect(row.style.top).toBe(`${50_000 * LOG_ROW_HEIGHT}px`);
    expect(rowTexts().some((t) => t.endsWith('line 49990'))).toBe(true);
    expect(rowTexts().some((t) => t.endsWith('line 1'))).toBe(false);
  });

  it('new lines keep a view at the bottom there; a view scrolled up keeps its place', () => {
    const store = renderLog(bigLog(1000));
    const more = (from: number) =>
      act(() =>
        store.getState().receiveLog({ lines: [record(from, `new ${from}`)], dropped: 0, next: from + 1 }, null),
      );
    more(1000);
    expect(rowTexts().at(-1)).toMatch(/new 1000$/);
    expect(grid().scrollTop).toBe(1001 * LOG_ROW_HEIGHT - 320);
    scrollTo(100 * LOG_ROW_HEIGHT);
    more(1001);
    expect(grid().scrollTop).toBe(100 * LOG_ROW_HEIGHT);
    expect(rowTexts().some((t) => t.endsWith('new 1001'))).toBe(false);
    expect(rowTexts().some((t) => t.endsWith('line 100'))).toBe(true);
  });

  it('filters by tab, level, audit lines and text; shows how many lines were dropped', () => {
    const store = renderLog({ ...bigLog(), dropped: 1234 });
    expect(screen.getByText(/1234 older lines dropped/)).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'audit' }));
    expect(grid().getAttribute('aria-label')).toBe('Audit records');
    expect(grid().getAttribute('aria-rowcount')).toBe('100');
    expect(rowTexts().at(-1)).toBe(`type=AVC msg=audit(1795305600.999:99999): ${AVC}`);
    fireEvent.click(screen.getByRole('tab', { name: 'dmesg' }));
    fireEvent.change(screen.getByRole('combobox', { name: /Level/ }), { target: { value: '4' } });
    expect(grid().getAttribute('aria-rowcount')).toBe('10000');
    expect(rowTexts().every((t) => /line \d*0$/.test(t))).toBe(true);
    fireEvent.change(screen.getByRole('combobox', { name: /Level/ }), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'hide audit lines' }));
    expect(grid().getAttribute('aria-rowcount')).toBe('99900');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search the log' }), { target: { value: 'line 74243' } });
    expect(rowTexts()).toEqual(['[   74.000000]line 74243']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search the log' }), { target: { value: 'no such' } });
    expect(screen.getByText('No line matches the filters.')).toBeTruthy();
    expect(store.getState().logFilter).toEqual({ maxLevel: 7, kernelOnly: true, text: 'no such' });
  });

  it('the keyboard moves a selected line: arrows, PageUp/PageDown, Home, End', () => {
    renderLog(bigLog(1000));
    const selected = () => grid().querySelector('[aria-selected="true"]')?.textContent;
    grid().focus();
    fireEvent.keyDown(grid(), { key: 'Home' });
    expect(selected()).toBe('[    0.000000]line 0');
    expect(grid().scrollTop).toBe(0);
    expect(grid().getAttribute('aria-activedescendant')).toBe(grid().querySelector('[aria-selected="true"]')!.id);
    fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    expect(selected()).toMatch(/line 2$/);
    fireEvent.keyDown(grid(), { key: 'ArrowUp' });
    expect(selected()).toMatch(/line 1$/);
    fireEvent.keyDown(grid(), { key: 'PageDown' });
    // 320px / 20px = 16 rows in view: a page moves 15.
    expect(selected()).toMatch(/line 16$/);
    expect(grid().scrollTop).toBe(17 * LOG_ROW_HEIGHT - 320);
    fireEvent.keyDown(grid(), { key: 'PageUp' });
    expect(selected()).toMatch(/line 1$/);
    fireEvent.keyDown(grid(), { key: 'End' });
    expect(selected()).toMatch(/audit/);
    expect(grid().scrollTop).toBe(1000 * LOG_ROW_HEIGHT - 320);
  });

  it("following a line's link shows its command in the trace with the cursor on the printk", async () => {
    const store: PlaygroundStore = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
    render(<Playground store={store} />);
    await act(() => store.getState().runShellLine('echo x > /etc/shadow'));
    await act(() => store.getState().runShellLine('ls /tmp'));
    const log = screen.getByRole('region', { name: 'Kernel log' });
    const row = within(log)
      .getAllByRole('row')
      .find((r) => r.textContent?.includes('rustshield: blocked write to /etc/shadow'))!;
    expect(within(log).getAllByRole('button', { name: 'go to event' })).toHaveLength(1);
    fireEvent.click(within(row).getByRole('button', { name: 'go to event' }));
    const s = store.getState();
    expect(s.run!.line).toBe('echo x > /etc/shadow');
    expect(runEvents(s.run)[s.cursor]!.event).toMatchObject({ type: 'printk' });
    const trace = screen.getByRole('region', { name: 'Trace' });
    await waitFor(() =>
      expect(trace.querySelector('[aria-current="step"]')!.textContent).toBe(
        'printk: rustshield: blocked write to /etc/shadow',
      ),
    );
    // The line of the event at the cursor is highlighted; a step away, it is not.
    expect(row.getAttribute('aria-current')).toBe('true');
    act(() => store.getState().stepForward());
    expect(row.getAttribute('aria-current')).toBeNull();
    // Enter on the selected line follows it too.
    act(() => store.getState().seek(0));
    fireEvent.click(row);
    fireEvent.keyDown(within(log).getByRole('grid'), { key: 'Enter' });
    expect(runEvents(store.getState().run)[store.getState().cursor]!.event).toMatchObject({
      type: 'printk',
      text: 'rustshield: blocked write to /etc/shadow',
    });
  });
});
