// One line of text per trace event, as the replay view shows it. Presentation only: every fact
// comes from the event the engine recorded.
import type { ArgSummary, TraceEvent } from '@lsm-playground/core';

function arg(a: ArgSummary): string {
  switch (a.kind) {
    case 'null':
      return 'NULL';
    case 'number':
    case 'bigint':
      return String(a.value);
    case 'string':
      return JSON.stringify(a.value);
    case 'bool':
      return String(a.value);
    case 'struct':
      return `${a.struct}@${a.addr.toString(16)}`;
    case 'ref':
      return '&out';
    case 'other':
      return '…';
  }
}

export type EventTone = 'enter' | 'exit' | 'allow' | 'deny' | 'default' | 'neutral' | 'log' | 'fault';

export function describeEvent(e: TraceEvent): { text: string; tone: EventTone } {
  switch (e.type) {
    case 'syscall_enter':
      return { text: `${e.comm}[${e.pid}] → ${e.name}(${e.args.join(', ')})`, tone: 'enter' };
    case 'syscall_exit':
      return {
        text: `← ${e.name} = ${e.ret}${e.errno ? ` ${e.errno}` : ''}`,
        tone: e.ret < 0 ? 'deny' : 'exit',
      };
    case 'kfunc':
      return { text: `${e.fn}()${e.note ? `  ${e.note}` : ''}`, tone: 'neutral' };
    case 'dac':
      return {
        text: `DAC ${e.fn}(${e.path}, ${e.mask}) = ${e.rc}${e.reason ? `: ${e.reason}` : ''}`,
        tone: e.rc < 0 ? 'deny' : 'allow',
      };
    case 'hook_enter':
      return {
        text: `security_${e.hook}(${e.args.map(arg).join(', ')})  ${e.dispatch}, head: ${e.head.join(' → ') || '(empty)'}`,
        tone: 'enter',
      };
    case 'lsm_call':
      return { text: `${e.lsm}_${e.hook}()`, tone: 'neutral' };
    case 'lsm_return':
      return {
        text: `${e.lsm} → ${e.rc === null ? 'void' : e.rc}${e.errno ? ` ${e.errno}` : ''} (${e.verdict})${e.simplified ? ' · simplified model' : ''}`,
        tone: e.verdict === 'deny' ? 'deny' : e.verdict === 'allow' ? 'allow' : 'default',
      };
    case 'short_circuit':
      return {
        text: `short-circuit after ${e.lsm}: ${e.skipped.length > 0 ? `${e.skipped.join(', ')} not called` : e.reason}`,
        tone: 'deny',
      };
    case 'hook_exit':
      return {
        text: `security_${e.hook} = ${e.rc === null ? 'void' : e.rc}${e.errno ? ` ${e.errno}` : ''}${e.note ? `  (${e.note})` : ''}`,
        tone: e.rc !== null && e.rc < 0 ? 'deny' : 'exit',
      };
    case 'printk':
      return { text: `printk: ${e.text}`, tone: 'log' };
    case 'audit':
      return { text: `audit(${e.typeName}): ${e.text}`, tone: 'log' };
    case 'blob_alloc':
      return { text: `blob ${e.blob}: ${e.size} B for ${e.owner.struct}`, tone: 'neutral' };
    case 'blob_free':
      return { text: `blob ${e.blob} freed (${e.owner.struct})`, tone: 'neutral' };
    case 'oops':
      return { text: `${e.kind}: ${e.message}`, tone: 'fault' };
  }
}
