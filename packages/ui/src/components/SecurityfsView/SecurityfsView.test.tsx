// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithStore } from '../../test/renderWithStore';
import { SecurityfsView } from './SecurityfsView';

afterEach(cleanup);

describe('SecurityfsView', () => {
  it('shows cat /sys/kernel/security/lsm and its output', () => {
    renderWithStore(<SecurityfsView />, { cmdline: 'lsm=yama,landlock' });
    expect(screen.getByText('cat /sys/kernel/security/lsm')).toBeTruthy();
    expect(screen.getByTestId('securityfs-lsm').textContent).toBe('capability,yama,landlock,ima,evm');
  });

  it('leaves out 6.8 integrity, which registers no hooks', () => {
    const { store } = renderWithStore(<SecurityfsView />);
    act(() => {
      store.getState().setKernelVersion('6.8');
      store.getState().reboot();
    });
    const out = screen.getByTestId('securityfs-lsm').textContent ?? '';
    expect(store.getState().kernel.order).toContain('integrity');
    expect(out.split(',')).not.toContain('integrity');
    expect(out.startsWith('capability,')).toBe(true);
  });

  it('lists the files each LSM created, by directory; a click cats a readable one in the shell', async () => {
    const { store } = renderWithStore(<SecurityfsView />);
    // The page boots the models after the first paint: wait for their files.
    const tree = await screen.findByRole('list', { name: 'Files the LSMs created in securityfs' });
    const rows = within(tree)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(rows).toEqual([
      'evm',
      'ima/ascii_runtime_measurementsascii_runtime_measurements_sha1policyruntime_measurements_countviolations',
      'ipe/enforcenew_policysuccess_audit',
      'lockdown',
      'safesetid/gid_allowlist_policyuid_allowlist_policy',
      'tomoyo/auditdomain_policyexception_policymanagerprofileself_domainversion',
    ]);
    const version = within(tree).getByRole('button', { name: 'cat /sys/kernel/security/tomoyo/version' });
    expect(version.getAttribute('title')).toContain('(-r--------, tomoyo)');
    // A file that only takes writes is listed but not offered for cat.
    const newPolicy = within(tree).getByRole('button', { name: '/sys/kernel/security/ipe/new_policy (write-only)' });
    expect((newPolicy as HTMLButtonElement).disabled).toBe(true);
    const lines: string[] = [];
    store.setState({ runShellLine: async (line: string) => void lines.push(line) } as never);
    fireEvent.click(version);
    await waitFor(() => expect(lines).toEqual(['cat /sys/kernel/security/tomoyo/version']));
  });
});
