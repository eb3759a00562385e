// One test per migration step: a state of version n becomes a valid state of version n + 1.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODULE_FILE, defaultConfigLsm } from '@lsm-playground/core';
import { MIGRATIONS, migrateToCurrent } from './migrations';
import { SHARE_VERSION, validateShareState } from './shareState';

describe('migrations', () => {
  it('has one step per version', () => {
    expect(MIGRATIONS.length).toBe(SHARE_VERSION);
  });

  it('v0 → v1: the readable fragment gets the defaults it left out and the default module', () => {
    const v1 = validateShareState(MIGRATIONS[0]!({ kernelVersion: '6.18', lines: ['ls /'], notBuilt: ['smack'] }));
    expect(v1.boot).toEqual({
      kernelVersion: '6.18',
      configLsm: defaultConfigLsm('6.18'),
      cmdline: '',
      notBuilt: ['smack'],
      policies: {},
      presetId: null,
    });
    expect(v1.files.map((f) => f.fileName)).toEqual([DEFAULT_MODULE_FILE]);
    expect(v1.lines).toEqual(['ls /']);
    expect(v1.step).toBeNull();
  });

  it('refuses a version it has no path from', () => {
    expect(() => migrateToCurrent(-1, {})).toThrow(/no link format/);
    expect(() => migrateToCurrent(SHARE_VERSION + 1, {})).toThrow(/no link format/);
  });
});
