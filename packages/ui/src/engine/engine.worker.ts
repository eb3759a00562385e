// The engine worker: the kernel model, the in-tree LSM models and the user's modules run here,
// together; a hook call is a function call. The page only sends requests and gets whole results
// back (simulate, then replay). The main thread's watchdog ends this worker if it stops answering.
import { Engine, EngineSession, handleEngineRequest, type EngineRequest } from '@lsm-playground/core';
import '@lsm-playground/core/models';
import type { WorkerInbound, WorkerOutbound } from './messages';

// No network from here: user code runs in this global scope (and the page's CSP forbids other
// origins anyway). Removed before any module is evaluated.
for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'WebTransport']) {
  try {
    Object.defineProperty(globalThis, name, { value: undefined, configurable: false, writable: false });
  } catch {
    // Not present in this browser.
  }
}

const post = (m: WorkerOutbound) => (self as unknown as Worker).postMessage(m);
let session: EngineSession | null = null;

self.onmessage = (e: MessageEvent<WorkerInbound>) => {
  const msg = e.data;
  if (msg.type === 'init') {
    const progress = msg.progress ? new Int32Array(msg.progress) : undefined;
    session = new EngineSession(
      new Engine({
        now: () => performance.now(),
        timeLimitMs: msg.timeLimitMs,
        ...(progress ? { progress } : {}),
      }),
    );
    post({ type: 'ready' });
    return;
  }
  if (!session) return;
  post({ type: 'response', response: handleEngineRequest(session, msg.request as EngineRequest) });
};
