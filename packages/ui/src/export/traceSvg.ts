// The trace view as a standalone SVG document: the shell line, the strace line of the selected
// syscall, the LSM stack in boot order, and the syscall's path (userspace, DAC checks, each hook
// head with every LSM's verdict and the ones a short-circuit skipped, the return). Built from the
// same data the TraceView and StackView render (pathStages over the run's events); it decides
// nothing. Generic font families only, every text escaped: the file opens anywhere.
import { formatSyscallLine, type TraceEvent } from '@lsm-playground/core';
import { pathStages, type PathStage } from '../components/TraceView/pathStages';
import { runEvents, type RunEvent, type TraceRun } from '../store/traceSlice';

export interface TraceSvgInput {
  readonly run: TraceRun;
  /** Which syscall of the run (the one the replay is on). */
  readonly syscall: number;
  readonly kernelVersion: string;
  /** The active LSMs in boot order. */
  readonly order: readonly string[];
}

/** Text as XML character data or attribute value: escaped, and characters XML 1.0 forbids replaced. */
export function xmlText(s: string): string {
  return s
    .replace(
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
const SANS = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';
/** Monospace advance at 13px, for laying out boxes without measuring text. */
const CHAR = 7.9;
const PAD = 24;

const COLORS = {
  bg: '#ffffff',
  ink: '#1b1f24',
  muted: '#57606a',
  line: '#d0d7de',
  allow: '#1a7f37',
  allowBg: '#dafbe1',
  deny: '#cf222e',
  denyBg: '#ffebe9',
  neutralBg: '#f6f8fa',
  hookBg: '#ddf4ff',
  hook: '#0969da',
} as const;

interface Chip {
  readonly text: string;
  readonly tone: 'allow' | 'deny' | 'default' | 'skipped';
}

/** Each LSM on a hook head with its verdict, then the ones a short-circuit skipped. */
function headChips(events: readonly RunEvent[], stage: PathStage): Chip[] {
  const enter = events[stage.start]?.event;
  if (!enter || enter.type !== 'hook_enter') return [];
  const chips: Chip[] = [];
  let skipped: readonly string[] = [];
  for (let i = stage.start + 1; i <= stage.end; i++) {
    const e: TraceEvent = events[i]!.event;
    if (e.depth !== enter.depth) continue;
    if (e.type === 'lsm_return') {
      const rc = e.rc === null ? 'void' : e.errno ? e.errno : String(e.rc);
      chips.push({
        text: `${e.lsm} ${rc}`,
        tone: e.verdict === 'deny' ? 'deny' : e.verdict === 'allow' || e.verdict === 'value' ? 'allow' : 'default',
      });
    }
    if (e.type === 'short_circuit') skipped = e.skipped;
  }
  for (const l of skipped) chips.push({ text: `${l} skipped`, tone: 'skipped' });
  if (enter.head.length === 0) chips.push({ text: 'no LSM on this hook', tone: 'skipped' });
  return chips;
}

const textWidth = (s: string) => s.length * CHAR;

/** Lays chips out left to right, wrapping at `width`; returns their positions and the rows used. */
function flow(chips: readonly { text: string }[], x0: number, width: number): { x: number; row: number }[] {
  const out: { x: number; row: number }[] = [];
  let x = x0;
  let row = 0;
  for (const c of chips) {
    const w = textWidth(c.text) + 16;
    if (x > x0 && x + w > x0 + width) {
      x = x0;
      row++;
    }
    out.push({ x, row });
    x += w + 8;
  }
  return out;
}

/** The SVG document of one syscall of a run, as a string (UTF-8, with an XML declaration). */
export function traceSvg(input: TraceSvgInput): string {
  const events = runEvents(input.run);
  const result = input.run.syscalls[input.syscall];
  const stages = result ? pathStages(events, input.syscall) : [];
  const strace = result ? formatSyscallLine(result) : '(no syscall)';
  const lines = [`$ ${input.run.line}`, strace];
  const width = Math.ceil(
    Math.max(
      720,
      Math.min(2400, PAD * 2 + Math.max(...lines.map(textWidth), ...stages.map((s) => textWidth(s.label) + 260))),
    ),
  );
  const inner = width - PAD * 2;
  const body: string[] = [];
  const text = (x: number, y: number, s: string, attrs = '') =>
    body.push(`<text x="${x}" y="${y}"${attrs}>${xmlText(s)}</text>`);
  const rect = (x: number, y: number, w: number, h: number, fill: string, stroke: string, extra = '') =>
    body.push(
      `<rect x="${x}" y="${y}" width="${Math.round(w)}" height="${h}" rx="4" fill="${fill}" stroke="${stroke}"${extra}/>`,
    );

  let y = PAD + 14;
  text(PAD, y, 'LSM Playground · trace', ` font-family="${SANS}" font-size="12" fill="${COLORS.muted}"`);
  y += 24;
  text(PAD, y, lines[0]!, ` font-weight="bold"`);
  y += 20;
  text(PAD, y, lines[1]!, result && (result.ret ?? 0) < 0 ? ` fill="${COLORS.deny}"` : '');
  y += 30;

  // The stack, as StackView lists it: the order every hook head calls its LSMs in.
  text(
    PAD,
    y,
    `Linux ${input.kernelVersion} · LSM stack in call order`,
    ` font-family="${SANS}" font-size="12" fill="${COLORS.muted}"`,
  );
  y += 10;
  const stackChips = input.order.map((name, i) => ({ text: `${i + 1} ${name}` }));
  const stackPos = flow(stackChips, PAD, inner);
  stackChips.forEach((c, i) => {
    const p = stackPos[i]!;
    const cy = y + p.row * 30;
    rect(p.x, cy, textWidth(c.text) + 16, 24, COLORS.neutralBg, COLORS.line);
    text(p.x + 8, cy + 16, c.text);
  });
  y += (stackPos.length > 0 ? stackPos[stackPos.length - 1]!.row + 1 : 1) * 30 + 16;

  // The path: one row per stage; a hook head gets its LSMs' verdicts below its label.
  text(PAD, y, 'Path of the syscall', ` font-family="${SANS}" font-size="12" fill="${COLORS.muted}"`);
  y += 10;
  for (const st of stages) {
    const chips = st.kind === 'hook' ? headChips(events, st) : [];
    const pos = flow(chips, PAD + 24, inner - 36);
    const rows = chips.length > 0 ? pos[pos.length - 1]!.row + 1 : 0;
    const h = 30 + rows * 28;
    const tone = st.denied ? COLORS.deny : st.kind === 'hook' ? COLORS.hook : COLORS.line;
    rect(PAD, y, inner, h, st.kind === 'hook' ? COLORS.hookBg : COLORS.bg, tone);
    body.push(`<rect x="${PAD}" y="${y}" width="5" height="${h}" fill="${tone}"/>`);
    const label = st.kind === 'exit' ? `← ${st.label}` : st.label;
    text(PAD + 14, y + 20, label, st.kind === 'hook' ? ' font-weight="bold"' : '');
    const outcome = `${st.result ?? ''}${st.by ? ` by ${st.by}` : ''}`;
    if (outcome)
      text(PAD + inner - 12, y + 20, outcome, ` text-anchor="end"${st.denied ? ` fill="${COLORS.deny}"` : ''}`);
    chips.forEach((c, i) => {
      const p = pos[i]!;
      const cy = y + 30 + p.row * 28;
      const w = textWidth(c.text) + 16;
      if (c.tone === 'skipped') rect(p.x, cy, w, 22, COLORS.bg, COLORS.muted, ' stroke-dasharray="4 3"');
      else if (c.tone === 'deny') rect(p.x, cy, w, 22, COLORS.denyBg, COLORS.deny);
      else if (c.tone === 'allow') rect(p.x, cy, w, 22, COLORS.allowBg, COLORS.allow);
      else rect(p.x, cy, w, 22, COLORS.neutralBg, COLORS.line);
      const fill = c.tone === 'deny' ? COLORS.deny : c.tone === 'skipped' ? COLORS.muted : COLORS.ink;
      text(p.x + 8, cy + 15, c.text, ` fill="${fill}"`);
    });
    y += h + 8;
  }
  y += 8;
  text(
    PAD,
    y + 12,
    'A model of the Linux LSM framework; the trace is what its simulated kernel recorded.',
    ` font-family="${SANS}" font-size="11" fill="${COLORS.muted}"`,
  );
  const height = Math.ceil(y + 12 + PAD);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${MONO}" font-size="13" fill="${COLORS.ink}">`,
    `<title>${xmlText(`${input.run.line}: ${strace}`)}</title>`,
    `<rect width="${width}" height="${height}" fill="${COLORS.bg}"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
