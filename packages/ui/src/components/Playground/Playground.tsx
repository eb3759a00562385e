// The playground's root: one store per instance, the page landmarks and the panel layout.
import { useEffect, useRef } from 'react';
import { PlaygroundProvider, usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import type { BootInputs } from '../../store/bootSlice';
import type { PlaygroundStore } from '../../store/createPlaygroundStore';
import { BlobSizes } from '../BlobSizes/BlobSizes';
import { BootLog } from '../BootLog/BootLog';
import { BootPanel } from '../BootPanel/BootPanel';
import { ModuleEditor } from '../ModuleEditor/ModuleEditor';
import { ModuleStatus } from '../ModuleStatus/ModuleStatus';
import { Terminal } from '../Terminal/Terminal';
import { TraceView } from '../TraceView/TraceView';
import { HookMatrix } from '../HookMatrix/HookMatrix';
import { LogView } from '../LogView/LogView';
import { WorldView } from '../WorldView/WorldView';
import { SecurityfsView } from '../SecurityfsView/SecurityfsView';
import { StackView } from '../StackView/StackView';
import { DisplaySwitch } from '../DisplaySwitch/DisplaySwitch';
import { KeyboardHelp } from '../KeyboardHelp/KeyboardHelp';
import { useShareLink } from '../../share/useShareLink';
import { SharePanel } from '../SharePanel/SharePanel';
import { ExamplesMenu } from '../SharePanel/ExamplesMenu';
import { usePageShortcuts } from './usePageShortcuts';
import { ExpectationsPanel } from '../Expectations/ExpectationsPanel';
import { LearnButton, LearnPanel } from '../Learn/LearnPanel';
import { runAction } from '../../learn/openLesson';
import '../../styles/theme.css';
import './Playground.css';

export interface PlaygroundProps {
  /** An existing store; by default each Playground creates its own. */
  readonly store?: PlaygroundStore;
  /** Boot inputs of the store the Playground creates. */
  readonly initial?: Partial<BootInputs>;
  /** Keep the URL fragment in step with the view and open the view a fragment describes (the app's page). */
  readonly syncUrl?: boolean;
  /** Install the page's keyboard shortcuts on the document (default: on). */
  readonly shortcuts?: boolean;
}

/** Renders a complete playground instance with its own store. */
export function Playground({ store, initial, syncUrl = false, shortcuts = true }: PlaygroundProps) {
  return (
    <PlaygroundProvider {...(store ? { store } : {})} {...(initial ? { initial } : {})}>
      <PlaygroundPage syncUrl={syncUrl} shortcuts={shortcuts} />
    </PlaygroundProvider>
  );
}

function PlaygroundPage({ syncUrl, shortcuts }: { syncUrl: boolean; shortcuts: boolean }) {
  const store = usePlaygroundStore();
  const root = useRef<HTMLDivElement>(null);
  const display = usePlayground((s) => s.display);
  usePageShortcuts(root, store, shortcuts);
  const share = useShareLink(store, syncUrl);
  const linkNotice = share.notice;
  const dismissLinkNotice = share.dismiss;

  // The display sets the page's palette and root font size (rem units scale the whole page).
  useEffect(() => {
    const html = root.current?.ownerDocument.documentElement;
    if (!html) return;
    html.dataset.display = display;
    html.dataset.theme = display === 'light' ? 'light' : 'dark';
  }, [display]);

  // prefers-reduced-motion: a new run opens at its end instead of playing.
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia('(prefers-reduced-motion: reduce)');
    const apply = () => store.getState().setAutoPlay(!query.matches);
    apply();
    query.addEventListener?.('change', apply);
    return () => query.removeEventListener?.('change', apply);
  }, [store]);

  return (
    <div className="playground" ref={root}>
      <header className="playground__header">
        <h1 className="playground__title">
          <span className="playground__logo" aria-hidden="true" />
          LSM Playground
        </h1>
        <p className="playground__tagline">A model of the Linux security module framework, booted in your browser.</p>
        {syncUrl && <ExamplesMenu />}
        {syncUrl && <SharePanel />}
        <DisplaySwitch />
        <LearnButton />
      </header>
      {share.choice && (
        <div className="playground__notice playground__notice--info" role="alert">
          <span>
            This link opens a different setup from the work saved in this browser
            {share.choice.savedAt ? ` (saved ${new Date(share.choice.savedAt).toLocaleString()})` : ''}. Which one?
          </span>
          <button type="button" className="btn btn--primary" onClick={share.openLink}>
            Open the link
          </button>
          <button type="button" className="btn" onClick={share.keepWork}>
            Keep my work
          </button>
        </div>
      )}
      {linkNotice && (
        <div className={`playground__notice playground__notice--${linkNotice.tone}`} role="alert">
          <span>{linkNotice.text}</span>
          <button type="button" className="btn" onClick={dismissLinkNotice}>
            Dismiss
          </button>
        </div>
      )}
      <LearnPanel />
      <main className="playground__main">
        <div className="playground__boot">
          <BootPanel />
        </div>
        <div className="playground__editor">
          <EngineModuleEditor />
        </div>
        <div className="playground__engine">
          <ModuleStatus />
          <Terminal />
          <TraceView />
          <TraceSideExpectations />
          <LogView />
          <HookMatrix />
          <WorldView />
        </div>
        <div className="playground__stack">
          <StackView />
        </div>
        <div className="playground__side">
          <SecurityfsView />
          <BlobSizes />
        </div>
        <div className="playground__log">
          <BootLog />
        </div>
      </main>
      <KeyboardHelp />
    </div>
  );
}

/** Beside the trace: the expectations; in a lesson its goals are in the lesson view instead. */
function TraceSideExpectations() {
  const inLesson = usePlayground((s) => s.lesson !== null);
  return inLesson ? null : <ExpectationsPanel />;
}

/** The editor wired to the engine: Run builds the modules and boots a kernel with them. */
function EngineModuleEditor() {
  const store = usePlaygroundStore();
  return <ModuleEditor onRun={() => runAction(store)} onStep={() => store.getState().stepForward()} />;
}
