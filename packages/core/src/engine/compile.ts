// Compiles a user module: TypeScript → CommonJS-style JavaScript (sucrase, which keeps every line
// where it was), then guards at every loop body and function entry (acorn), so that a hook that
// runs away is stopped inside the worker with the line it was on, not only by the watchdog.
import { parse, type Node } from 'acorn';
import { transform } from 'sucrase';

/** The function the guards call; a parameter of the module wrapper, never a global. */
export const GUARD_NAME = '__lsm_guard';

/** Where a guard sits: a loop or a function of the user's file. */
export interface GuardSite {
  readonly kind: 'loop' | 'function';
  /** 1-based line and column of the loop or function in the user's source. */
  readonly line: number;
  readonly column: number;
}

/** A compile error or warning, positioned in the user's source (line 1-based, column 1-based). */
export interface Diagnostic {
  readonly fileName: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface CompiledModule {
  readonly fileName: string;
  /** The instrumented JavaScript; line N is line N of the source. */
  readonly js: string;
  readonly sites: readonly GuardSite[];
}

export type CompileResult =
  | { readonly ok: true; readonly module: CompiledModule }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** The most source a module may have: 256 KiB is far more than any LSM in the tree's hooks.c. */
export const MAX_SOURCE_BYTES = 256 * 1024;

interface Insertion {
  readonly pos: number;
  readonly text: string;
  /** Among insertions at one position, openings go after closings of an earlier node. */
  readonly order: number;
}

type AnyNode = Node & Record<string, unknown>;

function isNode(v: unknown): v is AnyNode {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

function syntaxError(fileName: string, err: unknown): Diagnostic {
  const e = err as { message?: string; loc?: { line: number; column: number } };
  const message = String(e.message ?? err).replace(/\s*\(\d+:\d+\)$/, '');
  return {
    fileName,
    line: e.loc?.line ?? 1,
    column: (e.loc?.column ?? 0) + 1,
    message,
    severity: 'error',
  };
}

/** Compiles one module. Never throws: a syntax error comes back as a diagnostic at its line. */
export function compileModule(fileName: string, source: string): CompileResult {
  if (source.length > MAX_SOURCE_BYTES) {
    return {
      ok: false,
      diagnostics: [
        {
          fileName,
          line: 1,
          column: 1,
          message: `the module is ${source.length} characters long; the limit is ${MAX_SOURCE_BYTES}`,
          severity: 'error',
        },
      ],
    };
  }
  let js: string;
  try {
    js = transform(source, {
      transforms: ['typescript', 'imports'],
      disableESTransforms: true,
      production: true,
      filePath: fileName,
    }).code;
  } catch (err) {
    return { ok: false, diagnostics: [syntaxError(fileName, err)] };
  }
  let ast: Node;
  try {
    ast = parse(js, { ecmaVersion: 'latest', sourceType: 'script', locations: true });
  } catch (err) {
    // sucrase passes some invalid JavaScript through (it does not check everything); acorn does.
    return { ok: false, diagnostics: [syntaxError(fileName, err)] };
  }
  const sites: GuardSite[] = [];
  const inserts: Insertion[] = [];
  const guard = (node: AnyNode, kind: GuardSite['kind']): string => {
    const loc = node.loc!.start;
    sites.push({ kind, line: loc.line, column: loc.column + 1 });
    return `${GUARD_NAME}(${sites.length - 1});`;
  };
  const guardBody = (owner: AnyNode, body: AnyNode, kind: GuardSite['kind']) => {
    const call = guard(owner, kind);
    if (body.type === 'BlockStatement') {
      inserts.push({ pos: body.start + 1, text: call, order: 1 });
    } else if (kind === 'loop') {
      inserts.push({ pos: body.start, text: `{${call}`, order: 1 });
      inserts.push({ pos: body.end, text: '}', order: 0 });
    } else {
      // An arrow function's expression body: `x => expr` becomes `x => (guard, expr)`.
      inserts.push({ pos: body.start, text: `(${call.slice(0, -1)}, `, order: 1 });
      inserts.push({ pos: body.end, text: ')', order: 0 });
    }
  };
  const walk = (node: AnyNode): void => {
    switch (node.type) {
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
        guardBody(node, node['body'] as AnyNode, 'loop');
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        guardBody(node, node['body'] as AnyNode, 'function');
        break;
    }
    for (const key in node) {
      if (key === 'loc') continue;
      const v = node[key];
      if (Array.isArray(v)) {
        for (const c of v) if (isNode(c)) walk(c);
      } else if (isNode(v)) walk(v);
    }
  };
  walk(ast as AnyNode);
  // Apply from the end so earlier positions stay valid; at one position, closings first.
  inserts.sort((a, b) => b.pos - a.pos || b.order - a.order);
  let out = js;
  for (const ins of inserts) out = out.slice(0, ins.pos) + ins.text + out.slice(ins.pos);
  return { ok: true, module: { fileName, js: out, sites } };
}
