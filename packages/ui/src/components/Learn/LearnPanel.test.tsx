// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LESSONS, type Lesson } from '@lsm-playground/core';
import { inProcessWorker } from '../../engine/inProcess';
import { LESSONS_KEY, readProgress } from '../../learn/progress';
import { decodeShareLink, encodeShareLink } from '../../share/codec';
import { captureShareState, applyShareState } from '../../share/applyShare';
import { validateShareState } from '../../share/shareState';
import { createPlaygroundStore } from '../../store/createPlaygroundStore';
import { Playground } from '../Playground/Playground';
import { MarkdownParagraph } from './Markdown';

afterEach(cleanup);
beforeEach(() => localStorage.clear());

const FIRST = LESSONS[0]!;
const solutionSource = FIRST.solution.files![0]!.source;

function setup() {
  const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
  render(<Playground store={store} />);
  return store;
}

async function openFirst(store: ReturnType<typeof setup>) {
  fireEvent.click(screen.getByRole('button', { name: 'Learn' }));
  // The learn views are fetched when learn mode first opens (a lazy chunk).
  const track = await screen.findByRole('list', { name: 'Lesson track' });
  fireEvent.click(within(track).getByRole('button', { name: new RegExp(FIRST.title.replace(/[?]/g, '\\?')) }));
  const view = await screen.findByRole('region', { name: FIRST.title });
  const goals = within(view).getByRole('region', { name: 'Goals' });
  await waitFor(() => expect(within(goals).getByText(/of 3 pass/)).toBeTruthy());
  return { view, goals, store };
}

describe('learn mode', () => {
  it('opens the first lesson failing, completes it with the person’s own code, and keeps the progress', async () => {
    const store = setup();
    const { view, goals } = await openFirst(store);
    // The start state is the lesson's: its module in the editor, its line run, its goals failing.
    expect(store.getState().modules.map((m) => m.fileName)).toEqual(['first_hook.ts']);
    expect(store.getState().sessionLines).toEqual(['cat /etc/hostname']);
    expect(within(goals).getByText('2 of 3 pass')).toBeTruthy();
    expect(within(view).queryByRole('status')).toBeNull();
    // The kernel-source links open in a new tab without access to the page.
    const link = within(view).getByRole('link', { name: FIRST.links[0]!.title });
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    // Hints, one at a time.
    fireEvent.click(within(view).getByRole('button', { name: /Show a hint \(3 left\)/ }));
    expect(within(view).getByRole('list', { name: 'Hints' }).children).toHaveLength(1);
    fireEvent.click(within(view).getByRole('button', { name: /Show another hint \(2 left\)/ }));
    expect(within(view).getByRole('list', { name: 'Hints' }).children).toHaveLength(2);
    // The person writes the fix and runs: every goal passes, the lesson is complete.
    store.getState().setSource('first_hook.ts', solutionSource.replace('// Your', '// My'));
    fireEvent.click(within(view).getByRole('button', { name: 'Run and check' }));
    await waitFor(() => expect(within(goals).getByText('3 of 3 pass')).toBeTruthy());
    expect(within(view).getByRole('status').textContent).toMatch(/lesson complete/);
    expect(within(view).getByLabelText('Complete')).toBeTruthy();
    expect(readProgress().completed).toEqual([FIRST.id]);
    expect(readProgress().work[FIRST.id]!.files[0]!.source).toContain('// My');
    // A fresh page (a reload) finds the progress, and the track shows it.
    cleanup();
    const again = setup();
    expect(again.getState().lessonProgress.completed).toEqual([FIRST.id]);
    fireEvent.click(screen.getByRole('button', { name: 'Learn' }));
    expect(screen.getByText(`1 of ${LESSONS.length} complete · your progress stays in this browser`)).toBeTruthy();
    expect(screen.getByRole('button', { name: /\(complete\)/ }).textContent).toContain(FIRST.title);
    // Opening the lesson again brings the person's own code back.
    fireEvent.click(screen.getByRole('button', { name: /\(complete\)/ }));
    await waitFor(() => expect(again.getState().modules[0]?.source).toContain('// My'));
  });

  it('Show solution asks first, keeps the person’s work, and Restore brings it back; it does not complete the lesson', async () => {
    const store = setup();
    const { view, goals } = await openFirst(store);
    store.getState().setSource('first_hook.ts', '// my half-done work\n' + FIRST.start.files[0]!.source);
    const confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    window.confirm = confirm;
    fireEvent.click(within(view).getByRole('button', { name: 'Show solution' }));
    expect(store.getState().modules[0]!.source).toContain('my half-done work');
    fireEvent.click(within(view).getByRole('button', { name: 'Show solution' }));
    await waitFor(() => expect(store.getState().modules[0]!.source).toBe(solutionSource));
    await waitFor(() => expect(within(goals).getByText('3 of 3 pass')).toBeTruthy());
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(store.getState().lessonProgress.completed).toEqual([]);
    fireEvent.click(within(view).getByRole('button', { name: 'Restore my work' }));
    await waitFor(() => expect(store.getState().modules[0]!.source).toContain('my half-done work'));
    // Reset: the start again, the work kept once more.
    fireEvent.click(within(view).getByRole('button', { name: 'Reset lesson' }));
    await waitFor(() => expect(store.getState().modules[0]!.source).toBe(FIRST.start.files[0]!.source));
    expect(store.getState().lessonProgress.kept[FIRST.id]!.files[0]!.source).toContain('my half-done work');
  });

  it('corrupt progress in storage is ignored', async () => {
    localStorage.setItem(LESSONS_KEY, '{not json');
    expect(readProgress()).toEqual({ completed: [], work: {}, kept: {} });
    localStorage.setItem(LESSONS_KEY, JSON.stringify({ completed: 'all', work: { x: { files: 3 } }, kept: [] }));
    expect(readProgress()).toEqual({ completed: [], work: {}, kept: {} });
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Learn' }));
    expect(
      await screen.findByText(`0 of ${LESSONS.length} complete · your progress stays in this browser`),
    ).toBeTruthy();
  });

  it('a teacher’s lesson travels in a share link and opens as the lesson', async () => {
    const mine: Lesson = { ...FIRST, id: 'teachers-own', title: 'A lesson of my own' };
    const store = setup();
    const state = {
      ...captureShareState(store.getState()),
      files: FIRST.start.files,
      activeFile: 'first_hook.ts',
      lesson: mine,
      lines: ['cat /etc/hostname'],
    };
    const back = await decodeShareLink(await encodeShareLink(validateShareState(state)));
    expect(back?.lesson).toEqual(mine);
    await applyShareState(store, back!);
    const view = await screen.findByRole('region', { name: 'A lesson of my own' });
    expect(within(view).getByText('A shared lesson')).toBeTruthy();
    await waitFor(() => expect(within(view).getByText('2 of 3 pass')).toBeTruthy());
    // An invalid lesson is refused with the place of the problem.
    expect(() => validateShareState({ ...state, lesson: { ...mine, goals: 'none' } })).toThrow(/the lesson: goals/);
  });
});

describe('lesson Markdown', () => {
  it('renders code, bold, lists and links, and shows HTML as text', () => {
    const { container } = render(
      <MarkdownParagraph
        text={
          'Call `security_file_open()` **first**, see [open.c](https://elixir.bootlin.com/x) and [bad](javascript:alert(1)) <img src=x onerror=alert(1)>\n- one\n- two'
        }
      />,
    );
    expect(container.querySelector('code')!.textContent).toBe('security_file_open()');
    expect(container.querySelector('strong')!.textContent).toBe('first');
    const links = container.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('https://elixir.bootlin.com/x');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(container.textContent).toContain('bad');
    expect([...container.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['one', 'two']);
  });
});
