// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { blobLayout } from '@lsm-playground/core';
import { inProcessWorker } from '../../engine/inProcess';
import { createPlaygroundStore } from '../../store/createPlaygroundStore';
import { runEvents } from '../../store/traceSlice';
import { Playground } from '../Playground/Playground';

afterEach(cleanup);

const COUNTER = `import { Hooks, File, Result, Ok, SecurityBlob, current, defineLsm, LSM_ID_UNDEF } from 'kernel';
const opens = new SecurityBlob<{ n: number }>('task', () => ({ n: 0 }));
class Counter implements Hooks {
  file_open(file: File): Result {
    (opens.get(current()) as { n: number }).n++;
    return Ok();
  }
}
export default defineLsm(Counter, 'counter\\0', LSM_ID_UNDEF);
`;

const rowsOf = (el: HTMLElement) =>
  within(el)
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));

function setup(modules?: { fileName: string; source: string }[]) {
  const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
  if (modules) store.setState({ modules });
  render(<Playground store={store} />);
  const region = screen.getByRole('region', { name: 'World' });
  return { store, region };
}

describe('WorldView', () => {
  it("shows the process tree and the selected task's blobs, a user LSM's slice included", async () => {
    const { store, region } = setup([{ fileName: 'counter.ts', source: COUNTER }]);
    await act(() => store.getState().runShellLine('cat /etc/passwd'));
    await act(() => store.getState().runShellLine('cat /etc/hostname'));
    // The view follows the replay, which starts before the line's first syscall: go to its end.
    act(() => store.getState().seek(runEvents(store.getState().run).length - 1));
    expect(within(region).getByTestId('world-step').textContent).toMatch(/after close\(\) = 0$/);
    const tree = within(region).getByRole('list', { name: 'Process tree' });
    const items = within(tree).getAllByRole('listitem');
    // init first, its children indented below it.
    expect(items[0]!.textContent).toMatch(/^init\[1\] uid 0\/0/);
    const alice = items.find((li) => li.textContent?.includes('[1102]'))!;
    expect(alice.textContent).toContain('uid 1000/1000');
    expect(alice.style.paddingLeft).not.toBe('0rem');
    // The shell's task is selected: its task blob holds counter's slice with the count.
    const blobs = within(region).getByLabelText('Blobs of bash[1001]');
    const taskBlob = within(blobs).getByLabelText('task bash[1001] blob');
    expect(taskBlob.textContent).toMatch(/counter\{"n":2\}/);
    // The cred blob is laid out by the framework: selinux's label at its offset.
    expect(within(blobs).getByLabelText('cred of bash[1001] blob').textContent).toMatch(/selinux/);
    // Selecting another task (a button, so the keyboard reaches it) shows its blobs.
    fireEvent.click(within(tree).getByRole('button', { name: 'Task bash[1102]' }));
    expect(within(region).getByLabelText('Blobs of bash[1102]')).toBeTruthy();
    expect(within(tree).getByRole('button', { name: 'Task bash[1102]' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('lays a blob out as a memory map: every LSM slice with its offset and size, from the boot layout', async () => {
    const { store, region } = setup();
    await act(() => store.getState().runShellLine('cat /etc/hostname'));
    // The engine booted the same stack as the page's kernel (RustShield asks for no blob space).
    const layout = blobLayout(store.getState().kernel);
    const cred = within(region).getByRole('table', { name: 'cred of bash[1001] slices' });
    const lsmRows = rowsOf(cred).filter((r) => r[2] !== 'padding');
    expect(lsmRows.map((r) => [r[0], r[1], r[2]])).toEqual(
      layout.cred!.slices.map((s) => [`+${s.offset}`, `${s.size} B`, s.lsm]),
    );
    expect(lsmRows.length).toBeGreaterThan(1);
    // The rows cover the blob: the last one ends at the blob's size.
    const last = rowsOf(cred).at(-1)!;
    expect(Number(last[0]!.slice(1)) + Number.parseInt(last[1]!, 10)).toBe(store.getState().kernel.blobSizes.cred);
    // The bar has one segment per row, sized by bytes.
    const figure = within(region).getByLabelText('cred of bash[1001] blob');
    const segs = figure.querySelectorAll<HTMLElement>('.blobmap__seg');
    expect([...segs].map((s) => Number(s.style.flexGrow))).toEqual(rowsOf(cred).map((r) => Number.parseInt(r[1]!, 10)));
    // A file's inode blob starts with the rcu_head the framework reserves.
    fireEvent.click(within(region).getByRole('button', { name: 'File /etc/passwd' }));
    const inode = within(region).getByRole('table', { name: /^inode \d+ \(\/etc\/passwd\) slices$/ });
    expect(rowsOf(inode)[0]).toEqual(['+0', '16 B', 'struct rcu_head', 'not an LSM’s']);
    // An LSM that never wrote its slice still has its row, with zero contents (Landlock keeps
    // nothing on an inode no rule names).
    expect(rowsOf(inode).some((r) => r[2] === 'landlock' && r[3] === 'zero (untouched)')).toBe(true);
  });

  it('shows the world at the trace cursor: before and after each syscall, with what changed', async () => {
    const { store, region } = setup();
    await act(() => store.getState().runShellLine('echo x > /tmp/newfile'));
    const events = runEvents(store.getState().run);
    const exitOfOpen = events.findIndex((e) => e.event.type === 'syscall_exit' && e.event.name === 'openat');
    const caption = within(region).getByTestId('world-step');
    const files = () => within(region).getByRole('table', { name: 'Files' });
    const paths = () => rowsOf(files()).map((r) => r[0]);

    act(() => store.getState().seek(0));
    expect(caption.textContent).toBe(`as at step 1 of ${events.length}: before openat()`);
    expect(paths()).not.toContain('/tmp/newfile');
    act(() => store.getState().seek(exitOfOpen - 1));
    expect(caption.textContent).toMatch(/before openat\(\)$/);
    expect(paths()).not.toContain('/tmp/newfile');

    act(() => store.getState().seek(exitOfOpen));
    expect(caption.textContent).toBe(`as at step ${exitOfOpen + 1} of ${events.length}: after openat() = 0`);
    const row = rowsOf(files()).find((r) => r[0] === '/tmp/newfile')!;
    expect(row).toEqual(['/tmp/newfile', '-rw-r--r--', 'root:root', expect.any(String), 'created']);
    // Only the created file is marked; the shell task changed too (a new fd).
    expect(
      rowsOf(files())
        .filter((r) => r[4] !== '')
        .map((r) => r[0]),
    ).toEqual(['/tmp/newfile']);
    const bash = within(region).getByRole('button', { name: 'Task bash[1001]' }).closest('li')!;
    expect(bash.textContent).toContain('changed: fds');

    // After the write the size changed; the file's row says so.
    const exitOfWrite = events.findIndex((e) => e.event.type === 'syscall_exit' && e.event.name === 'write');
    act(() => store.getState().seek(exitOfWrite));
    expect(caption.textContent).toMatch(/after write\(\) = 2$/);
    expect(rowsOf(files()).find((r) => r[0] === '/tmp/newfile')![4]).toBe('changed: size');

    // The filter narrows the table.
    fireEvent.change(within(region).getByLabelText('Filter files'), { target: { value: '/tmp/' } });
    expect(paths()).toEqual(['/tmp/newfile']);
  });

  it('shows a symbolic link with its target, as ls -l does', async () => {
    const { store, region } = setup();
    await act(() => store.getState().runShellLine('ln -s /etc/hostname /tmp/host'));
    act(() => store.getState().seek(runEvents(store.getState().run).length - 1));
    const files = within(region).getByRole('table', { name: 'Files' });
    const row = rowsOf(files).find((r) => r[0]!.startsWith('/tmp/host'))!;
    expect(row.slice(0, 3)).toEqual(['/tmp/host → /etc/hostname', 'lrwxrwxrwx', 'root:root']);
    expect(rowsOf(files).find((r) => r[0] === '/etc/hostname')).toBeDefined();
  });
});
