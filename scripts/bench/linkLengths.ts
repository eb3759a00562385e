// Share link length against lz-string (issue 7: "the default demo's link stays short"): the page's
// default state and each gallery example, encoded by our codec (JSON, deflate-raw, base64url,
// `#v1.` prefix) and by LZString.compressToEncodedURIComponent on the same JSON. Writes a table
// between the links markers of docs/PERFORMANCE.md (run by `pnpm bench`, or alone with
// `pnpm exec tsx scripts/bench/linkLengths.ts`). Lengths, not times: the same state gives the
// same numbers on any machine with the same zlib.
import { readFileSync, writeFileSync } from 'node:fs';
import LZString from 'lz-string';
import '../../packages/core/src/models/index';
import { captureShareState } from '../../packages/ui/src/share/applyShare';
import { encodeShareLink } from '../../packages/ui/src/share/codec';
import { EXAMPLES } from '../../packages/ui/src/share/examples';
import { validateShareState, type ShareState } from '../../packages/ui/src/share/shareState';
import { createPlaygroundStore } from '../../packages/ui/src/store/createPlaygroundStore';

interface Row {
  readonly name: string;
  readonly json: number;
  readonly ours: number;
  readonly lz: number;
}

async function measure(name: string, state: ShareState): Promise<Row> {
  const json = JSON.stringify(validateShareState(state));
  // The fragment as the address bar shows it: `#` and the encoded state.
  const ours = `#${await encodeShareLink(state)}`.length;
  const lz = `#${LZString.compressToEncodedURIComponent(json)}`.length;
  return { name, json: json.length, ours, lz };
}

const rows: Row[] = [
  await measure(
    'default page (RustShield, stock 7.1 boot, no lines)',
    captureShareState(createPlaygroundStore().getState()),
  ),
];
for (const e of EXAMPLES) rows.push(await measure(`example: ${e.title}`, e.state));

const pct = (a: number, b: number) => `${a <= b ? '−' : '+'}${Math.abs(Math.round(((a - b) / b) * 100))}%`;
const table = [
  `Share link fragments (\`#…\`) of the same state, in characters: our codec against lz-string ${JSON.parse(readFileSync('node_modules/lz-string/package.json', 'utf8')).version} (\`compressToEncodedURIComponent\` of the same JSON). Deflate from Node's zlib, as Chromium's CompressionStream uses (other deflate implementations may differ by a few characters).`,
  '',
  '| state | JSON | ours (`#v1.…`) | lz-string | ours vs lz-string |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.name} | ${r.json} | ${r.ours} | ${r.lz} | ${pct(r.ours, r.lz)} |`),
].join('\n');

const doc = 'docs/PERFORMANCE.md';
const text = readFileSync(doc, 'utf8');
const start = '<!-- links:start -->';
const end = '<!-- links:end -->';
const i = text.indexOf(start);
const j = text.indexOf(end);
if (i < 0 || j < 0) throw new Error(`${doc} lacks the ${start} / ${end} markers`);
writeFileSync(doc, `${text.slice(0, i + start.length)}\n\n${table}\n\n${text.slice(j)}`);
console.log(table);
process.exit(0);
