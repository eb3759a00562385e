// validateLesson: a good lesson passes; each kind of mistake is reported with its place.
import { describe, expect, it } from 'vitest';
import { LESSON_LIMITS, validateLesson } from './validateLesson';

const good = () => ({
  format: 'lsm-playground-lesson',
  version: 1,
  id: 'a-lesson',
  title: 'A lesson',
  body: ['First paragraph.', 'Second paragraph.'],
  links: [{ title: 'security.c', url: 'https://elixir.bootlin.com/linux/v6.18/source/security/security.c' }],
  start: {
    boot: { kernelVersion: '6.18', cmdline: 'lsm=yama', configLsm: 'yama', policies: { selinux: 'x' } },
    files: [{ fileName: 'my_lsm.ts', source: '' }],
    lines: ['cat /etc/hostname', 'dmesg'],
  },
  goals: [
    { kind: 'result', step: 2, errno: null },
    { kind: 'bootOrder', order: ['capability', 'yama'] },
  ],
  hints: ['One.', 'Two.'],
  solution: { files: [{ fileName: 'prog.bpf.c', source: 'x' }] },
});

/** The errors of `good()` changed by `change`. */
function errorsOf(change: (l: Record<string, any>) => void): string[] {
  const l: Record<string, any> = good();
  change(l);
  const v = validateLesson(l);
  return v.ok ? [] : v.errors;
}

describe('validateLesson', () => {
  it('accepts a well-formed lesson and returns it', () => {
    const v = validateLesson(good());
    expect(v.ok ? v.lesson.id : v.errors).toBe('a-lesson');
  });

  it('refuses what is not an object', () => {
    expect(validateLesson([])).toEqual({ ok: false, errors: ['lesson: expected an object, got []'] });
  });

  it.each<[string, (l: Record<string, any>) => void, RegExp]>([
    ['an unknown field', (l) => (l['extra'] = 1), /^extra: unknown field/],
    ['the wrong format', (l) => (l['format'] = 'scenario'), /^format: expected "lsm-playground-lesson"/],
    ['another version', (l) => (l['version'] = 2), /^version: expected 1, got 2/],
    ['an id with capitals', (l) => (l['id'] = 'Lesson-1'), /^id: expected lower-case/],
    ['an id too long', (l) => (l['id'] = 'a'.repeat(LESSON_LIMITS.id + 1)), /^id: /],
    ['an empty title', (l) => (l['title'] = ' '), /^title: expected a non-empty text/],
    ['a title too long', (l) => (l['title'] = 'x'.repeat(LESSON_LIMITS.title + 1)), /^title: .*at most 120/],
    ['no body', (l) => (l['body'] = []), /^body: expected 1 to 8 items, got 0/],
    ['a body that is text', (l) => (l['body'] = 'text'), /^body: expected an array/],
    ['too many paragraphs', (l) => (l['body'] = Array(9).fill('p')), /^body: expected 1 to 8 items, got 9/],
    ['a paragraph too long', (l) => (l['body'][1] = 'x'.repeat(2001)), /^body\[1\]: /],
    ['an http link', (l) => (l['links'][0].url = 'http://example.org/'), /^links\[0\]\.url: links must be https/],
    ['a javascript link', (l) => (l['links'][0].url = 'javascript:alert(1)'), /^links\[0\]\.url: /],
    ['a link without a title', (l) => delete l['links'][0].title, /^links\[0\]\.title: /],
    ['a link with an extra field', (l) => (l['links'][0].rel = 'x'), /^links\[0\]\.rel: unknown field/],
    ['too many links', (l) => (l['links'] = Array(11).fill(l['links'][0])), /^links: expected at most 10 items/],
    ['a start without files', (l) => delete l['start'].files, /^start\.files: expected an array/],
    ['a start without lines', (l) => delete l['start'].lines, /^start\.lines: expected an array/],
    ['a start that is not an object', (l) => (l['start'] = 3), /^start: expected an object/],
    ['an unknown state field', (l) => (l['start'].tabs = []), /^start\.tabs: unknown field/],
    ['a bad file name', (l) => (l['start'].files[0].fileName = 'My-LSM.ts'), /^start\.files\[0\]\.fileName: /],
    ['a .js file', (l) => (l['start'].files[0].fileName = 'a.js'), /^start\.files\[0\]\.fileName: /],
    [
      'a duplicate file name',
      (l) => l['start'].files.push({ fileName: 'my_lsm.ts', source: '' }),
      /^start\.files\[1\]\.fileName: "my_lsm.ts" is already/,
    ],
    ['a source that is not text', (l) => (l['start'].files[0].source = 1), /^start\.files\[0\]\.source: /],
    ['too many files', (l) => (l['start'].files = Array(9).fill({ fileName: 'a.ts', source: '' })), /^start\.files: /],
    ['an empty shell line', (l) => (l['start'].lines[0] = ''), /^start\.lines\[0\]: expected a non-empty/],
    ['a shell line that does not parse', (l) => (l['start'].lines[0] = 'echo "x'), /^start\.lines\[0\]: /],
    ['too many lines', (l) => (l['start'].lines = Array(51).fill('id')), /^start\.lines: expected at most 50/],
    ['an unknown kernel', (l) => (l['start'].boot.kernelVersion = '5.10'), /^start\.boot\.kernelVersion: /],
    ['a cmdline that is not text', (l) => (l['start'].boot.cmdline = ['lsm=yama']), /^start\.boot\.cmdline: /],
    ['a cmdline too long', (l) => (l['start'].boot.cmdline = 'x'.repeat(1001)), /^start\.boot\.cmdline: /],
    ['an unknown boot field', (l) => (l['start'].boot.maxLsmCount = 3), /^start\.boot\.maxLsmCount: unknown/],
    ['a policy by a bad name', (l) => (l['start'].boot.policies = { 'Se Linux': 'x' }), /^start\.boot\.policies: /],
    ['a policy that is not text', (l) => (l['start'].boot.policies = { selinux: 1 }), /policies\.selinux: /],
    ['an empty solution', (l) => (l['solution'] = {}), /^solution: a solution changes at least one/],
    ['a bad solution file', (l) => (l['solution'].files[0].fileName = 'x.c'), /^solution\.files\[0\]\.fileName/],
    ['no goals', (l) => (l['goals'] = []), /^goals: a lesson has at least one goal/],
    ['goals that are not a list', (l) => (l['goals'] = {}), /^goals: expected an array/],
    ['a goal of an unknown kind', (l) => (l['goals'][0].kind = 'exit'), /^goals\[0\]\.kind: /],
    ['a goal on a step past the lines', (l) => (l['goals'][0].step = 3), /^goals\[0\]\.step: step 3 does not exist/],
    [
      'an unknown hook in a goal',
      (l) => (l['goals'] = [{ kind: 'hook', hook: 'fileopen', reached: true }]),
      /^goals\[0\]\.hook/,
    ],
    ['no hints', (l) => (l['hints'] = []), /^hints: expected 1 to 5 items, got 0/],
    ['a hint too long', (l) => (l['hints'][0] = 'x'.repeat(501)), /^hints\[0\]: /],
  ])('reports %s', (_what, change, error) => {
    const errors = errorsOf(change);
    expect(errors.length, JSON.stringify(errors)).toBeGreaterThan(0);
    expect(
      errors.some((e) => error.test(e)),
      JSON.stringify(errors),
    ).toBe(true);
  });

  it('counts goal steps in the solution’s lines when it has its own', () => {
    expect(
      errorsOf((l) => {
        l['solution'].lines = ['id', 'id', 'id'];
        l['goals'][0].step = 3;
      }),
    ).toEqual([]);
  });

  it('reports every problem at once', () => {
    const errors = errorsOf((l) => {
      l['id'] = 'X';
      l['hints'] = [];
      l['links'][0].url = 'ftp://x';
    });
    expect(errors).toHaveLength(3);
  });
});
