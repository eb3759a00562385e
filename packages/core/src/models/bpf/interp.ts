// Runs a parsed BPF LSM program on a hook's arguments: what the JIT-compiled program does when the
// trampoline of `bpf_lsm_<hook>` calls it. The language has no loops, so a run always ends.
// Values: integers are bigints (64-bit registers), strings are JS strings, char arrays are
// mutable buffers, struct pointers are the machine's objects (a NULL pointer reads as 0, as a
// BTF pointer load that faults does under the exception table).
import { ENAMETOOLONG } from '../../errno';
import { utf8Encode } from '../../util/utf8';
import { taskComm, taskPid } from '../model';
import { FIELD_SCHEMA, type BpfLsmProgram, type Expr, type Stmt, type VType } from './lang';

/** A char array on the program's stack. */
interface Buf {
  readonly buf: true;
  s: string;
  readonly size: number;
}

type Value = bigint | string | Buf | object | null;

/** What a program's helpers reach of the kernel. */
export interface BpfRunEnv {
  /** current (the machine's Task, or the boot-time idle task). */
  readonly task: { pid?: number; comm?: string; cred?: unknown; fields?: Readonly<Record<string, unknown>> };
  /** ktime_get_ns(). */
  readonly now: number;
  /** d_path() of a struct path. */
  dPath(path: object): string;
  /** bpf_trace_printk(): one message for the trace pipe. */
  tracePrintk(msg: string): void;
}

class Return {
  constructor(readonly v: bigint) {}
}

const isBuf = (v: unknown): v is Buf => typeof v === 'object' && v !== null && (v as Buf).buf === true;

function toInt(v: Value): bigint {
  if (typeof v === 'bigint') return v;
  if (v === null) return 0n;
  if (typeof v === 'string') return 1n; // a non-NULL char pointer
  return 1n; // a non-NULL object pointer
}

function truthy(v: Value): boolean {
  if (typeof v === 'bigint') return v !== 0n;
  return v !== null;
}

function str(v: Value): string | null {
  if (typeof v === 'string') return v;
  if (isBuf(v)) return v.s;
  return null;
}

function truncate(t: VType, v: bigint): bigint {
  if (t.t !== 'int') return v;
  return t.signed ? BigInt.asIntN(t.bits, v) : BigInt.asUintN(t.bits, v);
}

const wrap64 = (v: bigint): bigint => BigInt.asIntN(64, v);

/** Reads one field of a machine object as the schema types it. */
function readField(struct: string, obj: Value, field: string): Value {
  const type = FIELD_SCHEMA[struct]![field]!;
  if (obj === null) return type.t === 'int' ? 0n : null;
  // Embedded scalars and qstr: the value is the primitive itself (kuid_t is its .val, a qstr its .name).
  if (struct === 'kuid_t' || struct === 'kgid_t' || struct === 'kernel_cap_t') return toInt(obj);
  if (struct === 'qstr') return field === 'name' ? (obj as string) : BigInt(utf8Encode(obj as string).length);
  const o = obj as Record<string, unknown> & { fields?: Record<string, unknown> };
  let raw: unknown;
  if (struct === 'task_struct') {
    if (field === 'pid' || field === 'tgid') raw = taskPid(o);
    else if (field === 'comm') raw = taskComm(o);
    else raw = o['cred'] ?? o.fields?.['cred'] ?? null;
  } else raw = field in o ? o[field] : o.fields?.[field];
  if (type.t === 'int' || (type.t === 'struct' && FIELD_SCHEMA[type.struct]?.['val']))
    return typeof raw === 'bigint' ? raw : BigInt(typeof raw === 'number' ? raw : 0);
  if (type.t === 'str' || (type.t === 'struct' && type.struct === 'qstr')) return raw == null ? null : String(raw);
  return (raw as object | undefined) ?? null;
}

/** The struct an expression's object is (the parser checked that it is one). */
function structOf(e: Expr, types: Map<string, VType>[], prog: BpfLsmProgram): string {
  const t = staticType(e, types, prog);
  return (t as { struct: string }).struct;
}

function staticType(e: Expr, scopes: Map<string, VType>[], prog: BpfLsmProgram): VType {
  switch (e.k) {
    case 'var':
      for (let s = scopes.length - 1; s >= 0; s--) {
        const t = scopes[s]!.get(e.name);
        if (t) return t;
      }
      return prog.params.find((p) => p.name === e.name)?.type ?? { t: 'int', bits: 32, signed: true };
    case 'field': {
      const st = structOf(e.obj, scopes, prog);
      return FIELD_SCHEMA[st]![e.field]!;
    }
    case 'call':
      return e.fn === 'bpf_get_current_task_btf'
        ? { t: 'ptr', struct: 'task_struct' }
        : { t: 'int', bits: 64, signed: true };
    case 'unary':
      if (e.op === '&') {
        const t = staticType(e.e, scopes, prog);
        return t.t === 'struct' ? { t: 'ptr', struct: t.struct } : t;
      }
      return { t: 'int', bits: 64, signed: true };
    case 'cast':
      return e.to;
    case 'cond':
      return staticType(e.a, scopes, prog);
    case 'assign':
      return staticType(e.e, scopes, prog);
    default:
      return { t: 'int', bits: 64, signed: true };
  }
}

/** bpf_trace_printk()'s formatting (bstr_printf with the verifier-checked conversions). */
function formatPrintk(fmt: string, args: readonly Value[]): string {
  let i = 0;
  return fmt.replace(
    /%([-0-9]*)(ll|l|h|hh|z)?([diuxXsc%p])/g,
    (_m, _w: string, len: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      const a = args[i++] ?? 0n;
      switch (conv) {
        case 's':
          return str(a) ?? '(null)';
        case 'c':
          return String.fromCharCode(Number(toInt(a) & 0xffn));
        case 'u':
          return BigInt.asUintN(len === 'll' || len === 'l' || len === 'z' ? 64 : 32, toInt(a)).toString();
        case 'x':
        case 'X': {
          const h = BigInt.asUintN(len === 'll' || len === 'l' || len === 'z' ? 64 : 32, toInt(a)).toString(16);
          return conv === 'X' ? h.toUpperCase() : h;
        }
        case 'p':
          return `0x${BigInt.asUintN(64, toInt(a)).toString(16)}`;
        default:
          return BigInt.asIntN(len === 'll' || len === 'l' || len === 'z' ? 64 : 32, toInt(a)).toString();
      }
    },
  );
}

/**
 * Runs `prog` with the hook's `args` (and `retval`, the value the trailing `int ret` parameter
 * reads: 0 for the first program of an fmod_ret trampoline). Returns R0 as the C function returns
 * it: an `int`, sign-extended from 32 bits (the value the trampoline stores).
 */
export function runBpfProgram(prog: BpfLsmProgram, args: readonly unknown[], retval: number, env: BpfRunEnv): number {
  const scopes: Map<string, VType>[] = [new Map(prog.params.map((p) => [p.name, p.type]))];
  const vals: Map<string, Value>[] = [
    new Map(
      prog.params.map((p) => {
        const raw = p.index < prog.nrArgs ? args[p.index] : retval;
        let v: Value;
        if (p.type.t === 'int') v = truncate(p.type, typeof raw === 'bigint' ? raw : BigInt(Number(raw ?? 0)));
        else if (p.type.t === 'str') v = raw == null ? null : String(raw);
        else v = (raw as object | null | undefined) ?? null;
        return [p.name, v];
      }),
    ),
  ];

  const lookup = (name: string): { scope: Map<string, Value>; v: Value } => {
    for (let s = vals.length - 1; s >= 0; s--)
      if (vals[s]!.has(name)) return { scope: vals[s]!, v: vals[s]!.get(name)! };
    throw new Error(`bpf: no variable ${name}`);
  };

  const evalExpr = (e: Expr): Value => {
    switch (e.k) {
      case 'int':
        return e.v;
      case 'str':
        return e.v;
      case 'var':
        return lookup(e.name).v;
      case 'field':
        return readField(structOf(e.obj, scopes, prog), evalExpr(e.obj), e.field);
      case 'unary': {
        const v = evalExpr(e.e);
        if (e.op === '&') return v;
        if (e.op === '!') return truthy(v) ? 0n : 1n;
        if (e.op === '-') return wrap64(-toInt(v));
        return wrap64(~toInt(v));
      }
      case 'cast': {
        const v = evalExpr(e.e);
        return e.to.t === 'int' ? truncate(e.to, toInt(v)) : v;
      }
      case 'cond':
        return truthy(evalExpr(e.c)) ? evalExpr(e.a) : evalExpr(e.b);
      case 'assign': {
        const { scope } = lookup(e.name);
        let v = evalExpr(e.e);
        const t = staticType({ k: 'var', name: e.name, pos: e.pos }, scopes, prog);
        if (t.t === 'int') v = truncate(t, toInt(v));
        scope.set(e.name, v);
        return v;
      }
      case 'call':
        return callHelper(e.fn, e.args);
      case 'bin':
        return binary(e.op, e.l, e.r);
    }
  };

  const binary = (op: string, le: Expr, re: Expr): Value => {
    if (op === '&&') return truthy(evalExpr(le)) && truthy(evalExpr(re)) ? 1n : 0n;
    if (op === '||') return truthy(evalExpr(le)) || truthy(evalExpr(re)) ? 1n : 0n;
    const l = evalExpr(le);
    const r = evalExpr(re);
    if (op === '==' || op === '!=') {
      let eq: boolean;
      const ls = str(l);
      const rs = str(r);
      if ((typeof l === 'string' || isBuf(l)) && (typeof r === 'string' || isBuf(r))) eq = ls === rs;
      else if (typeof l === 'bigint' && typeof r === 'bigint') eq = l === r;
      else if (l === null || r === null) eq = (l === null || l === 0n) && (r === null || r === 0n);
      else eq = l === r;
      return eq === (op === '==') ? 1n : 0n;
    }
    const a = toInt(l);
    const b = toInt(r);
    switch (op) {
      case '<':
        return a < b ? 1n : 0n;
      case '<=':
        return a <= b ? 1n : 0n;
      case '>':
        return a > b ? 1n : 0n;
      case '>=':
        return a >= b ? 1n : 0n;
      case '+':
        return wrap64(a + b);
      case '-':
        return wrap64(a - b);
      case '*':
        return wrap64(a * b);
      // BPF_DIV / BPF_MOD: x / 0 = 0, x % 0 = x.
      case '/':
        return b === 0n ? 0n : wrap64(a / b);
      case '%':
        return b === 0n ? a : wrap64(a % b);
      case '<<':
        return wrap64(a << (b & 63n));
      case '>>':
        return a >> (b & 63n);
      case '&':
        return wrap64(a & b);
      case '|':
        return wrap64(a | b);
      case '^':
        return wrap64(a ^ b);
    }
    throw new Error(`bpf: operator ${op}`);
  };

  const callHelper = (fn: string, argExprs: readonly Expr[]): Value => {
    const a = argExprs.map(evalExpr);
    const task = env.task;
    const cred = (task.cred ?? task.fields?.['cred'] ?? null) as { uid?: number; gid?: number } | null;
    switch (fn) {
      case 'bpf_get_current_uid_gid':
        return (BigInt(cred?.gid ?? 0) << 32n) | BigInt(cred?.uid ?? 0);
      case 'bpf_get_current_pid_tgid': {
        const pid = BigInt(taskPid(task));
        return (pid << 32n) | pid;
      }
      case 'bpf_get_current_task_btf':
        return task as object;
      case 'bpf_ktime_get_ns':
        return BigInt(env.now);
      case 'bpf_get_current_comm': {
        const buf = a[0] as Buf;
        const size = Number(toInt(a[1]!));
        buf.s = taskComm(task).slice(0, Math.max(0, Math.min(size, buf.size) - 1));
        return 0n;
      }
      case 'bpf_d_path': {
        const buf = a[1] as Buf;
        const size = Math.min(Number(toInt(a[2]!)), buf.size);
        const p = a[0] === null ? '' : env.dPath(a[0] as object);
        const len = utf8Encode(p).length + 1;
        if (len > size) return BigInt(-ENAMETOOLONG);
        buf.s = p;
        return BigInt(len);
      }
      case 'bpf_strncmp': {
        const s1 = (str(a[0]!) ?? '').slice(0, Number(toInt(a[1]!)));
        const s2 = str(a[2]!) ?? '';
        const n = Number(toInt(a[1]!));
        for (let i = 0; i < n; i++) {
          const c1 = s1.charCodeAt(i) || 0;
          const c2 = s2.charCodeAt(i) || 0;
          if (c1 !== c2) return c1 < c2 ? -1n : 1n;
          if (c1 === 0) break;
        }
        return 0n;
      }
      case 'bpf_printk': {
        const msg = formatPrintk(str(a[0]!) ?? '', a.slice(1));
        env.tracePrintk(msg);
        return BigInt(utf8Encode(msg).length + 1);
      }
    }
    throw new Error(`bpf: helper ${fn}`);
  };

  const exec = (s: Stmt): void => {
    switch (s.k) {
      case 'block':
        scopes.push(new Map());
        vals.push(new Map());
        try {
          for (const b of s.body) exec(b);
        } finally {
          scopes.pop();
          vals.pop();
        }
        return;
      case 'if':
        if (truthy(evalExpr(s.c))) exec(s.then);
        else if (s.else) exec(s.else);
        return;
      case 'return':
        throw new Return(s.e ? toInt(evalExpr(s.e)) : 0n);
      case 'decl': {
        scopes[scopes.length - 1]!.set(s.name, s.type);
        let v: Value;
        if (s.type.t === 'buf') v = { buf: true, s: '', size: s.type.size } satisfies Buf;
        else if (s.init) {
          v = evalExpr(s.init);
          if (s.type.t === 'int') v = truncate(s.type, toInt(v));
        } else v = s.type.t === 'int' ? 0n : null;
        vals[vals.length - 1]!.set(s.name, v);
        return;
      }
      case 'expr':
        evalExpr(s.e);
        return;
    }
  };

  try {
    for (const s of prog.body) exec(s);
  } catch (e) {
    if (e instanceof Return) return Number(BigInt.asIntN(32, e.v));
    throw e;
  }
  return 0;
}
