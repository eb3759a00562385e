// The profile language subset (apparmor.d(5)) and its globbing: what parses, what each rule means,
// and the errors (line:col and the reason) for what does not.
import { describe, expect, it } from 'vitest';
import { compileGlob } from './glob';
import { APPARMOR_DEFAULT_POLICY } from './defaultPolicy';
import { fileMaskString, mapOldPerms, MAY_READ, MAY_WRITE, AA_MAY_CREATE, AA_MAY_DELETE } from './perms';
import { formatPolicyError, parsePolicy } from './policy';

const matches = (glob: string, name: string): boolean => {
  const g = compileGlob(glob);
  if (!g.ok) throw new Error(g.reason);
  return g.re.test(name);
};

describe('apparmor globbing (apparmor.d(5) "Globbing")', () => {
  it('* stays within one path component; ** crosses directories', () => {
    expect(matches('/etc/*', '/etc/passwd')).toBe(true);
    expect(matches('/etc/*', '/etc/ssh/sshd_config')).toBe(false);
    expect(matches('/etc/**', '/etc/ssh/sshd_config')).toBe(true);
    expect(matches('/home/*/.ssh/**', '/home/alice/.ssh/id_rsa')).toBe(true);
    expect(matches('/home/*/.ssh/**', '/home/alice/notes.txt')).toBe(false);
    // A directory is named with a trailing '/': /tmp/* does not match /tmp/ itself.
    expect(matches('/tmp/*', '/tmp/')).toBe(false);
    expect(matches('/tmp/', '/tmp/')).toBe(true);
  });

  it('? is one character but not /, [...] a class, [^...] its complement, {a,b} alternatives', () => {
    expect(matches('/dev/tty?', '/dev/tty1')).toBe(true);
    expect(matches('/dev/tty?', '/dev/tty12')).toBe(false);
    expect(matches('/dev/sd[ab]', '/dev/sdb')).toBe(true);
    expect(matches('/dev/sd[^ab]', '/dev/sdb')).toBe(false);
    expect(matches('/dev/sd[^ab]', '/dev/sdc')).toBe(true);
    expect(matches('/etc/{passwd,group}', '/etc/group')).toBe(true);
    expect(matches('/etc/{passwd,group}', '/etc/shadow')).toBe(false);
    expect(matches('/usr/{bin,lib/{x,y}}/**', '/usr/lib/y/z')).toBe(true);
    expect(matches('/a\\*b', '/a*b')).toBe(true);
    expect(matches('/a\\*b', '/axb')).toBe(false);
  });

  it('reports unbalanced braces', () => {
    expect(compileGlob('/etc/{a,b').ok).toBe(false);
    expect(compileGlob('/etc/a}').ok).toBe(false);
  });
});

describe('apparmor permission letters', () => {
  it('map as policy_compat.c map_old_perms(): r → read, getattr, open; w → write and the metadata writes', () => {
    const w = mapOldPerms(2);
    expect(w & MAY_WRITE).toBeTruthy();
    expect(w & AA_MAY_CREATE).toBeTruthy();
    expect(w & AA_MAY_DELETE).toBeTruthy();
    expect(mapOldPerms(4) & MAY_READ).toBeTruthy();
  });

  it('print in aa_file_perm_chrs bit order ("xwracd…km l"), as file_audit_cb() does', () => {
    expect(fileMaskString(MAY_READ | MAY_WRITE)).toBe('wr');
    expect(fileMaskString(MAY_WRITE | AA_MAY_DELETE)).toBe('wd');
    expect(fileMaskString(AA_MAY_CREATE)).toBe('c');
  });
});

describe('apparmor profile language', () => {
  it('parses the default policy', () => {
    const r = parsePolicy(APPARMOR_DEFAULT_POLICY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.profiles.map((p) => [p.name, p.attach, p.mode])).toEqual([
      ['python3', '/usr/bin/python3', 'enforce'],
      ['passwd', '/usr/bin/passwd', 'enforce'],
      ['sandbox', null, 'enforce'],
    ]);
    const py = r.profiles[0]!;
    expect(py.files.find((f) => f.glob === '/usr/bin/passwd')?.exec).toMatchObject({ type: 'p', unsafe: true });
    expect(py.files.find((f) => f.glob === '/usr/bin/ls')?.exec).toMatchObject({ type: 'i' });
    expect(py.files.find((f) => f.glob === '/root/**')).toMatchObject({ deny: true, audit: false });
    expect(py.files.find((f) => f.glob === '/home/*/**')).toMatchObject({ owner: true });
  });

  it('takes the issue’s example: a path-named profile with flags, globs, deny and ix', () => {
    const r = parsePolicy(`profile /usr/bin/passwd flags=(complain) {
  /etc/shadow rw,
  /etc/** r,
  deny /home/*/.ssh/** rwx,
  /usr/bin/* ix,
}
`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.profiles[0]).toMatchObject({ name: '/usr/bin/passwd', attach: '/usr/bin/passwd', mode: 'complain' });
    expect(r.profiles[0]!.files).toHaveLength(4);
  });

  it('takes the name-first form, an attachment after the name, comments, abi, @{HOME}, capability and change_profile', () => {
    const r = parsePolicy(`abi <abi/4.0>,
# a comment
/usr/bin/foo {   # trailing comment
  @{HOME}/** r,
  capability dac_override setuid,
  audit capability chown,
  deny capability sys_admin,
  change_profile -> sandbox,
  file r /etc/hostname,
}
profile web /srv/www/** flags=(audit) {}
`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [foo, web] = r.profiles;
    expect(foo!.files.map((f) => f.glob)).toEqual(['{/home/*/,/root/}/**', '/etc/hostname']);
    expect([...foo!.caps.allow]).toEqual([1, 7, 0]);
    expect([...foo!.caps.audit]).toEqual([0]);
    expect([...foo!.caps.quiet]).toEqual([21]);
    expect(foo!.changeProfile).toHaveLength(1);
    expect(web).toMatchObject({ name: 'web', attach: '/srv/www/**', attachLen: 9, auditAll: true });
  });

  const err = (text: string): string => {
    const r = parsePolicy(text);
    if (r.ok) throw new Error('parsed');
    return formatPolicyError(r.error);
  };

  it('refuses errors with line:col and the reason', () => {
    expect(err('profile a {\n  /etc/passwd rq,\n}\n')).toBe(
      "2:16: invalid permission 'q' (the model takes r w a l k m and ix px Px cx Cx ux Ux pix pux)",
    );
    expect(err('profile a {\n  /bin/ls x,\n}')).toBe(
      "2:11: invalid mode: 'x' must be preceded by an exec qualifier 'i', 'p', 'c' or 'u'",
    );
    expect(err('profile a {\n  /tmp/f wa,\n}')).toBe("2:11: conflict: 'a' and 'w' perms are mutually exclusive");
    expect(err('profile a {\n  /etc/passwd r\n}')).toBe("3:1: missing ',' at the end of the rule");
    expect(err('profile a {\n  /etc/passwd r,\n')).toBe("1:11: missing '}' at the end of the profile");
    expect(err('#include <tunables/global>\nprofile a {}')).toBe(
      '1:1: include is not supported: the model has no /etc/apparmor.d abstractions',
    );
    expect(err('profile a {\n  include <abstractions/base>\n}')).toBe(
      '2:3: include is not supported: the model has no /etc/apparmor.d abstractions',
    );
    expect(err('profile a {\n  capability dac_overide,\n}')).toBe("2:14: unknown capability 'dac_overide'");
    expect(err('profile a {\n  network inet stream,\n}')).toBe('2:3: network rules are not modelled');
    expect(err('profile a flags=(kill) {}')).toBe(
      "1:11: unknown or unmodelled profile flag 'kill' (the model takes complain, enforce, audit)",
    );
    expect(err('foo {}')).toBe("1:1: a profile name that is not an absolute path needs the 'profile' keyword");
    expect(err('profile a {}\nprofile a {}')).toBe("2:9: profile 'a' is defined twice");
    expect(err('profile a {\n  /etc/{a,b r,\n}')).toBe("2:8: unterminated '{' in path");
    expect(err('profile a {\n  /bin/x ix -> b,\n}')).toBe("2:13: '->' needs a px, Px, cx or Cx exec mode");
    expect(err('profile a {\n  @{FOO}/x r,\n}')).toBe(
      '2:3: unknown variable @{FOO} (the model knows @{HOME}, @{PROC}, @{sys})',
    );
    expect(err('# nothing\n')).toBe('2:1: no profile in the policy');
  });
});
