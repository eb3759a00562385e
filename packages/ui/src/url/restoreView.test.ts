import { describe, expect, test } from 'vitest';
import { inProcessWorker } from '../engine/inProcess';
import { createPlaygroundStore } from '../store/createPlaygroundStore';
import { runEvents } from '../store/traceSlice';
import { restoreView } from './restoreView';
import { formatViewUrl, parseViewUrl } from './viewUrl';
import { viewOf } from './useViewUrl';

const newStore = () => createPlaygroundStore({}, { spawnEngine: inProcessWorker });

describe('restoring a view from a link', () => {
  test('replays the lines as their author ran them and opens the trace at the step', async () => {
    const author = newStore();
    await author.getState().runShellLine('su alice');
    await author.getState().runShellLine('echo x > /etc/shadow');
    author.getState().seek(7);
    const link = formatViewUrl(viewOf(author.getState()));
    expect(link).toBe('cmd=su%20alice&cmd=echo%20x%20%3E%20%2Fetc%2Fshadow&step=7');

    const reader = newStore();
    const out = await restoreView(reader, parseViewUrl(link)!);
    expect(out).toEqual({ linesRun: 2, stepClamped: false, stoppedAt: null });
    const a = author.getState();
    const r = reader.getState();
    expect(r.terminal.map((t) => [t.prompt, t.line, t.output])).toEqual(
      a.terminal.map((t) => [t.prompt, t.line, t.output]),
    );
    expect(r.cursor).toBe(7);
    expect(r.playing).toBe(false);
    // The same trace, event for event (the model is deterministic).
    expect(JSON.stringify(runEvents(r.run).map((e) => e.event))).toBe(
      JSON.stringify(runEvents(a.run).map((e) => e.event)),
    );
    expect(r.sessionLines).toEqual(['su alice', 'echo x > /etc/shadow']);
  });

  test('boots with the link’s build and command line before replaying, and clamps a step past the end', async () => {
    const reader = newStore();
    await restoreView(reader, { notBuilt: ['selinux'], lines: [] });
    expect(reader.getState().kernel.order).not.toContain('selinux');
    expect(reader.getState().kernel.order).toContain('smack');
    const out = await restoreView(reader, { cmdline: 'lsm=landlock,yama', lines: ['cat /etc/hostname'], step: 100000 });
    const s = reader.getState();
    expect(s.kernel.order).toEqual(['capability', 'landlock', 'yama', 'ima', 'evm']);
    // The engine booted with the same command line: lsm= leaves the user module out too.
    expect(s.loadResult?.order).toEqual(['capability', 'landlock', 'yama', 'ima', 'evm']);
    expect(out.stepClamped).toBe(true);
    expect(s.cursor).toBe(runEvents(s.run).length - 1);
  });

  test('a reboot boots the engine again, so the next line runs on the new stack', async () => {
    const store = newStore();
    await store.getState().runShellLine('cat /sys/kernel/security/lsm');
    const before = store.getState().terminal[0]!.output;
    store.getState().setCmdline('lsm=yama');
    store.getState().reboot();
    await store.getState().runShellLine('cat /sys/kernel/security/lsm');
    const after = store.getState().terminal[1]!.output;
    expect(before).toContain('selinux');
    expect(after).not.toContain('selinux');
    expect(after).toContain('yama');
  });
});
