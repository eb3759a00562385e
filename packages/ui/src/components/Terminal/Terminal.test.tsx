// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessWorker } from '../../engine/inProcess';
import { createPlaygroundStore } from '../../store/createPlaygroundStore';
import { Playground } from '../Playground/Playground';

afterEach(cleanup);

describe('Terminal', () => {
  it('runs a line through the engine and shows the denial, the errno and the new prompt', async () => {
    const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
    render(<Playground store={store} />);
    const input = screen.getByRole('textbox', { name: 'Shell command' });
    fireEvent.change(input, { target: { value: 'echo hacked >> /etc/shadow' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    const transcript = screen.getByLabelText('Shell transcript');
    await waitFor(() => expect(transcript.textContent).toContain('bash: /etc/shadow: Permission denied'));
    expect(transcript.textContent).toContain('root@lsm:~# echo hacked >> /etc/shadow -EACCES');
    expect((input as HTMLInputElement).value).toBe('');
    fireEvent.change(input, { target: { value: 'su alice' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(screen.getByText('alice@lsm:~$')).toBeTruthy());
    // History: ArrowUp brings the last command back.
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect((input as HTMLInputElement).value).toBe('su alice');
    expect(within(screen.getByRole('region', { name: 'Your modules' })).getByText('rustshield')).toBeTruthy();
  });
});
