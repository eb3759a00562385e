// The module editor as the playground pages use it: wired to the store's engine.
import { usePlaygroundStore } from '../../store/PlaygroundProvider';
import { ModuleEditor } from '../ModuleEditor/ModuleEditor';

/** The editor wired to the engine: Run builds the modules and boots a kernel with them. */
export function EngineModuleEditor() {
  const store = usePlaygroundStore();
  return (
    <ModuleEditor onRun={() => void store.getState().loadModules()} onStep={() => store.getState().stepForward()} />
  );
}
