// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessWorker } from '../../engine/inProcess';
import { createPlaygroundStore } from '../../store/createPlaygroundStore';
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

describe('WorldView', () => {
  it("shows the tasks and the selected task's blobs, a user LSM's slice included", async () => {
    const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
    store.setState({ modules: [{ fileName: 'counter.ts', source: COUNTER }] });
    render(<Playground store={store} />);
    await store.getState().runShellLine('cat /etc/passwd');
    await store.getState().runShellLine('cat /etc/hostname');
    const region = screen.getByRole('region', { name: 'Tasks and blobs' });
    const tasks = within(region).getByRole('table', { name: 'Tasks' });
    expect(
      within(tasks)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toContain('1102402bash1000/1000running0 caps');
    // The shell's task is selected: its task blob holds counter's slice with the count.
    const blobs = within(region).getByLabelText('Blobs of bash[1001]');
    const taskBlob = within(blobs).getByLabelText('task bash[1001] blob');
    expect(taskBlob.textContent).toMatch(/counter\{"n":2\}/);
    // The cred blob is laid out by the framework: selinux's label at its offset.
    expect(within(blobs).getByLabelText('cred of bash[1001] blob').textContent).toMatch(/selinux/);
    // Selecting another task shows its blobs.
    fireEvent.click(within(tasks).getByRole('button', { name: '1102' }));
    expect(within(region).getByLabelText('Blobs of bash[1102]')).toBeTruthy();
  });
});
