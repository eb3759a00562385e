import { describe, expect, test } from 'vitest';
import { inProcessWorker } from '../engine/inProcess';
import { applyShareState, captureShareState } from '../share/applyShare';
import { decodeShareLink, encodeShareLink } from '../share/codec';
import { createPlaygroundStore, type PlaygroundStore } from './createPlaygroundStore';
import { runEvents } from './traceSlice';

const newStore = () => createPlaygroundStore({}, { spawnEngine: inProcessWorker });

/** A session of three lines with a moment bookmarked in each (steps 2, 5 and 1). */
async function prepared(): Promise<PlaygroundStore> {
  const store = newStore();
  const s = () => store.getState();
  await s().runShellLine('cat /etc/passwd', { play: false });
  s().seek(2);
  expect(s().addBookmark()).toBe(true);
  await s().runShellLine('cat /etc/hostname', { play: false });
  s().seek(5);
  expect(s().addBookmark()).toBe(true);
  await s().runShellLine('echo x > /etc/shadow', { play: false });
  s().seek(1);
  expect(s().addBookmark()).toBe(true);
  s().seek(4);
  return store;
}

describe('bookmarked moments', () => {
  test('a moment is the cursor in the last line’s run; kept sorted, never twice, and only with a run', async () => {
    const store = newStore();
    expect(store.getState().addBookmark()).toBe(false);
    await store.getState().runShellLine('cat /etc/passwd', { play: false });
    store.getState().seek(3);
    expect(store.getState().addBookmark()).toBe(true);
    expect(store.getState().addBookmark()).toBe(false);
    store.getState().seek(1);
    store.getState().addBookmark();
    expect(store.getState().bookmarks).toEqual([
      { line: 0, step: 1 },
      { line: 0, step: 3 },
    ]);
    store.getState().removeBookmark(0);
    expect(store.getState().bookmarks).toEqual([{ line: 0, step: 3 }]);
  });

  test('after a line without syscalls, the moment is in the run on screen: its own line, not the last', async () => {
    const store = newStore();
    const s = () => store.getState();
    await s().runShellLine('cat /etc/passwd', { play: false });
    await s().runShellLine('pwd', { play: false });
    expect(s().sessionLines).toEqual(['cat /etc/passwd', 'pwd']);
    expect(s().run?.line).toBe('cat /etc/passwd');
    s().seek(2);
    expect(s().addBookmark()).toBe(true);
    expect(s().bookmarks).toEqual([{ line: 0, step: 2 }]);
    // Shown again from the link, the moment is the same event of the same run.
    const event = runEvents(s().run)[2]!.event;
    const reader = newStore();
    await applyShareState(reader, captureShareState(s()));
    await reader.getState().goToMoment(0);
    await reader.getState().startPresenting();
    expect(reader.getState().run?.line).toBe('cat /etc/passwd');
    expect(runEvents(reader.getState().run)[reader.getState().cursor]!.event).toEqual(event);
    await reader.getState().stopPresenting();
  });

  test('a run left on screen from before a reboot is not a moment of the new session', async () => {
    const store = newStore();
    const s = () => store.getState();
    await s().runShellLine('cat /etc/passwd', { play: false });
    await s().loadModules();
    await s().runShellLine('pwd', { play: false });
    expect(s().run?.line).toBe('cat /etc/passwd');
    expect(s().addBookmark()).toBe(false);
    expect(s().bookmarks).toEqual([]);
  });

  test('travel in the share link and come back in a fresh store', async () => {
    const author = await prepared();
    const state = captureShareState(author.getState());
    expect(state.bookmarks).toEqual([
      { line: 0, step: 2 },
      { line: 1, step: 5 },
      { line: 2, step: 1 },
    ]);
    const reader = newStore();
    await applyShareState(reader, (await decodeShareLink(await encodeShareLink(state)))!);
    expect(reader.getState().bookmarks).toEqual(state.bookmarks);
    expect(captureShareState(reader.getState())).toEqual(state);
  });

  test('a reboot that clears the session clears its moments; a link without moments has no field', async () => {
    const store = await prepared();
    await store.getState().loadModules();
    expect(store.getState().bookmarks).toEqual([]);
    expect('bookmarks' in captureShareState(store.getState())).toBe(false);
  });
});

describe('presenting', () => {
  test('steps through the moments in order, re-running lines, and puts the work back at the end', async () => {
    const store = await prepared();
    const s = () => store.getState();
    const before = captureShareState(s());
    // The trace each moment shows is the one the author saw: record it per line.
    const runOf = new Map<number, string>();
    {
      const probe = newStore();
      for (const [i, line] of before.lines.entries()) {
        await probe.getState().runShellLine(line, { play: false });
        runOf.set(i, JSON.stringify(runEvents(probe.getState().run).map((e) => e.event)));
      }
    }
    const at = () => ({
      moment: s().moment,
      lines: s().sessionLines.length,
      cursor: s().cursor,
      run: JSON.stringify(runEvents(s().run).map((e) => e.event)),
    });

    const started = s().startPresenting();
    expect(s().presenting).toBe(true);
    expect(s().display).toBe('projector');
    await started;
    expect(at()).toEqual({ moment: 0, lines: 1, cursor: 2, run: runOf.get(0) });
    await s().nextMoment();
    expect(at()).toEqual({ moment: 1, lines: 2, cursor: 5, run: runOf.get(1) });
    await s().nextMoment();
    expect(at()).toEqual({ moment: 2, lines: 3, cursor: 1, run: runOf.get(2) });
    // Past the last moment it stays; back goes to the earlier line (a fresh boot and replay).
    s().nextMoment();
    expect(s().moment).toBe(2);
    await s().previousMoment();
    expect(at()).toEqual({ moment: 1, lines: 2, cursor: 5, run: runOf.get(1) });
    expect(s().terminal.map((t) => t.line)).toEqual(['cat /etc/passwd', 'cat /etc/hostname']);
    // Meanwhile the deck is the work the page links to.
    expect(s().deck).toEqual(before);

    await s().stopPresenting();
    expect(s().presenting).toBe(false);
    expect(s().deck).toBeNull();
    expect(s().display).toBe('dark');
    expect(captureShareState(s())).toEqual(before);
  });

  test('two quick presses land on the second moment', async () => {
    const store = await prepared();
    const s = () => store.getState();
    void s().startPresenting();
    void s().nextMoment();
    const last = s().nextMoment();
    expect(s().moment).toBe(2);
    await last;
    expect(s().sessionLines.length).toBe(3);
    expect(s().cursor).toBe(1);
    await s().stopPresenting();
  });

  test('without moments, presenting only changes the display', async () => {
    const store = newStore();
    await store.getState().startPresenting();
    expect(store.getState().moment).toBe(-1);
    await store.getState().nextMoment();
    expect(store.getState().moment).toBe(-1);
    await store.getState().stopPresenting();
    expect(store.getState().engineStatus).toBe('idle');
  });
});
