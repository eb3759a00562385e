// Opening a link: boot with its inputs, replay its shell lines in a fresh engine, open the trace at
// its step. The lines run one after another, as the author ran them; the last one's trace is shown
// at the step, not played.
import type { PlaygroundStore } from '../store/createPlaygroundStore';
import { runEvents } from '../store/traceSlice';
import type { ViewUrlState } from './viewUrl';

/** What a restore did, for the page to report: how many lines ran and where the trace stands. */
export interface RestoreOutcome {
  readonly linesRun: number;
  /** Set when the link's step is past the end of the run (the trace is shown at its end). */
  readonly stepClamped: boolean;
  /** Set when a line faulted, so the lines after it were not replayed. */
  readonly stoppedAt: number | null;
}

export async function restoreView(store: PlaygroundStore, view: ViewUrlState): Promise<RestoreOutcome> {
  const s = store.getState();
  if (view.kernelVersion) s.setKernelVersion(view.kernelVersion);
  if (view.configLsm !== undefined) s.setConfigLsm(view.configLsm);
  if (view.cmdline !== undefined) s.setCmdline(view.cmdline);
  for (const name of view.notBuilt ?? []) s.setBuilt(name, false);
  if (view.kernelVersion || view.configLsm !== undefined || view.cmdline !== undefined || view.notBuilt) s.reboot();
  if (view.lines.length === 0) return { linesRun: 0, stepClamped: false, stoppedAt: null };
  const loaded = await store.getState().loadModules();
  if (!loaded?.ok) return { linesRun: 0, stepClamped: false, stoppedAt: 0 };
  let linesRun = 0;
  for (const line of view.lines) {
    await store.getState().runShellLine(line, { play: false });
    linesRun++;
    if (store.getState().lastFault) return { linesRun, stepClamped: false, stoppedAt: linesRun - 1 };
  }
  const last = runEvents(store.getState().run).length - 1;
  const step = view.step ?? last;
  store.getState().seek(Math.min(step, last));
  return { linesRun, stepClamped: step > last, stoppedAt: null };
}
