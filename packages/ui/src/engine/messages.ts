// Messages between the page and the engine worker (beyond core's EngineRequest/EngineResponse).
import type { EngineRequest, EngineResponse } from '@lsm-playground/core';

export type WorkerInbound =
  | {
      readonly type: 'init';
      /** A SharedArrayBuffer the engine writes where user code is (when the page is cross-origin isolated). */
      readonly progress: SharedArrayBuffer | null;
      readonly timeLimitMs: number;
    }
  | { readonly type: 'request'; readonly request: EngineRequest };

export type WorkerOutbound =
  { readonly type: 'ready' } | { readonly type: 'response'; readonly response: EngineResponse };
