// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessWorker } from '../../engine/inProcess';
import { createPlaygroundStore } from '../../store/createPlaygroundStore';
import { runEvents } from '../../store/traceSlice';
import { Playground } from '../Playground/Playground';

afterEach(cleanup);

const setup = async () => {
  const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
  render(<Playground store={store} />);
  // The panel is fetched after the page's first paint (a lazy chunk).
  const panel = await screen.findByRole('region', { name: 'Expectations' });
  return { store, panel };
};

describe('ExpectationsPanel', () => {
  it('Expect this adds the traced line as a passing expectation; remove takes it away', async () => {
    const { store, panel } = await setup();
    const expect_ = within(panel).getByRole('button', { name: 'Expect this' });
    expect(expect_).toHaveProperty('disabled', true);
    await store.getState().runShellLine('echo hacked >> /etc/shadow', { play: false });
    await waitFor(() => expect(expect_).toHaveProperty('disabled', false));
    fireEvent.click(expect_);
    const item = await within(panel).findByText('step 1 fails with EACCES, denied by rustshield');
    await waitFor(() => expect(item.closest('li')!.dataset['state']).toBe('pass'));
    expect(within(panel).getByText('1 of 1 pass')).toBeTruthy();
    expect(item.closest('li')!.textContent).toContain('openat returned EACCES, denied by rustshield');
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove expectation 1' }));
    expect(store.getState().expectations).toEqual([]);
  });

  it('a failing expectation shows why, and its button jumps the trace to the event', async () => {
    const { store, panel } = await setup();
    await store.getState().runShellLine('echo hacked >> /etc/shadow', { play: false });
    await store.getState().runShellLine('cat /etc/hostname', { play: false });
    store.getState().setExpectations([{ kind: 'result', step: 1, errno: null, label: 'root may write shadow' }]);
    const item = await within(panel).findByText('root may write shadow');
    await waitFor(() => expect(item.closest('li')!.dataset['state']).toBe('fail'));
    expect(item.closest('li')!.textContent).toContain('expected success, got EACCES');
    fireEvent.click(within(panel).getByRole('button', { name: 'Show in trace: root may write shadow' }));
    const trace = screen.getByRole('region', { name: 'Trace' });
    await waitFor(() => expect(within(trace).getByText('echo hacked >> /etc/shadow')).toBeTruthy());
    const s = store.getState();
    expect(runEvents(s.run)[s.cursor]!.event).toMatchObject({ type: 'lsm_return', lsm: 'rustshield' });
  });

  it('the JSON editor shows each problem, keeps the text, and applies a valid list', async () => {
    const { store, panel } = await setup();
    fireEvent.click(within(panel).getByRole('button', { name: 'Edit as JSON' }));
    const box = within(panel).getByLabelText('Expectations as JSON');
    const bad = '[{"kind": "hook", "hook": "file_opne", "reached": true}]';
    fireEvent.change(box, { target: { value: bad } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Apply' }));
    expect(within(panel).getByRole('alert').textContent).toMatch(
      /expectations\[0\]\.hook: "file_opne" is not an LSM hook/,
    );
    expect((box as HTMLTextAreaElement).value).toBe(bad);
    fireEvent.change(box, { target: { value: '[oops' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Apply' }));
    expect(within(panel).getByRole('alert').textContent).toMatch(/not JSON/);
    fireEvent.change(box, { target: { value: '[{"kind": "hook", "hook": "file_open", "reached": true}]' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Apply' }));
    expect(store.getState().expectations).toEqual([{ kind: 'hook', hook: 'file_open', reached: true }]);
    expect(within(panel).getByText('file_open is reached')).toBeTruthy();
  });
});
