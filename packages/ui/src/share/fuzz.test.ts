// The link decoder under 100,000 random and mutated inputs: each one ends in a valid state, null
// (nothing to open) or a ShareLinkError, never in another exception, and none runs away. The seed
// is printed; FUZZ_SEED=<n> replays a run.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@lsm-playground/core';
import { base64urlEncode, decodeShareLink, deflateRaw, encodeShareLink } from './codec';
import { SAMPLE } from './sampleState';
import { ShareLinkError, validateShareState } from './shareState';

const RUNS = 100_000;
/** A hang detector, not a speed target: a decode that takes this long is stuck. */
const STUCK_MS = 5_000;

describe('share link decoder fuzz', () => {
  it(`survives ${RUNS} random and mutated links`, async () => {
    // vitest runs in Node: the environment is there, though the ui package's types leave Node out.
    const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
    const seed = Number(env['FUZZ_SEED'] ?? 0x5eed_2026);
    console.log(`share link fuzz seed: ${seed} (FUZZ_SEED=${seed} replays it)`);
    const rnd = mulberry32(seed);
    const int = (n: number) => Math.floor(rnd() * n);
    const good = await encodeShareLink(SAMPLE);
    const json = JSON.stringify(SAMPLE);
    const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=&%#+/ v\u00e9\u{1f600}\0';
    const randomText = (n: number) => Array.from({ length: n }, () => CHARS[int(CHARS.length)]).join('');
    const mutate = (s: string): string => {
      const a = [...s];
      const edits = 1 + int(4);
      for (let e = 0; e < edits; e++) {
        const at = int(a.length + 1);
        switch (int(4)) {
          case 0:
            a.splice(at, 1);
            break;
          case 1:
            a.splice(at, 0, CHARS[int(CHARS.length)]!);
            break;
          case 2:
            a[Math.min(at, a.length - 1)] = CHARS[int(CHARS.length)]!;
            break;
          default:
            a.length = Math.min(a.length, at);
        }
      }
      return a.join('');
    };
    // Deflated JSON that is valid deflate but a mutated state: exercises the validator.
    const jsonMutants: string[] = [];
    for (let i = 0; i < 200; i++)
      jsonMutants.push(`v1.${base64urlEncode(await deflateRaw(new TextEncoder().encode(mutate(json))))}`);

    let states = 0;
    let errors = 0;
    let slowest = 0;
    const kinds = new Map<string, number>();
    for (let i = 0; i < RUNS; i++) {
      const pick = int(10);
      const input =
        pick < 3
          ? randomText(int(80))
          : pick < 4
            ? `v${int(3)}.${randomText(int(200))}`
            : pick < 8
              ? mutate(good)
              : pick < 9
                ? mutate(jsonMutants[int(jsonMutants.length)]!)
                : jsonMutants[int(jsonMutants.length)]!;
      const t0 = performance.now();
      try {
        const s = await decodeShareLink(input);
        if (s !== null) {
          // Whatever decodes is a state the validator accepts as it stands.
          expect(validateShareState(s)).toEqual(s);
          states++;
        }
      } catch (e) {
        if (!(e instanceof ShareLinkError))
          throw new Error(`input #${i} (${JSON.stringify(input).slice(0, 200)}) threw ${String(e)}`);
        expect(e.message.length).toBeGreaterThan(0);
        kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
        errors++;
      }
      slowest = Math.max(slowest, performance.now() - t0);
      if (slowest > STUCK_MS) throw new Error(`input #${i} took ${slowest.toFixed(0)} ms`);
    }
    console.log(
      `share link fuzz: ${states} states, ${errors} errors ${JSON.stringify(Object.fromEntries(kinds))}, slowest ${slowest.toFixed(1)} ms`,
    );
    expect(states + errors).toBeGreaterThan(RUNS * 0.9);
    expect(kinds.size).toBeGreaterThanOrEqual(3);
  }, 600_000);
});
