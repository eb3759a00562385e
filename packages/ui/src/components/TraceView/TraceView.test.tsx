// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessWorker } from '../../engine/inProcess';
import { createPlaygroundStore } from '../../store/createPlaygroundStore';
import { Playground } from '../Playground/Playground';

afterEach(cleanup);

describe('TraceView', () => {
  it('replays a denied write: the hook head lights each verdict, back and forth', async () => {
    const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
    render(<Playground store={store} />);
    await store.getState().runShellLine('echo hacked >> /etc/shadow');
    store.getState().setPlaying(false);
    const trace = screen.getByRole('region', { name: 'Trace' });
    // The command's syscalls, the failing openat first.
    const syscalls = within(trace).getByRole('list', { name: 'Syscalls of this command' });
    expect(syscalls.textContent).toContain('openat = -13 -EACCES');
    // Jump to the denial: RustShield's lane shows -EACCES, the ones before it their verdicts.
    fireEvent.click(within(trace).getByRole('button', { name: 'Next denial' }));
    const current = () =>
      within(trace).getByRole('list', { name: 'Events of this syscall' }).querySelector('[aria-current="step"]')!;
    await waitFor(() => expect(current().textContent).toMatch(/^rustshield → -13 -EACCES \(deny\)/));
    const head = within(trace).getByLabelText('Hook head of file_open');
    expect(head.querySelector('[data-lsm="rustshield"]')!.textContent).toBe('rustshield-EACCES');
    expect(head.querySelector('[data-lsm="selinux"]')!.className).toMatch(/trace__lane--(allow|default)/);
    // The path strip: userspace, the checks and heads passed, file_open's head running under the cursor.
    const path = within(trace).getByRole('list', { name: 'Path of this syscall' });
    const stage = () => path.querySelector('[aria-current="true"]')!;
    expect(stage().textContent).toBe('security_file_openrunning');
    expect(path.firstElementChild!.textContent).toBe('bash[1001] openat()');
    expect(path.lastElementChild!.className).toContain('trace__stage--future');
    // One step back: its printk; rustshield is still running, not yet denied.
    fireEvent.click(within(trace).getByRole('button', { name: /Back/ }));
    expect(current().textContent).toBe('printk: rustshield: blocked write to /etc/shadow');
    const lane = () => within(trace).getByLabelText('Hook head of file_open').querySelector('[data-lsm="rustshield"]')!;
    expect(lane().textContent).toBe('rustshieldrunning');
    // Keyboard: → steps forward again.
    fireEvent.keyDown(trace, { key: 'ArrowRight' });
    expect(current().textContent).toMatch(/^rustshield → -13/);
    // The last event is the syscall's return to userspace: every stage lit, the denial named.
    fireEvent.keyDown(trace, { key: 'End' });
    expect(current().textContent).toMatch(/^← /);
    const opened = [...path.children].find((li) => li.textContent?.startsWith('security_file_open'))!;
    expect(opened.textContent).toBe('security_file_open-13 -EACCES by rustshield');
    expect(opened.className).toContain('trace__stage--denied');
    expect(path.lastElementChild!.textContent).toBe('← openat = -13-EACCES');
  });
});
