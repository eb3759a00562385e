// The boot loader: pick a kernel build, edit CONFIG_LSM and the kernel command line, reboot.
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { BootRecovery, KernelVersion } from '@lsm-playground/core';
import { usePlayground } from '../../store/PlaygroundProvider';
import {
  KERNEL_VERSION_OPTIONS,
  selectBootCount,
  selectBootError,
  selectBootFailure,
  selectBootedVersion,
  selectCmdline,
  selectConfigLsm,
  selectDefaultConfigLsm,
  selectHasPendingChanges,
  selectKernelVersion,
  selectOrder,
  selectReboot,
  selectResetConfigLsm,
  selectSetCmdline,
  selectSetConfigLsm,
  selectSetKernelVersion,
} from '../../store/selectors';
import { BootFailureBanner } from './BootFailureBanner';
import { BuildOptions } from './BuildOptions';
import { PolicyEditor } from './PolicyEditor';
import { PresetPicker } from './PresetPicker';
import './BootPanel.css';

/** Command lines worth trying; a click puts one in the entry, Enter or Reboot boots it. */
const EXAMPLES = ['lsm=yama,landlock', 'security=smack', 'selinux=0', 'lsm=apparmor,selinux', 'lsm.debug'] as const;

/** Renders the boot inputs and the Reboot button; Enter in the command line reboots. */
export function BootPanel() {
  const kernelVersion = usePlayground(selectKernelVersion);
  const configLsm = usePlayground(selectConfigLsm);
  const cmdline = usePlayground(selectCmdline);
  const defaultConfigLsm = usePlayground(selectDefaultConfigLsm);
  const pending = usePlayground(selectHasPendingChanges);
  const bootError = usePlayground(selectBootError);
  const booted = usePlayground(selectBootedVersion);
  const order = usePlayground(selectOrder);
  const bootCount = usePlayground(selectBootCount);
  const setKernelVersion = usePlayground(selectSetKernelVersion);
  const setConfigLsm = usePlayground(selectSetConfigLsm);
  const resetConfigLsm = usePlayground(selectResetConfigLsm);
  const setCmdline = usePlayground(selectSetCmdline);
  const reboot = usePlayground(selectReboot);
  const failure = usePlayground(selectBootFailure);
  const id = useId();
  const cmdlineRef = useRef<HTMLInputElement>(null);
  // A recovery put in the entry: once the input shows it, focus it with the edited value selected.
  const [pendingEdit, setPendingEdit] = useState<BootRecovery | null>(null);
  useLayoutEffect(() => {
    const input = cmdlineRef.current;
    if (!pendingEdit || !input || input.value !== pendingEdit.cmdline) return;
    input.focus();
    input.setSelectionRange(pendingEdit.selection[0], pendingEdit.selection[1]);
    setPendingEdit(null);
  }, [pendingEdit, cmdline]);
  const editCmdline = (recovery: BootRecovery) => {
    setCmdline(recovery.cmdline);
    setPendingEdit(recovery);
  };

  const onCmdlineKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    e.preventDefault(); // no implicit form submission on top: one Enter, one reboot
    reboot();
  };

  return (
    <section className="panel boot" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          Boot loader
        </h2>
        <p className={`panel__meta boot__status${pending ? ' boot__status--pending' : ''}`} role="status">
          {pending
            ? 'Edited since the last boot: reboot to apply.'
            : `Boot #${bootCount}: Linux ${booted}, ${order.length} LSMs active.`}
        </p>
      </div>
      <form
        className="boot__form"
        aria-labelledby={`${id}-title`}
        onSubmit={(e) => {
          e.preventDefault();
          reboot();
        }}
      >
        <PresetPicker />
        <div className="boot__build">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-kernel`}>
              Kernel version
            </label>
            <select
              id={`${id}-kernel`}
              className="control"
              value={kernelVersion}
              onChange={(e) => setKernelVersion(e.target.value as KernelVersion)}
            >
              {KERNEL_VERSION_OPTIONS.map((v) => (
                <option key={v} value={v}>
                  Linux {v}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--grow">
            <label className="field__label" htmlFor={`${id}-config-lsm`}>
              CONFIG_LSM
            </label>
            <div className="field__row">
              <input
                id={`${id}-config-lsm`}
                className="control control--mono"
                value={configLsm}
                onChange={(e) => setConfigLsm(e.target.value)}
                spellCheck={false}
                autoComplete="off"
                autoCapitalize="off"
                aria-describedby={`${id}-config-lsm-hint`}
              />
              <button type="button" className="btn" onClick={resetConfigLsm} disabled={configLsm === defaultConfigLsm}>
                Default
              </button>
            </div>
            <p className="field__hint" id={`${id}-config-lsm-hint`}>
              The build-time order; <code>lsm=</code> on the command line replaces it.
            </p>
          </div>
        </div>

        <div className="field grub">
          <label className="field__label" htmlFor={`${id}-cmdline`}>
            Kernel command line
          </label>
          <div className="grub__row">
            <div className="grub__entry">
              <span className="grub__image" aria-hidden="true">
                linux /boot/vmlinuz-{kernelVersion}
              </span>
              <input
                data-focus-target="cmdline"
                ref={cmdlineRef}
                id={`${id}-cmdline`}
                className="grub__input"
                value={cmdline}
                placeholder="e.g. lsm=yama,landlock"
                onChange={(e) => setCmdline(e.target.value)}
                onKeyDown={onCmdlineKeyDown}
                spellCheck={false}
                autoComplete="off"
                autoCapitalize="off"
                aria-describedby={`${id}-cmdline-hint`}
              />
            </div>
            <button type="submit" className="btn btn--primary">
              Reboot
            </button>
          </div>
          <div className="grub__foot">
            <p className="field__hint" id={`${id}-cmdline-hint`}>
              Press <kbd>Enter</kbd> to boot.
            </p>
            <div className="grub__examples" role="group" aria-label="Example command lines">
              <span className="field__hint" aria-hidden="true">
                Try
              </span>
              {EXAMPLES.map((ex) => (
                <button key={ex} type="button" className="chip" onClick={() => setCmdline(ex)}>
                  {ex}
                </button>
              ))}
            </div>
          </div>
        </div>

        {failure && <BootFailureBanner view={failure} onEditCmdline={editCmdline} />}

        <BuildOptions />
        <PolicyEditor />

        {bootError && (
          <p className="boot__error" role="alert">
            Boot failed: {bootError}. The previous kernel is still running.
          </p>
        )}
      </form>
    </section>
  );
}
