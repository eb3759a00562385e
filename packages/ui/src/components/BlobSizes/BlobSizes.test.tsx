// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithStore } from '../../test/renderWithStore';
import { BlobSizes } from './BlobSizes';

afterEach(cleanup);

const rowOf = (kind: string) => screen.getByRole('rowheader', { name: kind }).closest('tr') as HTMLElement;

describe('BlobSizes', () => {
  it('has one row per blob kind with the total size', () => {
    const { store } = renderWithStore(<BlobSizes />);
    const sizes = store.getState().kernel.blobSizes;
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(Object.keys(sizes).length + 1);
    expect(within(rowOf('cred')).getAllByRole('cell')[0]?.textContent).toBe(`${sizes.cred} B`);
    expect(within(rowOf('xattr_count')).getAllByRole('cell')[0]?.textContent).toBe(`${sizes.xattr_count} slots`);
  });

  it('follows the running version: 6.8 has fewer blob kinds', () => {
    const { store } = renderWithStore(<BlobSizes />);
    act(() => {
      store.getState().setKernelVersion('6.8');
      store.getState().reboot();
    });
    expect(screen.queryByRole('rowheader', { name: 'backing_file' })).toBeNull();
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(9);
  });

  it('lists the LSMs sharing a blob with their offsets', () => {
    renderWithStore(<BlobSizes />, { cmdline: 'lsm=landlock' });
    const users = within(rowOf('cred')).getAllByRole('cell')[1]?.textContent ?? '';
    expect(users).toMatch(/^landlock@\d+/);
    expect(users).not.toContain('selinux');
  });
});
