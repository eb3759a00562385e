#!/usr/bin/env node
// Generates packages/core/src/hooks/hookTable.gen.ts and docs/hooks.md from the one hook table:
// packages/core/src/hooks/data/lsm_hook_defs.json (read from include/linux/lsm_hook_defs.h of
// Linux 7.1.3, 6.18.2 and 6.8) joined with packages/core/src/hooks/hookNotes.json (one-line docs,
// sleepability from kernel/bpf/bpf_lsm.c). `--check` fails when the committed outputs are stale.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const hooksDir = join(root, 'packages/core/src/hooks');
const OUT_TS = join(hooksDir, 'hookTable.gen.ts');
const OUT_MD = join(root, 'docs/hooks.md');

/** Kernel versions the model knows, newest first, and their key in lsm_hook_defs.json. */
const VERSIONS = [
  ['7.1', '7.1.3'],
  ['6.18', '6.18.2'],
  ['6.8', '6.8'],
];

const ERRNO = { EINVAL: 22, ENOSYS: 38, ENOPARAM: 519, ENOPROTOOPT: 92, EOPNOTSUPP: 95 };

function parseDefault(text) {
  if (text === 'LSM_RET_VOID') return null;
  const m = /^(-)?([A-Z]+|\d+)$/.exec(text);
  if (!m) throw new Error(`unparsed default ${text}`);
  const n = /^\d+$/.test(m[2]) ? Number(m[2]) : ERRNO[m[2]];
  if (n === undefined) throw new Error(`unknown errno ${text}`);
  return m[1] ? -n : n;
}

/** Splits "const struct cred *mgr" into its C type and parameter name. */
function parseArg(text) {
  const t = text.trim();
  if (t === 'void') return null;
  const m = /^(.*?)([A-Za-z_][A-Za-z0-9_]*)$/.exec(t);
  if (!m) throw new Error(`unparsed arg ${text}`);
  return { name: m[2], ctype: m[1].replace(/\s+/g, ' ').trim() };
}

const SCALARS = new Set([
  'int',
  'unsigned',
  'unsigned int',
  'unsigned long',
  'long',
  'short',
  'u8',
  'u16',
  'u32',
  'u64',
  'size_t',
  'loff_t',
  'umode_t',
  'dev_t',
  'pid_t',
  'gfp_t',
  'fmode_t',
  'kuid_t',
  'kgid_t',
]);

/** Maps a C parameter type to the TypeScript type the model passes for it. */
function tsType(ctype) {
  const c = ctype
    .replace(/\bconst\b/g, '')
    .replace(/__user/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (c === 'bool') return 'boolean';
  if (SCALARS.has(c)) return 'number';
  if (c.startsWith('enum ')) return 'number';
  if (c === 'char *') return 'string | null';
  if (c === 'kernel_cap_t *') return 'Ref<bigint>';
  if (c === 'key_ref_t') return "Struct<'key'> | null";
  if (c === 'sockptr_t') return 'UserAddr';
  if (c === 'void *') return 'unknown';
  const sp = /^struct (\w+) \*$/.exec(c);
  if (sp) return ctype.includes('__user') ? 'UserAddr' : `Struct<'${sp[1]}'> | null`;
  const spp = /^struct (\w+) \*\*$/.exec(c);
  if (spp) return `Ref<Struct<'${spp[1]}'> | null>`;
  const sc = /^(\w+(?: \w+)?) \*$/.exec(c);
  if (sc && SCALARS.has(sc[1])) return 'Ref<number>';
  if (c === 'char **' || c === 'void **') return 'Ref<unknown>';
  if (c === 'union bpf_attr *') return "Struct<'bpf_attr'> | null";
  throw new Error(`no TS type for ${ctype}`);
}

function load() {
  const defs = JSON.parse(readFileSync(join(hooksDir, 'data/lsm_hook_defs.json'), 'utf8'));
  const notesPath = process.env.HOOK_NOTES ?? join(hooksDir, 'hookNotes.json');
  if (!existsSync(notesPath)) throw new Error(`missing ${notesPath}`);
  const notes = JSON.parse(readFileSync(notesPath, 'utf8'));
  return { defs, notes };
}

function sigOf(h) {
  return {
    ret: h.ret,
    default: parseDefault(h.default),
    defaultText: h.default,
    args: h.args.map(parseArg).filter((a) => a !== null),
  };
}

const sameSig = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Builds one record per hook name across all versions, newest version's signature as the base. */
export function buildTable() {
  const { defs, notes } = load();
  const byName = new Map();
  for (const [ver, key] of VERSIONS) {
    for (const h of defs.versions[key]) {
      let rec = byName.get(h.name);
      const sig = sigOf(h);
      if (!rec) {
        const note = notes[h.name];
        if (!note) throw new Error(`hookNotes.json has no entry for ${h.name}`);
        rec = {
          name: h.name,
          ...sig,
          cond: h.cond.map((c) => c.replace(/^#(if|ifdef) /, '')),
          sleepable: note.sleepable,
          doc: note.doc,
          caller: note.caller ?? null,
          group: note.group,
          implementedBy: h.implementedBy,
          versions: [],
          variants: {},
        };
        byName.set(h.name, rec);
      } else {
        const base = { ret: rec.ret, default: rec.default, defaultText: rec.defaultText, args: rec.args };
        if (!sameSig(base, sig)) rec.variants[ver] = sig;
      }
      rec.versions.push(ver);
      if (ver !== rec.versions[0] && !sameSig(rec.implementedBy, h.implementedBy)) {
        rec.variants[ver] = { ...(rec.variants[ver] ?? {}), implementedBy: h.implementedBy };
      }
    }
  }
  // Keep the kernel's declaration order of 7.1, then hooks only older versions have.
  return [...byName.values()];
}

function q(s) {
  return JSON.stringify(s);
}

export function renderTs(table) {
  const lines = [];
  lines.push('// GENERATED by scripts/genHookTable.mjs from hooks/data/lsm_hook_defs.json and hooks/hookNotes.json.');
  lines.push('// Do not edit by hand: run `node scripts/genHookTable.mjs`. Mirrors include/linux/lsm_hook_defs.h.');
  lines.push("import type { Ref, Struct, UserAddr } from '../kernel/objects';");
  lines.push('');
  lines.push('/** Every LSM hook of Linux 7.1, 6.18 and 6.8, in lsm_hook_defs.h order (7.1 first). */');
  lines.push('export const HOOK_TABLE = [');
  for (const h of table) {
    const args = h.args.map((a) => `{ name: ${q(a.name)}, ctype: ${q(a.ctype)}, ts: ${q(tsType(a.ctype))} }`);
    const variants = Object.entries(h.variants).map(([v, s]) => {
      const parts = [];
      if (s.ret !== undefined) {
        parts.push(`ret: ${q(s.ret)}`, `default: ${s.default}`, `defaultText: ${q(s.defaultText)}`);
        parts.push(
          `args: [${s.args.map((a) => `{ name: ${q(a.name)}, ctype: ${q(a.ctype)}, ts: ${q(tsType(a.ctype))} }`).join(', ')}]`,
        );
      }
      if (s.implementedBy) parts.push(`implementedBy: ${q(s.implementedBy)}`);
      return `${q(v)}: { ${parts.join(', ')} }`;
    });
    lines.push('  {');
    lines.push(`    name: ${q(h.name)},`);
    lines.push(`    ret: ${q(h.ret)},`);
    lines.push(`    default: ${h.default},`);
    lines.push(`    defaultText: ${q(h.defaultText)},`);
    lines.push(`    args: [${args.join(', ')}],`);
    lines.push(`    sleepable: ${h.sleepable},`);
    lines.push(`    doc: ${q(h.doc)},`);
    lines.push(`    caller: ${q(h.caller)},`);
    lines.push(`    group: ${q(h.group)},`);
    lines.push(`    cond: ${q(h.cond)},`);
    lines.push(`    implementedBy: ${q(h.implementedBy)},`);
    lines.push(`    versions: ${q(h.versions)},`);
    lines.push(`    variants: { ${variants.join(', ')} },`);
    lines.push('  },');
  }
  lines.push('] as const;');
  lines.push('');
  lines.push('/** The argument tuple of each hook (7.1 signature), labelled with the kernel parameter names. */');
  lines.push('export interface HookArgs {');
  for (const h of table) {
    lines.push(`  ${h.name}: [${h.args.map((a) => `${a.name}: ${tsType(a.ctype)}`).join(', ')}];`);
  }
  lines.push('}');
  lines.push('');
  return lines.join('\n');
}

const VERSION_LABEL = { 7.1: '7.1', 6.18: '6.18', 6.8: '6.8' };

export function renderMd(table) {
  const out = [];
  out.push('# LSM hook reference');
  out.push('');
  out.push('Generated by `scripts/genHookTable.mjs` from the hook table in `packages/core` (the only list of');
  out.push('hooks in the project). Signatures and `LSM_RET_DEFAULT` values are those of');
  out.push('`include/linux/lsm_hook_defs.h` in Linux 7.1.3; the last sections list what differs in 6.18.2 and 6.8.');
  out.push('"Sleepable" is yes for the hooks in the BPF LSM\'s `sleepable_lsm_hooks` set (`kernel/bpf/bpf_lsm.c`),');
  out.push('where the kernel guarantees a context that may sleep; "no" means no such guarantee (some callers hold');
  out.push('locks or run in RCU or atomic context). "Implemented by" lists in-tree LSMs with an `LSM_HOOK_INIT`');
  out.push('for the hook; the BPF LSM registers a default-returning stub for every hook.');
  out.push('');
  const in71 = table.filter((h) => h.versions.includes('7.1'));
  out.push(
    `Linux 7.1: ${in71.length} hooks, ${in71.filter((h) => h.ret === 'int').length} int and ${in71.filter((h) => h.ret === 'void').length} void; ${in71.filter((h) => h.sleepable).length} sleepable.`,
  );
  out.push('');
  const groups = [...new Set(in71.map((h) => h.group))];
  for (const g of groups) {
    out.push(`## ${g}`);
    out.push('');
    out.push('| hook | returns | default | sleepable | implemented by | description |');
    out.push('| --- | --- | --- | --- | --- | --- |');
    for (const h of in71.filter((x) => x.group === g)) {
      const sig = `\`${h.name}(${h.args.map((a) => `${a.ctype}${a.ctype.endsWith('*') ? '' : ' '}${a.name}`).join(', ')})\``;
      const cond = h.cond.length ? ` (${h.cond.join(' ')})` : '';
      out.push(
        `| ${sig}${cond} | ${h.ret} | ${h.ret === 'void' ? '–' : `\`${h.defaultText}\``} | ${h.sleepable ? 'yes' : 'no'} | ${h.implementedBy.join(', ') || '–'} | ${h.doc.replace(/\|/g, '\\|')} |`,
      );
    }
    out.push('');
  }
  for (const v of ['6.18', '6.8']) {
    out.push(`## Differences in ${VERSION_LABEL[v]}`);
    out.push('');
    const absent = table.filter((h) => h.versions.includes('7.1') && !h.versions.includes(v)).map((h) => h.name);
    const only = table.filter((h) => !h.versions.includes('7.1') && h.versions.includes(v)).map((h) => h.name);
    const changed = table.filter((h) => h.versions.includes('7.1') && h.variants[v] && h.variants[v].ret !== undefined);
    out.push(`- ${table.filter((h) => h.versions.includes(v)).length} hooks.`);
    out.push(`- Not in ${v} (added later): ${absent.map((n) => `\`${n}\``).join(', ') || 'none'}.`);
    out.push(`- Only in ${v} (removed or renamed later): ${only.map((n) => `\`${n}\``).join(', ') || 'none'}.`);
    out.push(`- Different signature or default in ${v}:`);
    for (const h of changed) {
      const s = h.variants[v];
      out.push(
        `  - \`${h.name}\`: ${s.ret} \`${s.defaultText}\` (${s.args.map((a) => `${a.ctype}${a.ctype.endsWith('*') ? '' : ' '}${a.name}`).join(', ')})`,
      );
    }
    if (!changed.length) out.push('  - none');
    out.push('');
  }
  return out.join('\n');
}

const table = buildTable();
const ts = renderTs(table);
const md = renderMd(table);
if (process.argv.includes('--check')) {
  const stale = [];
  if (!existsSync(OUT_TS) || readFileSync(OUT_TS, 'utf8') !== ts) stale.push(OUT_TS);
  if (!existsSync(OUT_MD) || readFileSync(OUT_MD, 'utf8') !== md) stale.push(OUT_MD);
  if (stale.length) {
    console.error(`stale generated files (run node scripts/genHookTable.mjs): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(`hook table up to date (${table.length} hooks)`);
} else {
  writeFileSync(OUT_TS, ts);
  writeFileSync(OUT_MD, md);
  console.log(`wrote ${table.length} hooks`);
}
