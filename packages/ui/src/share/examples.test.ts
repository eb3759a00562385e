// Every gallery example opens as a link would and shows what it promises.
import { describe, expect, test } from 'vitest';
import { inProcessWorker } from '../engine/inProcess';
import { createPlaygroundStore } from '../store/createPlaygroundStore';
import { applyShareState } from './applyShare';
import { EXAMPLES } from './examples';
import { validateShareState } from './shareState';
import FIXTURE_JSON from '../../../../e2e/fixtures/examples.json';

describe('the examples gallery', () => {
  test('ids are unique and every state is valid', () => {
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
    for (const e of EXAMPLES) expect(validateShareState(e.state)).toEqual(e.state);
  });

  for (const e of EXAMPLES) {
    test(`${e.id}: ${e.title}`, async () => {
      const store = createPlaygroundStore({}, { spawnEngine: inProcessWorker });
      const out = await applyShareState(store, e.state);
      expect(out.stoppedAt).toBeNull();
      expect(store.getState().loadResult?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const transcript = store
        .getState()
        .terminal.map((t) => `${t.line}\n${t.output}`)
        .join('\n');
      expect(transcript).toContain(e.expect);
    });
  }
});

test('e2e/fixtures/examples.json lists the same examples (the Playwright spec opens each, from the menu and from its link)', () => {
  expect(FIXTURE_JSON).toEqual(EXAMPLES.map((e) => ({ id: e.id, title: e.title, expect: e.expect, state: e.state })));
});
