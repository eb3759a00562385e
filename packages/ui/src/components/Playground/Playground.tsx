// The playground's root: one store per instance, the page landmarks and the panel layout.
import { PlaygroundProvider, usePlaygroundStore } from '../../store/PlaygroundProvider';
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
import '../../styles/theme.css';
import './Playground.css';

export interface PlaygroundProps {
  /** An existing store; by default each Playground creates its own. */
  readonly store?: PlaygroundStore;
  /** Boot inputs of the store the Playground creates. */
  readonly initial?: Partial<BootInputs>;
}

/** Renders a complete playground instance with its own store. */
export function Playground({ store, initial }: PlaygroundProps) {
  return (
    <PlaygroundProvider {...(store ? { store } : {})} {...(initial ? { initial } : {})}>
      <div className="playground">
        <header className="playground__header">
          <h1 className="playground__title">
            <span className="playground__logo" aria-hidden="true" />
            LSM Playground
          </h1>
          <p className="playground__tagline">A model of the Linux security module framework, booted in your browser.</p>
        </header>
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
      </div>
    </PlaygroundProvider>
  );
}

/** The editor wired to the engine: Run builds the modules and boots a kernel with them. */
function EngineModuleEditor() {
  const store = usePlaygroundStore();
  return (
    <ModuleEditor onRun={() => void store.getState().loadModules()} onStep={() => store.getState().stepForward()} />
  );
}
