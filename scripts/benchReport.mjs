#!/usr/bin/env node
// Writes the vitest bench JSON as a table between the markers of docs/PERFORMANCE.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const [jsonPath, memoryPath, snapshotsPath, bundledPath, browserPath] = process.argv.slice(2);
const readJson = (p) => (p && existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : null);
const data = JSON.parse(readFileSync(jsonPath, 'utf8'));
const rows = [];
for (const file of data.files ?? []) {
  for (const group of file.groups ?? []) {
    for (const b of group.benchmarks ?? []) {
      rows.push(
        `| ${group.fullName.split(' > ').slice(1).join(' > ') || group.fullName} | ${b.name} | ${Math.round(b.hz).toLocaleString('en-US')} | ${(b.mean * 1000).toFixed(1)} | ±${b.rme.toFixed(1)}% | ${b.sampleCount} |`,
      );
    }
  }
}
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}.`,
  '',
  '| group | benchmark | ops/s | mean µs | rme | samples |',
  '| --- | --- | ---: | ---: | ---: | ---: |',
  ...rows,
  ...memoryLines(),
  ...snapshotLines(),
  ...bundledLines(),
  ...browserLines(),
].join('\n');

function browserLines() {
  const b = readJson(browserPath);
  if (!b) return [];
  return [
    '',
    `In headless Chromium (\`pnpm bench:browser\`): initial JS ${b.initialJs.gzipKB} KB gzip; stack and Run usable after ${b.usableMs} ms (median of five loads${b.usableRangeMs ? `, ${b.usableRangeMs[0]}–${b.usableRangeMs[1]} ms` : ''}); first shell line ${b.firstLineMs} ms, later lines ${b.shellLineMs} ms; a runaway hook reported with a fresh worker after ${b.guardStopMs} ms (guard) or ${b.watchdogStopMs} ms (watchdog), the next line ${b.guardNextLineMs} / ${b.watchdogNextLineMs} ms; replaying a trace at 30 events/s: ${b.animation.fps} frames/s, p95 frame ${b.animation.p95FrameMs} ms, longest ${b.animation.longestFrameMs} ms.`,
  ];
}

function snapshotLines() {
  const s = readJson(snapshotsPath);
  if (!s) return [];
  return [
    '',
    `Snapshots: a ${s.steps}-step scenario keeps ${s.snapshots} world snapshots in ${(s.bytes / 1024).toFixed(0)} KiB, ${(s.bytesPerSnapshot / 1024).toFixed(1)} KiB each with unchanged parts shared (a full copy per step would be ${(s.fullCopyBytesPerSnapshot / 1024).toFixed(1)} KiB each).`,
  ];
}

function bundledLines() {
  const b = readJson(bundledPath);
  if (!b) return [];
  const real = b.results.find((r) => r.name.startsWith('real'));
  const inChromium = readJson(browserPath)?.syscalls;
  const row = (where, r) =>
    `| ${where} | ${r.name} | ${r.medianUs.toFixed(2)} | ${(r.medianUs / real.medianUs).toFixed(2)} |`;
  return [
    '',
    `The same syscall bench on the shipped code (bundled and minified by esbuild: \`scripts/benchBundled.mjs\` in Node, ${b.rounds} interleaved rounds of ${b.perRound.toLocaleString('en-US')}, median${inChromium ? `; and in headless Chromium, the engine worker's runtime, by \`pnpm bench:browser\`, ${inChromium.rounds} rounds of ${inChromium.perRound.toLocaleString('en-US')}` : ''}), against Node's real open and close:`,
    '',
    '| runtime | benchmark | mean µs | × real |',
    '| --- | --- | ---: | ---: |',
    ...b.results.map((r) => row(`Node ${process.version}`, r)),
    ...(b.watched ?? []).map((r) => row(`Node ${process.version}`, r)),
    ...(inChromium ? inChromium.results.map((r) => row(`Chromium ${inChromium.chromium ?? ''}`.trim(), r)) : []),
    ...(b.notWatched ?? []).flatMap((r) => ['', `Not measured here: ${r.name} (${r.why}).`]),
  ];
}

function memoryLines() {
  if (!memoryPath) return [];
  const m = JSON.parse(readFileSync(memoryPath, 'utf8'));
  return [
    '',
    `Memory: ${m.syscalls.toLocaleString('en-US')} traced syscalls (${m.events.toLocaleString('en-US')} trace events) hold ${(m.bytes / 1048576).toFixed(1)} MiB of heap: ${m.bytesPerSyscall} bytes per syscall, ${m.bytesPerEvent} bytes per event (heap after a full GC).`,
  ];
}
const doc = 'docs/PERFORMANCE.md';
const text = readFileSync(doc, 'utf8');
const start = '<!-- bench:start -->';
const end = '<!-- bench:end -->';
const i = text.indexOf(start);
const j = text.indexOf(end);
if (i < 0 || j < 0) throw new Error(`${doc} lacks the ${start} / ${end} markers`);
writeFileSync(doc, `${text.slice(0, i + start.length)}\n${table}\n${text.slice(j)}`);
console.log(table);
