// The real engine worker, as Vite bundles it (an ES module worker from our own origin).
import type { WorkerLike } from './client';

export function spawnEngineWorker(): WorkerLike {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'lsm-engine',
  }) as unknown as WorkerLike;
}
