// The policy language: checkpolicy-like statements parse into a policydb; every syntax or
// semantic error is reported with line:col and the reason, and nothing is loaded.
import { describe, expect, it } from 'vitest';
import { SELINUX_FEDORA_POLICY, SELINUX_PERMISSIVE_POLICY } from './defaultPolicy';
import { contextInvalid, evalCond, parsePolicy, PolicyError } from './policy';
import { SecurityServer } from './services';

const BASE = `class file { read write open getattr }
class process { transition }
type a_t; type b_t; type c_t;
role r types { a_t };
user u roles { r };
sid kernel u:r:a_t:s0;
sid security u:object_r:b_t:s0;
sid unlabeled u:object_r:b_t:s0;
sid file u:object_r:b_t:s0;
`;

function errorOf(src: string): string {
  try {
    parsePolicy(src);
  } catch (e) {
    if (e instanceof PolicyError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('selinux policy language', () => {
  it('parses the default policies', () => {
    const db = parsePolicy(SELINUX_FEDORA_POLICY);
    expect(db.types.has('shadow_t')).toBe(true);
    expect(db.attributes.get('domain')?.has('staff_t')).toBe(true);
    expect(db.bools.get('allow_user_shadow')).toBe(false);
    expect(db.config).toBe('enforcing');
    expect(parsePolicy(SELINUX_PERMISSIVE_POLICY).config).toBe('permissive');
  });

  it('reports syntax errors with line:col', () => {
    expect(errorOf(`${BASE}allow a_t b_t:file read`)).toBe("10:24: syntax error: expected ';' but found end of input");
    expect(errorOf(`${BASE}alow a_t b_t:file read;`)).toBe("10:1: syntax error: unknown statement 'alow'");
    expect(errorOf(`${BASE}allow a_t b_t file read;`)).toBe("10:15: syntax error: expected ':' but found 'file'");
    expect(errorOf(`${BASE}bool x maybe;`)).toBe('10:8: syntax error: expected true or false');
    expect(errorOf(`${BASE}if (x { }`)).toBe("10:7: syntax error: expected ')' but found '{'");
  });

  it('reports semantic errors with line:col', () => {
    expect(errorOf(`${BASE}allow a_t d_t:file read;`)).toBe('10:11: type or attribute d_t is not declared');
    expect(errorOf(`${BASE}allow a_t b_t:file execute;`)).toBe(
      '10:20: permission execute is not defined for class file',
    );
    expect(errorOf(`${BASE}allow a_t b_t:dir read;`)).toBe('10:15: class dir is not declared');
    expect(errorOf(`${BASE}type a_t;`)).toBe('10:6: type a_t is already declared');
    expect(errorOf(`${BASE}if (nope) { allow a_t b_t:file read; }`)).toBe('10:5: boolean nope is not declared');
    expect(errorOf(`${BASE}sid devnull u:r:b_t:s0;`)).toBe(
      '10:13: invalid context u:r:b_t:s0: role r may not hold type b_t',
    );
    expect(errorOf(`${BASE}class widget { spin }`)).toBe('10:7: class widget is not a class the kernel knows');
    expect(errorOf(BASE.replace('sid file u:object_r:b_t:s0;\n', ''))).toMatch(/SID file was never defined$/);
  });

  it('evaluates conditional expressions (cond_evaluate_expr())', () => {
    const db = parsePolicy(`${BASE}bool x true; bool y false;
if (x && !y) { allow a_t b_t:file read; } else { allow a_t b_t:file write; }
if (x == y || y ^ x) { allow a_t c_t:file read; }`);
    expect(evalCond(db.conds[0]!.expr, db.bools)).toBe(true);
    expect(evalCond(db.conds[1]!.expr, db.bools)).toBe(true);
    const ss = new SecurityServer();
    ss.commit(db);
    const a = ss.contextToSid('u:r:a_t:s0')!;
    const b = ss.contextToSid('u:object_r:b_t:s0')!;
    expect([...(ss.computeAv(a, b, 'file').allowed as Set<string>)]).toEqual(['read']);
    ss.pendingBools.set('y', true);
    ss.commitBools();
    expect([...(ss.computeAv(a, b, 'file').allowed as Set<string>)]).toEqual(['write']);
  });

  it('computes new labels (security_compute_sid()): type_transition, else process or target type', () => {
    const ss = new SecurityServer();
    ss.commit(parsePolicy(`${BASE}type_transition a_t b_t:file c_t;`));
    const a = ss.contextToSid('u:r:a_t:s0')!;
    const b = ss.contextToSid('u:object_r:b_t:s0')!;
    const f = ss.transitionSid(a, b, 'file');
    expect('sid' in f && ss.sidToContext(f.sid)).toBe('u:object_r:c_t:s0');
    const p = ss.transitionSid(a, b, 'process');
    expect('sid' in p && ss.sidToContext(p.sid)).toBe('u:r:a_t:s0');
    // A process transition to a type the role may not hold is an invalid context.
    ss.commit(parsePolicy(`${BASE}type_transition a_t b_t:process c_t;`));
    expect(ss.transitionSid(a, b, 'process')).toEqual({ invalid: 'u:r:c_t:s0' });
  });

  it('validates contexts as policydb_context_isvalid() does', () => {
    const db = parsePolicy(BASE);
    expect(contextInvalid(db, 'u:r:a_t:s0')).toBeNull();
    expect(contextInvalid(db, 'u:object_r:c_t:s0')).toBeNull();
    expect(contextInvalid(db, 'x:r:a_t:s0')).toBe('user x is not defined');
    expect(contextInvalid(db, 'u:r')).toBe('not user:role:type[:level]');
  });
});
