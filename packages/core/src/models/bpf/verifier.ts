// bpf_check() for a BPF_PROG_TYPE_LSM / BPF_LSM_MAC program, as far as the checks depend on the
// program's attach target and return values (kernel/bpf/verifier.c, kernel/bpf/bpf_lsm.c,
// kernel/bpf/btf.c, kernel/trace/bpf_trace.c; 7.1):
// 1. check_attach_btf_id() → bpf_check_attach_target(): a sleepable program ("lsm.s/") must
//    attach to a hook in sleepable_lsm_hooks: "<func> is not sleepable".
// 2. bpf_lsm_verify_prog(): a GPL-compatible license ("LSM programs must have a GPL compatible
//    license"); not a hook of bpf_lsm_disabled_hooks ("attach_btf_id %u points to disabled hook %s").
// 3. do_check(), in program order: a context read past the hook's arguments (btf_ctx_access():
//    "func '%s' doesn't have %d-th argument"; the trailing argument is the return value);
//    bpf_d_path only where bpf_d_path_allowed() (LSM: sleepable hooks) allows it ("helper call is
//    not allowed in probe"); R0 set on every path to exit ("R0 !read_ok").
// 4. check_return_code(): for an int hook, R0 at exit within bpf_lsm_get_retval_range(): [0, 1]
//    for the bool hooks, [-MAX_ERRNO, 0] for the others ("At program exit the register R0 has
//    smin=1 smax=1 should have been in [-4095, 0]"). Void hooks ignore R0; 6.8 allows any value.
// The model's verifier knows a return value when it is a constant expression, a ?: of known
// values, or the trailing `ret` parameter (check_ctx_access() bounds the previous return value to
// the hook's range); any other value is an unknown scalar, which a restricted range rejects (the
// real verifier tracks bounds through branches and might accept it).
import { EACCES, EINVAL } from '../../errno';
import { hookDefs } from '../../hooks/hookDefs';
import type { KernelVersion } from '../../version';
import { bpfLsmBtfId, isDisabledHook, isSleepableHook, retvalRange } from './hookSets';
import { usedParams, type BpfLsmProgram, type Expr, type Stmt } from './lang';

export interface VerifierResult {
  /** 0, or bpf_check()'s -errno. */
  readonly rc: number;
  /** The verifier log (attr.log_buf) lines. */
  readonly log: readonly string[];
}

/** include/linux/license.h license_is_gpl_compatible(). */
export function licenseIsGplCompatible(license: string): boolean {
  return ['GPL', 'GPL v2', 'GPL and additional rights', 'Dual BSD/GPL', 'Dual MIT/GPL', 'Dual MPL/GPL'].includes(
    license,
  );
}

/** A constant expression's value (what clang folds into `r0 = imm`), or null. */
export function constValue(e: Expr): bigint | null {
  switch (e.k) {
    case 'int':
      return e.v;
    case 'unary': {
      if (e.op === '&') return null;
      const v = constValue(e.e);
      if (v === null) return null;
      return e.op === '-' ? -v : e.op === '~' ? ~v : v === 0n ? 1n : 0n;
    }
    case 'cast': {
      const v = constValue(e.e);
      if (v === null || e.to.t !== 'int') return null;
      return e.to.signed ? BigInt.asIntN(e.to.bits, v) : BigInt.asUintN(e.to.bits, v);
    }
    case 'cond': {
      const c = constValue(e.c);
      return c === null ? null : constValue(c !== 0n ? e.a : e.b);
    }
    case 'bin': {
      const l = constValue(e.l);
      const r = constValue(e.r);
      if (l === null || r === null) return null;
      switch (e.op) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        case '|':
          return l | r;
        case '&':
          return l & r;
        case '^':
          return l ^ r;
        case '<<':
          return l << (r & 63n);
        case '>>':
          return l >> (r & 63n);
        case '/':
          return r === 0n ? 0n : l / r;
        case '%':
          return r === 0n ? l : l % r;
        case '==':
          return l === r ? 1n : 0n;
        case '!=':
          return l !== r ? 1n : 0n;
        case '<':
          return l < r ? 1n : 0n;
        case '<=':
          return l <= r ? 1n : 0n;
        case '>':
          return l > r ? 1n : 0n;
        case '>=':
          return l >= r ? 1n : 0n;
        case '&&':
          return l && r ? 1n : 0n;
        case '||':
          return l || r ? 1n : 0n;
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * The values R0 can hold at one `return`: a constant, or each arm of a ?: whose arms are known
 * (the verifier explores both branches, each with a constant in R0); null when unknown.
 */
function returnValues(e: Expr, retvalParam: string | null): bigint[] | null {
  const v = constValue(e);
  if (v !== null) return [v];
  // The trailing parameter is the previous return value: check_ctx_access() marks it within the
  // hook's range (__mark_reg_s32_range()), so returning it passes.
  if (e.k === 'var' && e.name === retvalParam) return [];
  if (e.k !== 'cond') return null;
  const a = returnValues(e.a, retvalParam);
  const b = returnValues(e.b, retvalParam);
  return a && b ? [...a, ...b] : null;
}

class Reject extends Error {
  constructor(
    readonly rc: number,
    readonly lines: readonly string[],
  ) {
    super(lines.join('\n'));
  }
}

/** Does any statement assign the variable `name`? */
function assigns(body: readonly Stmt[], name: string): boolean {
  const inExpr = (e: Expr): boolean => {
    switch (e.k) {
      case 'assign':
        return e.name === name || inExpr(e.e);
      case 'call':
        return e.args.some(inExpr);
      case 'field':
        return inExpr(e.obj);
      case 'unary':
      case 'cast':
        return inExpr(e.e);
      case 'bin':
        return inExpr(e.l) || inExpr(e.r);
      case 'cond':
        return inExpr(e.c) || inExpr(e.a) || inExpr(e.b);
      default:
        return false;
    }
  };
  const inStmt = (s: Stmt): boolean => {
    switch (s.k) {
      case 'block':
        return s.body.some(inStmt);
      case 'if':
        return inExpr(s.c) || inStmt(s.then) || (s.else !== null && inStmt(s.else));
      case 'decl':
        return s.name === name || (s.init !== null && inExpr(s.init));
      case 'expr':
        return inExpr(s.e);
      case 'return':
        return s.e !== null && inExpr(s.e);
    }
  };
  return body.some(inStmt);
}

/** Does a statement end in a return on every path? */
function alwaysReturns(s: Stmt): boolean {
  switch (s.k) {
    case 'return':
      return true;
    case 'block':
      return s.body.some(alwaysReturns);
    case 'if':
      return s.else !== null && alwaysReturns(s.then) && alwaysReturns(s.else);
    default:
      return false;
  }
}

/** Runs the verifier's LSM checks on a program loaded with `sleepable` (BPF_F_SLEEPABLE). */
export function bpfLsmVerify(prog: BpfLsmProgram, version: KernelVersion): VerifierResult {
  const def = hookDefs(version).get(prog.hook)!;
  const func = `bpf_lsm_${prog.hook}`;
  const btfId = bpfLsmBtfId(version, prog.hook)!;
  try {
    // check_attach_btf_id() → bpf_check_attach_target()
    if (prog.sleepable && !isSleepableHook(version, prog.hook)) throw new Reject(-EINVAL, [`${func} is not sleepable`]);
    // bpf_lsm_verify_prog()
    if (!licenseIsGplCompatible(prog.license ?? ''))
      throw new Reject(-EINVAL, ['LSM programs must have a GPL compatible license']);
    if (isDisabledHook(version, prog.hook))
      throw new Reject(-EINVAL, [`attach_btf_id ${btfId} points to disabled hook ${func}`]);
    // do_check(): the context reads BPF_PROG() makes for the parameters the program uses.
    for (const p of [...usedParams(prog)].sort((a, b) => a.index - b.index)) {
      if (p.index > prog.nrArgs)
        throw new Reject(-EACCES, [
          `func '${func}' doesn't have ${p.index + 1}-th argument`,
          `invalid bpf_context access off=${p.index * 8} size=8`,
        ]);
    }
    const range = retvalRange(version, def);
    // The parameter that reads the return value, unless the program assigns it (then it is unknown).
    const retParam = prog.params.find((p) => p.index === prog.nrArgs);
    const retvalParam = retParam && !assigns(prog.body, retParam.name) ? retParam.name : null;
    const checkExpr = (e: Expr): void => {
      switch (e.k) {
        case 'call':
          if (e.fn === 'bpf_d_path' && !isSleepableHook(version, prog.hook))
            throw new Reject(-EINVAL, ['helper call is not allowed in probe']);
          e.args.forEach(checkExpr);
          return;
        case 'field':
          return checkExpr(e.obj);
        case 'unary':
        case 'cast':
        case 'assign':
          return checkExpr(e.e);
        case 'bin':
          checkExpr(e.l);
          return checkExpr(e.r);
        case 'cond':
          checkExpr(e.c);
          checkExpr(e.a);
          return checkExpr(e.b);
        default:
          return;
      }
    };
    const checkStmt = (s: Stmt): void => {
      switch (s.k) {
        case 'block':
          return s.body.forEach(checkStmt);
        case 'if':
          checkExpr(s.c);
          checkStmt(s.then);
          if (s.else) checkStmt(s.else);
          return;
        case 'decl':
          if (s.init) checkExpr(s.init);
          return;
        case 'expr':
          return checkExpr(s.e);
        case 'return': {
          if (s.e) checkExpr(s.e);
          if (!range) return;
          if (!s.e) throw new Reject(-EACCES, ['R0 !read_ok']);
          const values = returnValues(s.e, retvalParam);
          const where = `At program exit the register R0 has`;
          const should = `should have been in [${range.min}, ${range.max}]`;
          if (values === null) throw new Reject(-EINVAL, [`${where} unknown scalar value ${should}`]);
          for (const v of values) {
            const r0 = BigInt.asIntN(32, v);
            if (r0 < BigInt(range.min) || r0 > BigInt(range.max))
              throw new Reject(-EINVAL, [
                `${where} smin=${BigInt.asIntN(64, v)} smax=${BigInt.asIntN(64, v)} ${should}`,
              ]);
          }
          return;
        }
      }
    };
    prog.body.forEach(checkStmt);
    // Falling off the end of the function leaves R0 unset at exit (for an int hook: a C function
    // that does not return its int; clang emits an exit with R0 never written).
    if (def.ret === 'int' && !prog.body.some(alwaysReturns)) throw new Reject(-EACCES, ['R0 !read_ok']);
    return { rc: 0, log: [] };
  } catch (e) {
    if (e instanceof Reject) return { rc: e.rc, log: e.lines };
    throw e;
  }
}
