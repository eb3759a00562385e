// The page's side of the engine: one worker at a time, requests answered in order, and the
// watchdog. A request that is not answered in time ends the worker; any fault of user code does
// too. A fresh worker then reloads the last modules, so the next request finds a ready machine;
// nothing the user typed lives in the worker.
import {
  HOOK_NAMES,
  type EngineFault,
  type EngineRequest,
  type EngineResponse,
  type LoadOptions,
  type LogDelta,
} from '@lsm-playground/core';
import type { WorkerInbound, WorkerOutbound } from './messages';

/** The part of a Worker the client uses (tests pass an in-process stand-in). */
export interface WorkerLike {
  postMessage(m: WorkerInbound): void;
  terminate(): void;
  onmessage: ((e: { data: WorkerOutbound }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
}

export interface EngineClientOptions {
  readonly spawn: () => WorkerLike;
  /** How long user code may run inside the worker before its own guard reports a soft lockup. */
  readonly timeLimitMs?: number;
  /** The watchdog: how long a request may go unanswered before the worker is ended. */
  readonly watchdogMs?: number;
  /** Called when a worker was replaced (after a fault or the watchdog). */
  readonly onRestart?: (why: EngineFault) => void;
}

/** Requests without their id: the client numbers them. */
export type EngineCall = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface EngineReply {
  readonly response: EngineResponse;
  /** Set when this request faulted or hit the watchdog; the worker was replaced. */
  readonly fault: EngineFault | null;
  /** Milliseconds from send to answer. */
  readonly ms: number;
  /** After a fault: the kernel log of the fresh worker's reload (its boot lines), to append. */
  readonly reloadLog?: LogDelta;
}

export const DEFAULT_TIME_LIMIT_MS = 1000;
export const DEFAULT_WATCHDOG_MS = 1500;

export class EngineClient {
  private readonly opts: EngineClientOptions;
  private worker: WorkerLike | null = null;
  private progress: Int32Array | null = null;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private lastLoad: LoadOptions | null = null;
  private lsmNames: string[] = [];
  private lsmFiles: string[] = [];
  /** Workers started so far (the first included). */
  generation = 0;

  constructor(opts: EngineClientOptions) {
    this.opts = opts;
  }

  /** Sends a request after the previous ones; resolves with its answer (never rejects). */
  call(req: EngineCall): Promise<EngineReply> {
    const run = this.queue.then(() => this.send(req));
    this.queue = run.catch(() => undefined);
    return run;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private start(): WorkerLike {
    const w = this.opts.spawn();
    this.generation++;
    const sab =
      typeof SharedArrayBuffer !== 'undefined' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated
        ? new SharedArrayBuffer(5 * 4)
        : null;
    this.progress = sab ? new Int32Array(sab) : null;
    w.postMessage({ type: 'init', progress: sab, timeLimitMs: this.opts.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS });
    this.worker = w;
    return w;
  }

  private async send(req: EngineCall): Promise<EngineReply> {
    if (req.type === 'load') this.lastLoad = req.options;
    const t0 = performance.now();
    const reply = await this.exchange({ ...req, id: this.nextId++ } as EngineRequest);
    const fault = reply.fault;
    let reloadLog: LogDelta | undefined;
    if (fault) {
      // The worker's state is not to be trusted after a fault: replace it and reload.
      this.dispose();
      this.opts.onRestart?.(fault);
      if (this.lastLoad && req.type !== 'load') {
        const reload = await this.exchange({ type: 'load', options: this.lastLoad, id: this.nextId++ });
        if (reload.response.type === 'loaded') reloadLog = reload.response.log;
      }
    }
    if (reply.response.type === 'loaded') {
      this.lsmNames = reply.response.result.lsms.map((l) => l.name);
      this.lsmFiles = reply.response.result.lsms.map((l) => l.fileName);
    }
    return { ...reply, ms: performance.now() - t0, ...(reloadLog ? { reloadLog } : {}) };
  }

  private exchange(req: EngineRequest): Promise<Omit<EngineReply, 'ms'>> {
    const w = this.worker ?? this.start();
    return new Promise((resolve) => {
      let done = false;
      const finish = (r: Omit<EngineReply, 'ms'>) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        w.onmessage = null;
        w.onerror = null;
        resolve(r);
      };
      const timer = setTimeout(() => {
        const fault = this.watchdogFault();
        w.terminate();
        if (this.worker === w) this.worker = null;
        finish({ response: { id: req.id, type: 'error', message: fault.message }, fault });
      }, this.timeoutFor(req));
      w.onmessage = (e) => {
        const m = e.data;
        if (m.type !== 'response' || m.response.id !== req.id) return;
        const r = m.response;
        const fault = 'fault' in r ? r.fault : r.type === 'loaded' ? r.result.fault : null;
        finish({ response: r, fault: fault ?? null });
      };
      w.onerror = (e) => {
        w.terminate();
        if (this.worker === w) this.worker = null;
        const fault: EngineFault = {
          kind: 'panic',
          lsm: '',
          hook: '',
          fileName: '',
          line: 0,
          column: 0,
          message: `the engine worker failed: ${e.message ?? 'unknown error'}`,
          report: [],
        };
        finish({ response: { id: req.id, type: 'error', message: fault.message }, fault });
      };
      w.postMessage({ type: 'request', request: req });
    });
  }

  /** A load may wait for the worker's first start (fetching its code); user code is guarded anyway. */
  private timeoutFor(req: EngineRequest): number {
    const ms = this.opts.watchdogMs ?? DEFAULT_WATCHDOG_MS;
    return req.type === 'load' ? Math.max(ms, 15_000) : ms;
  }

  /** What the watchdog can say about a worker that stopped answering, from the progress array. */
  private watchdogFault(): EngineFault {
    const p = this.progress;
    const inUser = p && p[0] === 1;
    const lsm = inUser ? (this.lsmNames[p[1]!] ?? '') : '';
    const hook = inUser ? (HOOK_NAMES[p[2]!] ?? '') : '';
    const line = inUser ? p[3]! : 0;
    const fileName = inUser ? (this.lsmFiles[p[1]!] ?? '') : '';
    const secs = Math.round((this.opts.watchdogMs ?? DEFAULT_WATCHDOG_MS) / 100) / 10;
    const where = lsm ? `${lsm}${hook ? `::${hook}` : ''}${line ? ` (${fileName}:${line})` : ''}` : 'the engine';
    return {
      kind: 'softlockup',
      lsm,
      hook,
      fileName,
      line,
      column: 0,
      message: `the watchdog ended the engine: ${where} did not answer for ${secs} s`,
      report: [
        `watchdog: BUG: soft lockup - CPU#0 stuck for 22s!`,
        `RIP: 0010:${where}`,
        'The engine worker was ended and a fresh one started; the trace of this command is lost.',
      ],
    };
  }
}
