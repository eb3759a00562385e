// An in-process stand-in for the engine worker: the same EngineSession and handleEngineRequest,
// answered asynchronously. For component tests (happy-dom has no workers); never used by the app.
import { Engine, EngineSession, handleEngineRequest } from '@lsm-playground/core';
import '@lsm-playground/core/models';
import type { WorkerLike } from './client';
import type { WorkerInbound, WorkerOutbound } from './messages';

export function inProcessWorker(): WorkerLike {
  let session: EngineSession | null = null;
  let ended = false;
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    terminate: () => {
      ended = true;
    },
    postMessage: (m: WorkerInbound) => {
      const reply = (out: WorkerOutbound) =>
        void Promise.resolve().then(() => {
          if (!ended) w.onmessage?.({ data: out });
        });
      if (m.type === 'init') {
        session = new EngineSession(new Engine({ timeLimitMs: m.timeLimitMs }));
        reply({ type: 'ready' });
      } else if (session) {
        reply({ type: 'response', response: handleEngineRequest(session, m.request) });
      }
    },
  };
  return w;
}
