// @vitest-environment happy-dom
import { boot, defaultConfigLsm, diagnoseBoot, formatLogLine, inTreeLsms } from '@lsm-playground/core';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inProcessWorker } from '../../engine/inProcess';
import { createPlaygroundStore } from '../../store/createPlaygroundStore';
import { PlaygroundProvider } from '../../store/PlaygroundProvider';
import { renderWithStore } from '../../test/renderWithStore';
import { BootLog } from '../BootLog/BootLog';
import { StackView } from '../StackView/StackView';
import { BootFailureBanner } from './BootFailureBanner';
import { BootPanel } from './BootPanel';

afterEach(cleanup);

const cmdlineInput = () => screen.getByRole('textbox', { name: 'Kernel command line' }) as HTMLInputElement;

/** A Rust LSM whose type cannot be constructed: its init panics inside security_init(). */
const BROKEN = `import { Hooks, defineLsm, LSM_ID_UNDEF } from 'kernel';
class RustShield implements Hooks {
  constructor() {
    throw new Error('no policy loaded');
  }
}
export default defineLsm(RustShield, 'rustshield\\0', LSM_ID_UNDEF);
`;

describe('build toggles', () => {
  it('lists every in-tree LSM of the version by its Kconfig symbol; capability cannot be left out', () => {
    const { store } = renderWithStore(<BootPanel />);
    const group = screen.getByRole('group', { name: 'Built-in LSMs (kernel configuration)' });
    const boxes = within(group).getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes.map((b) => b.closest('label')!.textContent)).toEqual([
      'capability CONFIG_SECURITY (always built)',
      'selinux CONFIG_SECURITY_SELINUX',
      'smack CONFIG_SECURITY_SMACK',
      'tomoyo CONFIG_SECURITY_TOMOYO',
      'apparmor CONFIG_SECURITY_APPARMOR',
      'yama CONFIG_SECURITY_YAMA',
      'loadpin CONFIG_SECURITY_LOADPIN',
      'safesetid CONFIG_SECURITY_SAFESETID',
      'lockdown CONFIG_SECURITY_LOCKDOWN_LSM',
      'bpf CONFIG_BPF_LSM',
      'landlock CONFIG_SECURITY_LANDLOCK',
      'ipe CONFIG_SECURITY_IPE',
      'ima CONFIG_IMA',
      'evm CONFIG_EVM',
    ]);
    expect(boxes.every((b) => b.checked)).toBe(true);
    expect(boxes[0]!.disabled).toBe(true);
    act(() => store.getState().setKernelVersion('6.8'));
    const v68 = within(group)
      .getAllByRole('checkbox')
      .map((b) => b.closest('label')!.textContent);
    expect(v68).toContain('integrity CONFIG_INTEGRITY');
    expect(v68.some((t) => t?.startsWith('ipe'))).toBe(false);
  });

  it('unticking selinux and rebooting builds a kernel without it: smack takes the exclusive slot', () => {
    const { store } = renderWithStore(
      <>
        <BootPanel />
        <StackView />
      </>,
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'selinux CONFIG_SECURITY_SELINUX' }));
    expect(store.getState().notBuilt).toEqual(['selinux']);
    expect(screen.getByRole('status').textContent).toMatch(/reboot to apply/);
    expect(store.getState().kernel.lsm('selinux')).toBeDefined(); // not before the reboot
    fireEvent.click(screen.getByRole('button', { name: 'Reboot' }));
    const { kernel } = store.getState();
    expect(kernel.lsm('selinux')).toBeUndefined();
    expect(kernel.order).toContain('smack');
    expect(screen.getByRole('status').textContent).toBe('Boot #2: Linux 7.1, 12 LSMs active.');
    const unbuilt = screen.getByRole('list', { name: 'Not built into this kernel' });
    expect(unbuilt.textContent).toBe(
      'selinux: # CONFIG_SECURITY_SELINUX is not set, so lsm= and CONFIG_LSM naming it match nothing',
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'selinux CONFIG_SECURITY_SELINUX' }));
    expect(store.getState().notBuilt).toEqual([]);
  });
});

describe('a boot that goes wrong', () => {
  it('a Run whose LSM init panics: the banner in the kernel words, the marked log lines, and the recovery', async () => {
    const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
    store.getState().setSource('rustshield.ts', BROKEN);
    store.getState().setBuilt('yama', false); // the engine boots the same build as the boot loader
    render(
      <PlaygroundProvider store={store}>
        <BootPanel />
        <BootLog />
      </PlaygroundProvider>,
    );
    await act(() => store.getState().loadModules());
    const banner = screen.getByRole('alert', { name: 'Boot failure' });
    expect(banner.textContent).toContain('The boot of your last Run did not finish:');
    expect(banner.textContent).toContain('Kernel panic - not syncing: Attempted to kill the idle task!');
    expect(banner.textContent).toContain('rustshield: init oopsed, the boot stopped');
    const suggested = `lsm=${defaultConfigLsm('7.1')}`;
    expect(within(banner).getByText(suggested)).toBeTruthy();
    expect(banner.textContent).toContain('lsm= without rustshield');

    // The log shown is that boot's, with the report and the panic marked.
    const log = screen.getByLabelText('dmesg output');
    const marked = [...log.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marked[0]).toMatch(/rust_kernel: panicked at rustshield.ts:4:\d+:$/);
    expect(marked).toContainEqual(expect.stringMatching(/no policy loaded$/));
    expect(marked.at(-1)).toMatch(/Kernel panic - not syncing: Attempted to kill the idle task!$/);
    expect(log.textContent).toContain('SELinux:  Initializing.'); // the lines before it are there too

    // One click puts the edit in the entry with its value selected; it does not boot.
    fireEvent.click(within(banner).getByRole('button', { name: 'Edit the command line' }));
    const input = cmdlineInput();
    expect(input.value).toBe(suggested);
    expect(document.activeElement).toBe(input);
    expect([input.selectionStart, input.selectionEnd]).toEqual([4, suggested.length]);
    expect(store.getState().bootCount).toBe(1);

    // Enter boots it: the boot loader's kernel and the engine's, which now boots cleanly.
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(store.getState().loadResult?.ok).toBe(true));
    expect(screen.queryByRole('alert', { name: 'Boot failure' })).toBeNull();
    expect(store.getState().loadResult!.order).not.toContain('rustshield');
    expect(store.getState().loadResult!.order).not.toContain('yama');
    expect(store.getState().loadResult!.order).toContain('landlock');
    expect(store.getState().kernel.lsm('yama')).toBeUndefined();
    expect(log.querySelectorAll('mark')).toHaveLength(0);
  });

  it('a Run whose LSM floods the log at init: the dropped lines, the flooding LSM, its lines marked', async () => {
    const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
    store.getState().setSource(
      'rustshield.ts',
      `import { Hooks, defineLsm, LSM_ID_UNDEF, pr_info } from 'kernel';
class RustShield implements Hooks {
  constructor() {
    for (let i = 0; i < 5000; i++) pr_info('loaded rule {}', i);
  }
}
export default defineLsm(RustShield, 'rustshield\\0', LSM_ID_UNDEF);
`,
    );
    render(
      <PlaygroundProvider store={store}>
        <BootPanel />
        <BootLog />
      </PlaygroundProvider>,
    );
    await act(() => store.getState().loadModules());
    expect(store.getState().loadResult?.ok).toBe(true); // the boot finished, its start is lost
    const banner = screen.getByRole('status', { name: 'Boot failure' });
    expect(banner.textContent).toMatch(/The boot of your last Run went wrong:\*\* \d+ printk messages dropped \*\*/);
    expect(banner.textContent).toContain('rustshield: init printed 5000 lines, the log buffer overflowed');
    expect(banner.textContent).toContain('pr_info_ratelimited()');
    expect(within(banner).getByRole('button', { name: 'Edit the command line' })).toBeTruthy();
    const log = screen.getByLabelText('dmesg output');
    expect(log.textContent).not.toContain('Linux version');
    expect(log.querySelector('mark')?.textContent).toMatch(/rustshield: loaded rule \d+$/);
  });

  it('an init that returns an error: a WARN, the LSM named with its errno, and no recovery for a LAST LSM', () => {
    const kernel = boot({ lsms: inTreeLsms('7.1').map((l) => (l.name === 'ima' ? { ...l, init: () => -12 } : l)) });
    const failure = diagnoseBoot(kernel)!;
    const onEdit = vi.fn();
    render(
      <BootFailureBanner
        view={{ source: 'reboot', failure, log: kernel.log.map(formatLogLine) }}
        onEditCmdline={onEdit}
      />,
    );
    const banner = screen.getByRole('status', { name: 'Boot failure' });
    expect(banner.textContent).toContain('This boot went wrong:');
    expect(banner.textContent).toContain('ima failed to initialize: -12');
    expect(banner.textContent).toContain('ima: init failed (-ENOMEM), the LSM is not working');
    expect(banner.textContent).toContain('ima is LSM_ORDER_LAST: lsm= cannot leave it out');
    expect(screen.queryByRole('button', { name: 'Edit the command line' })).toBeNull();
  });
});
