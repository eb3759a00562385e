// The module editor as the playground pages use it: wired to the store's engine.
import { usePlaygroundStore } from '../../store/PlaygroundProvider';
import { ModuleEditor } from '../ModuleEditor/ModuleEditor';
import { runAction } from '../../learn/openLesson';

/** The editor wired to the engine: Run builds the modules and boots a kernel with them (in a lesson, and replays its lines). */
export function EngineModuleEditor() {
  const store = usePlaygroundStore();
  return <ModuleEditor onRun={() => runAction(store)} onStep={() => store.getState().stepForward()} />;
}
