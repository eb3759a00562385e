// The playground's root: one store per instance, the page landmarks and the panel layout.
import { lazy, useRef } from 'react';
import { LazyPart } from '../LazyPart/LazyPart';
import { PlaygroundProvider, usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import type { BootInputs } from '../../store/bootSlice';
import type { PlaygroundStore } from '../../store/createPlaygroundStore';
import { BlobSizes } from '../BlobSizes/BlobSizes';
import { BootLog } from '../BootLog/BootLog';
import { BootPanel } from '../BootPanel/BootPanel';
import { ModuleStatus } from '../ModuleStatus/ModuleStatus';
import { Terminal } from '../Terminal/Terminal';
import { TraceView } from '../TraceView/TraceView';
import { HookMatrix } from '../HookMatrix/HookMatrix';
import { LogView } from '../LogView/LogView';
import { WorldView } from '../WorldView/WorldView';
import { SecurityfsView } from '../SecurityfsView/SecurityfsView';
import { StackView } from '../StackView/StackView';
import { DisplaySwitch } from '../DisplaySwitch/DisplaySwitch';
import { useShareLink } from '../../share/useShareLink';
import { SharePanel } from '../SharePanel/SharePanel';
import { usePageShortcuts } from './usePageShortcuts';
import { EngineModuleEditor } from './EngineModuleEditor';
import { useDisplayAndMotion } from './useDisplayAndMotion';
import type { EmbedOptions } from '../../share/embedOptions';
import { MomentsPanel } from '../Presentation/MomentsPanel';
import { usePresentationKeys } from '../Presentation/usePresentationKeys';
import { LearnButton, LearnPanel } from '../Learn/LearnEntry';
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
  /** Render the embed (an iframe's minimal page) of the state in the URL fragment instead of the full page. */
  readonly embed?: EmbedOptions | null;
}

// Fetched after the first paint (the page is usable without them): the gallery's thirteen example
// states, and the embed page, which only an iframe's URL asks for.
const ExamplesMenu = lazy(() => import('../SharePanel/ExamplesMenu').then((m) => ({ default: m.ExamplesMenu })));
const EmbedPage = lazy(() => import('../EmbedPage/EmbedPage').then((m) => ({ default: m.EmbedPage })));

// Fetched after the first paint too: the Export menu (its exporters load on the first export), and
// what appears only on request: the presentation bar and the keyboard help.
const ExportMenu = lazy(() => import('../ExportMenu/ExportMenu').then((m) => ({ default: m.ExportMenu })));
const PresentBar = lazy(() => import('../Presentation/PresentBar').then((m) => ({ default: m.PresentBar })));
const KeyboardHelp = lazy(() => import('../KeyboardHelp/KeyboardHelp').then((m) => ({ default: m.KeyboardHelp })));

const ExpectationsPanel = lazy(() =>
  import('../Expectations/ExpectationsPanel').then((m) => ({ default: m.ExpectationsPanel })),
);

/** The Export menu's button as it looks while the menu loads. */
function ExportPlaceholder() {
  return (
    <button type="button" className="btn popover-menu__button" disabled>
      Export
    </button>
  );
}

/** The keyboard help, from the first time it is asked for (`?`) on. */
function KeyboardHelpOnRequest() {
  const open = usePlayground((s) => s.helpOpen);
  const asked = useRef(false);
  if (open) asked.current = true;
  if (!asked.current) return null;
  return (
    <LazyPart name="the keyboard help">
      <KeyboardHelp />
    </LazyPart>
  );
}

/** The Examples menu as it looks while its list loads. */
function ExamplesPlaceholder() {
  return (
    <div className="examples">
      <select className="control" disabled aria-label="Examples" value="">
        <option value="">Examples…</option>
      </select>
    </div>
  );
}

/** Renders a complete playground instance with its own store. */
export function Playground({ store, initial, syncUrl = false, shortcuts = true, embed = null }: PlaygroundProps) {
  return (
    <PlaygroundProvider {...(store ? { store } : {})} {...(initial ? { initial } : {})}>
      {embed ? (
        <LazyPart name="the embedded playground">
          <EmbedPage options={embed} shortcuts={shortcuts} />
        </LazyPart>
      ) : (
        <PlaygroundPage syncUrl={syncUrl} shortcuts={shortcuts} />
      )}
    </PlaygroundProvider>
  );
}

function PlaygroundPage({ syncUrl, shortcuts }: { syncUrl: boolean; shortcuts: boolean }) {
  const store = usePlaygroundStore();
  const root = useRef<HTMLDivElement>(null);
  const display = usePlayground((s) => s.display);
  const presenting = usePlayground((s) => s.presenting);
  usePageShortcuts(root, store, shortcuts);
  usePresentationKeys(root, store, presenting);
  const share = useShareLink(store, syncUrl);
  const linkNotice = share.notice;
  const dismissLinkNotice = share.dismiss;

  useDisplayAndMotion(root, store, display);

  return (
    <div className={`playground${presenting ? ' playground--presenting' : ''}`} ref={root}>
      {presenting && (
        <LazyPart name="the presentation bar">
          <PresentBar />
        </LazyPart>
      )}
      <header className="playground__header">
        <h1 className="playground__title">
          <span className="playground__logo" aria-hidden="true" />
          LSM Playground
        </h1>
        <p className="playground__tagline">A model of the Linux security module framework, booted in your browser.</p>
        {syncUrl && (
          <LazyPart name="the examples menu" fallback={<ExamplesPlaceholder />}>
            <ExamplesMenu />
          </LazyPart>
        )}
        {syncUrl && <SharePanel />}
        <DisplaySwitch />
        <LazyPart name="the Export menu" fallback={<ExportPlaceholder />}>
          <ExportMenu />
        </LazyPart>
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
          <MomentsPanel />
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
      <KeyboardHelpOnRequest />
    </div>
  );
}

/** Beside the trace: the expectations; in a lesson its goals are in the lesson view instead. */
function TraceSideExpectations() {
  const inLesson = usePlayground((s) => s.lesson !== null);
  return inLesson ? null : (
    <LazyPart name="the expectations panel">
      <ExpectationsPanel />
    </LazyPart>
  );
}
