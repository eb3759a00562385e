import { describe, expect, it } from 'vitest';
import { builtInLsms } from '../index';
import { SELINUX_FEDORA_POLICY } from '../models/selinux/defaultPolicy';
import { Machine } from './machine';
import { initialShellState, notAvailable, parseLine, runShell, shellPrompt, type ShellState } from './shell';
import { syscallDef } from './syscallTable';
import type { TraceEvent } from '../trace/events';

const ROOT = 1001;
const ALICE = 1102;

/** A machine and a shell; `sh(line)` runs a line and keeps the state. */
function session(pid = ROOT, config?: Parameters<typeof Machine.boot>[0]) {
  const m = Machine.boot(config);
  let state: ShellState = initialShellState(pid);
  const sh = (line: string) => {
    const r = runShell(m, state, line);
    state = r.state;
    return r;
  };
  return { m, sh, state: () => state };
}

const names = (r: { results: readonly { name: string }[] }) => r.results.map((s) => s.name);
const enterArgs = (r: { trace: readonly { type: string }[] }) =>
  (r.trace.find((e) => e.type === 'syscall_enter') as unknown as { args: string[] }).args;

describe('parseLine', () => {
  it('splits words with quotes and escapes', () => {
    expect(parseLine(`echo 'a  b' "c \\"d\\"" e\\ f`)).toEqual({
      words: ['echo', 'a  b', 'c "d"', 'e f'],
      redirect: null,
    });
    expect(parseLine('  ')).toEqual({ words: [], redirect: null });
    expect(parseLine('ls # a comment')).toEqual({ words: ['ls'], redirect: null });
    expect(parseLine(`echo ''`)).toEqual({ words: ['echo', ''], redirect: null });
  });

  it('takes > and >> redirections', () => {
    expect(parseLine('echo x > /tmp/f')).toEqual({ words: ['echo', 'x'], redirect: { path: '/tmp/f', append: false } });
    expect(parseLine('echo x>>/tmp/f')).toEqual({ words: ['echo', 'x'], redirect: { path: '/tmp/f', append: true } });
    expect(parseLine('echo "a > b"')).toEqual({ words: ['echo', 'a > b'], redirect: null });
  });

  it('reports what bash reports for broken lines', () => {
    expect(parseLine(`echo 'x`)).toEqual({ error: "unexpected EOF while looking for matching `''" });
    expect(parseLine('echo "x')).toEqual({ error: 'unexpected EOF while looking for matching `"\'' });
    expect(parseLine('echo >')).toEqual({ error: "syntax error near unexpected token `newline'" });
    expect(parseLine('echo > > f')).toEqual({ error: "syntax error near unexpected token `>'" });
  });
});

describe('file commands map to their syscalls', () => {
  it('cat: openat + read until 0 + close, as the current task', () => {
    const { sh } = session();
    const r = sh('cat /etc/hostname');
    expect(r.output).toBe('playground\n');
    expect(names(r)).toEqual(['openat', 'read', 'read', 'close']);
    expect(r.results.every((s) => s.pid === ROOT)).toBe(true);
    expect(enterArgs(r.results[0]!)).toEqual(['AT_FDCWD', '"/etc/hostname"', 'O_RDONLY', '0666']);
    expect(r.status).toBe(0);
  });

  it('cat: errors as coreutils prints them, and goes on with the next file', () => {
    const { sh } = session(ALICE);
    const r = sh('cat /etc/shadow /nope /etc/hostname');
    expect(r.output).toBe('cat: /etc/shadow: Permission denied\ncat: /nope: No such file or directory\nplayground\n');
    expect(r.status).toBe(1);
    expect(r.outcome?.errno).toBe('-EACCES');
    expect(sh('cat /tmp').output).toBe('cat: /tmp: Is a directory\n');
    expect(sh('cat').output).toBe('cat: reading standard input is not supported here\n');
  });

  it('cat /sys/kernel/security/lsm prints the LSM order', () => {
    const { m, sh } = session(ALICE);
    expect(sh('cat /sys/kernel/security/lsm').output).toBe(`${m.kernel.order.join(',')}\n`);
  });

  it('echo > and >>: O_WRONLY|O_CREAT|O_TRUNC or O_APPEND, write, close', () => {
    const { sh } = session(ALICE);
    const w = sh('echo hello > /tmp/f');
    expect(w.output).toBe('');
    expect(names(w)).toEqual(['openat', 'write', 'close']);
    expect(enterArgs(w.results[0]!)[2]).toBe('O_WRONLY|O_CREAT|O_TRUNC');
    expect(enterArgs(w.results[1]!)).toEqual(['0', '"hello\\n"']);
    const a = sh('echo -n "big  world" >> /tmp/f');
    expect(enterArgs(a.results[0]!)[2]).toBe('O_WRONLY|O_CREAT|O_APPEND');
    expect(sh('cat /tmp/f').output).toBe('hello\nbig  world\n');
    expect(sh('echo a b c').output).toBe('a b c\n');
  });

  it('a redirection that cannot be opened is reported by bash and the command does not run', () => {
    const { sh } = session(ALICE);
    const r = sh('echo x > /etc/passwd');
    expect(r.output).toBe('bash: /etc/passwd: Permission denied\n');
    expect(names(r)).toEqual(['openat']);
    expect(sh('cat /etc/hostname > /tmp/copy').output).toBe('');
    expect(sh('cat /tmp/copy').output).toBe('playground\n');
  });

  it('rm, mkdir, rmdir', () => {
    const { sh } = session(ALICE);
    expect(names(sh('mkdir /tmp/d'))).toEqual(['mkdirat']);
    expect(sh('mkdir /tmp/d').output).toBe("mkdir: cannot create directory '/tmp/d': File exists\n");
    sh('echo x > /tmp/d/f');
    expect(sh('rmdir /tmp/d').output).toBe("rmdir: failed to remove '/tmp/d': Directory not empty\n");
    expect(sh('rm /tmp/d').output).toBe("rm: cannot remove '/tmp/d': Is a directory\n");
    const rm = sh('rm /tmp/d/f');
    expect(names(rm)).toEqual(['unlinkat']);
    expect(rm.output).toBe('');
    expect(names(sh('rmdir /tmp/d'))).toEqual(['rmdir']);
    expect(sh('rm /etc/passwd').output).toBe("rm: cannot remove '/etc/passwd': Permission denied\n");
    expect(sh('rm -f /tmp/none').output).toBe('');
    expect(sh('rm /tmp/none').output).toBe("rm: cannot remove '/tmp/none': No such file or directory\n");
    expect(sh('rm').output).toBe("rm: missing operand\nTry 'rm --help' for more information.\n");
    expect(sh('mkdir').output).toBe("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
  });

  it('mv: renameat2, into a directory when the destination is one', () => {
    const { sh } = session(ALICE);
    sh('echo x > /tmp/a');
    const r = sh('mv /tmp/a /tmp/b');
    expect(r.output).toBe('');
    expect(names(r)).toEqual(['openat', 'renameat2']);
    expect(r.outcome?.name).toBe('renameat2');
    expect(r.outcome?.ret).toBe(0);
    sh('mkdir /tmp/d');
    expect(sh('mv /tmp/b /tmp/d').output).toBe('');
    expect(sh('cat /tmp/d/b').output).toBe('x\n');
    expect(sh('mv /tmp/nope /tmp/x').output).toBe("mv: cannot stat '/tmp/nope': No such file or directory\n");
    expect(sh('mv /etc/passwd /tmp/p').output).toBe("mv: cannot move '/etc/passwd' to '/tmp/p': Permission denied\n");
    expect(sh('mv /tmp/x').output).toBe(
      "mv: missing destination file operand after '/tmp/x'\nTry 'mv --help' for more information.\n",
    );
  });

  it('ls and ls -l', () => {
    const { sh } = session(ALICE);
    const r = sh('ls /etc');
    expect(r.output).toBe('group  hostname  passwd  shadow\n');
    // ls stats the name it is given (statx, following a link), then opens the directory.
    expect(names(r)).toEqual(['statx', 'openat', 'getdents64', 'close']);
    expect(enterArgs(r.results[0]!)).toEqual(['AT_FDCWD', '"/etc"', '0', '2047']);
    const getattr = r.results[0]!.trace.filter((e) => e.type === 'hook_enter').map((e) => (e as { hook: string }).hook);
    expect(getattr).toEqual(['inode_permission', 'inode_getattr']);
    expect(enterArgs(r.results[1]!)[2]).toBe('O_RDONLY|O_DIRECTORY|O_CLOEXEC');
    expect(sh('ls -l /etc').output).toBe(
      [
        '-rw-r--r-- 1 root root   112 group',
        '-rw-r--r-- 1 root root    11 hostname',
        '-rw-r--r-- 1 root root   243 passwd',
        '-rw-r----- 1 root shadow 208 shadow',
        '',
      ].join('\n'),
    );
    expect(sh('ls').output).toBe('notes.txt\n');
    expect(sh('ls /root').output).toBe("ls: cannot open directory '/root': Permission denied\n");
    expect(sh('ls /nope').output).toBe("ls: cannot access '/nope': No such file or directory\n");
    // -l does not follow a named link (statx with AT_SYMLINK_NOFOLLOW), and prints what it is.
    const file = sh('ls -l /etc/passwd');
    expect(file.output).toBe('-rw-r--r-- 1 root root 243 /etc/passwd\n');
    expect(names(file)).toEqual(['statx']);
    expect(enterArgs(file.results[0]!)[2]).toBe('AT_SYMLINK_NOFOLLOW');
    // Files come first, as one sorted list; then each directory under its name.
    expect(sh('ls /tmp /etc/passwd /etc/group').output).toBe('/etc/group  /etc/passwd\n\n/tmp:\n');
    expect(sh('ls -la /tmp').output).toBe('drwxrwxrwt 2 root root 4096 .\ndrwxr-xr-x 2 root root 4096 ..\n');
    expect(sh('ls -l /sys/kernel/security').output).toMatch(/^-r--r--r-- 1 root root +0 lsm$/m);
    expect(sh('ls -z').output).toBe("ls: invalid option -- 'z'\n");
  });

  it('chmod and chown', () => {
    const { sh } = session(ALICE);
    const r = sh('chmod 600 /home/alice/notes.txt');
    expect(r.output).toBe('');
    expect(enterArgs(r.results[0]!)).toEqual(['"/home/alice/notes.txt"', '0600']);
    expect(sh('ls -l notes.txt').output).toBe('-rw------- 1 alice alice 9 notes.txt\n');
    expect(sh('chmod 666 /etc/passwd').output).toBe(
      "chmod: changing permissions of '/etc/passwd': Operation not permitted\n",
    );
    expect(sh('chmod 666 /nope').output).toBe("chmod: cannot access '/nope': No such file or directory\n");
    expect(sh('chmod u+x /tmp').output).toBe("chmod: invalid mode: 'u+x' (only octal modes are supported here)\n");
    expect(sh('chmod 600').output).toBe(
      "chmod: missing operand after '600'\nTry 'chmod --help' for more information.\n",
    );
    expect(sh('chown root /home/alice/notes.txt').output).toBe(
      "chown: changing ownership of '/home/alice/notes.txt': Operation not permitted\n",
    );
    expect(sh('chown nobody-here /tmp').output).toBe("chown: invalid user: 'nobody-here'\n");
    const { sh: root } = session(ROOT);
    const c = root('chown alice:adm /etc/hostname');
    expect(c.output).toBe('');
    expect(enterArgs(c.results[0]!)).toEqual(['"/etc/hostname"', '1000', '4']);
    expect(root('ls -l /etc/hostname').output).toBe('-rw-r--r-- 1 alice adm 11 /etc/hostname\n');
  });

  it('getfattr and setfattr', () => {
    const { sh } = session(ALICE);
    sh('echo x > /tmp/f');
    const s = sh('setfattr -n security.demo -v 1 /tmp/f');
    expect(s.output).toBe('setfattr: /tmp/f: Operation not permitted\n');
    expect(names(s)).toEqual(['setxattr']);
    expect(sh('sudo setfattr -n security.demo -v 1 /tmp/f').output).toBe('');
    const g = sh('getfattr -n security.demo /tmp/f');
    expect(names(g)).toEqual(['getxattr']);
    expect(g.output).toBe('# file: tmp/f\nsecurity.demo="1"\n\n');
    expect(sh('getfattr -n user.none /tmp/f').output).toBe('/tmp/f: user.none: No such attribute\n');
    expect(sh('setfattr -n user.x /tmp/f').output).toBe(
      "Usage: setfattr -n NAME -v VALUE FILE...\nTry `setfattr --help' for more information.\n",
    );
  });
});

describe('tasks, users and the working directory', () => {
  it('cd and pwd change and show the task’s own cwd', () => {
    const { m, sh } = session(ALICE);
    expect(sh('pwd').output).toBe('/home/alice\n');
    const cd = sh('cd /tmp');
    expect(cd.output).toBe('');
    // chdir(2): the walk, then path_permission(MAY_EXEC|MAY_CHDIR) on /tmp itself.
    expect(names(cd)).toEqual(['chdir']);
    const kf = cd.results[0]!.trace.filter((e) => e.type === 'kfunc').map((e) => (e as { note: string | null }).note);
    expect(kf).toContain('/tmp MAY_EXEC|MAY_CHDIR');
    expect(m.world.pathName(m.task(ALICE)!.cwd)).toBe('/tmp');
    expect(sh('pwd').output).toBe('/tmp\n');
    sh('echo rel > f');
    expect(sh('cat /tmp/f').output).toBe('rel\n');
    expect(sh('cd /root').output).toBe('bash: cd: /root: Permission denied\n');
    expect(sh('cd /etc/passwd').output).toBe('bash: cd: /etc/passwd: Not a directory\n');
    expect(sh('cd').output).toBe('');
    expect(sh('pwd').output).toBe('/home/alice\n');
    expect(m.world.pathName(m.task(ROOT)!.cwd)).toBe('/root');
  });

  it('id, whoami and the prompt', () => {
    const { m, sh, state } = session(ALICE);
    expect(sh('id').output).toBe('uid=1000(alice) gid=1000(alice) groups=1000(alice),4(adm),27(sudo)\n');
    expect(sh('whoami').output).toBe('alice\n');
    expect(shellPrompt(m, state())).toBe('alice@playground:~$ ');
    expect(shellPrompt(m, initialShellState())).toBe('root@playground:~# ');
  });

  it('su switches among the login shells and exit goes back', () => {
    const { sh, state } = session();
    expect(sh('su alice').output).toBe('');
    expect(state()).toEqual({ pid: ALICE, stack: [ROOT] });
    expect(sh('whoami').output).toBe('alice\n');
    expect(sh('su').output).toBe('');
    expect(state()).toEqual({ pid: ROOT, stack: [ROOT, ALICE] });
    expect(sh('exit').output).toBe('logout\n');
    expect(sh('exit').output).toBe('logout\n');
    expect(state()).toEqual({ pid: ROOT, stack: [] });
    expect(sh('exit').output).toBe('bash: exit: this is the first login shell; there is none to return to\n');
    expect(sh('su bob').output).toBe('su: bob has no login shell on this machine to switch to\n');
    expect(sh('su mallory').output).toBe(
      'su: user mallory does not exist or the user entry does not contain all the required fields\n',
    );
  });

  it('sudo runs the command in root’s shell', () => {
    const { sh } = session(ALICE);
    const r = sh('sudo cat /etc/shadow');
    expect(r.output).toMatch(/^root:/);
    expect(r.results.every((s) => s.pid === ROOT)).toBe(true);
    expect(sh('sudo whoami').output).toBe('root\n');
    expect(sh('whoami').output).toBe('alice\n');
    expect(sh('sudo').output).toBe('usage: sudo command\n');
  });

  it('ps lists the tasks', () => {
    const { sh } = session();
    const out = sh('ps').output.split('\n');
    expect(out[0]).toBe('UID          PID    PPID STAT CMD');
    expect(out).toContain('root           1       0 S    /usr/sbin/init');
    expect(out).toContain('alice       1102     402 S    /usr/bin/bash');
  });
});

describe('commands that need task or system syscalls', () => {
  /** When the syscall is not registered yet, the shell says so; once it is, it does not. */
  function checkAvailability(line: string, cmd: string, syscall: string, alsoNeeded: string[] = []) {
    const { sh } = session(ALICE);
    const r = sh(line);
    const message = notAvailable(cmd, syscall);
    if (!syscallDef(syscall) && alsoNeeded.every((s) => !syscallDef(s))) {
      expect(r.output).toBe(`${message}\n`);
      expect(r.status).toBe(127);
      expect(r.results).toEqual([]);
    } else {
      expect(r.output).not.toContain('is not available yet');
    }
  }

  it('kill', () => checkAvailability('kill -9 1001', 'kill', 'kill'));
  it('insmod', () =>
    checkAvailability('insmod /usr/lib/modules/7.1.3/hello.ko', 'insmod', 'finit_module', ['init_module']));
  it('mount', () => checkAvailability('mount -t tmpfs none /tmp', 'mount', 'mount'));
  it('executing a path', () => checkAvailability('/usr/bin/passwd', 'bash: /usr/bin/passwd', 'fork', ['clone']));
  it('a program found in /usr/bin', () => checkAvailability('python3', 'bash: python3', 'fork', ['clone']));

  it('the message names the command and the syscall', () => {
    expect(notAvailable('kill', 'kill')).toBe('kill: kill(2) is not available yet in this model');
  });

  it('usage errors come before any syscall', () => {
    const { sh } = session();
    expect(sh('kill').output).toBe(
      'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n',
    );
    expect(sh('kill -BOGUS 1').output).toBe('bash: kill: BOGUS: invalid signal specification\n');
    expect(sh('mount /tmp').output).toBe(
      'Usage:\n mount -t <type> <source> <directory>\n(only this form is supported here)\n',
    );
    expect(sh('insmod').output).toBe('Usage:\n\tinsmod [options] filename [args]\n');
  });
});

describe('the rest', () => {
  it('unknown commands, syntax errors, empty lines', () => {
    const { sh } = session();
    const r = sh('frobnicate --now');
    expect(r.output).toBe('bash: frobnicate: command not found\n');
    expect(r.status).toBe(127);
    expect(sh('echo "oops').output).toBe('bash: unexpected EOF while looking for matching `"\'\n');
    expect(sh('').output).toBe('');
  });

  it('dmesg prints the log and help lists the commands', () => {
    const { m, sh } = session();
    expect(sh('dmesg').output).toBe(`${m.dmesg()}\n`);
    const help = sh('help').output;
    for (const c of ['cat FILE', 'ls [-l]', 'su [USER]', 'sudo CMD', 'mount -t TYPE SRC DIR', 'getfattr -n NAME FILE'])
      expect(help).toContain(c);
  });

  it('a state whose task is gone is reported', () => {
    const m = Machine.boot();
    expect(runShell(m, { pid: 4242, stack: [] }, 'id').output).toBe('bash: no running shell task with pid 4242\n');
  });
});

describe('expansions, builtins, and what the shell refuses rather than half runs', () => {
  const vars = (name: string) => ({ HOME: '/root', '?': '2', $: '1001', EMPTY: '' })[name];

  it('parseLine expands $NAME, ${NAME}, $? and $$ outside single quotes, when given variables', () => {
    expect(parseLine(`echo $HOME \${HOME}x "$HOME/y" '$HOME' \\$HOME $? $$ $9 a$`, vars)).toEqual({
      words: ['echo', '/root', '/rootx', '/root/y', '$HOME', '$HOME', '2', '1001', '$9', 'a$'],
      redirect: null,
    });
    // An unquoted expansion that is empty makes no word; a quoted one makes an empty word.
    expect(parseLine('echo $EMPTY $NOPE "$NOPE" x$NOPE', vars)).toEqual({ words: ['echo', '', 'x'], redirect: null });
    expect(parseLine('echo ${1x}', vars)).toEqual({ error: '${1x}: bad substitution' });
    // Without variables (lesson and link checks) a `$` is a character.
    expect(parseLine('echo $HOME')).toEqual({ words: ['echo', '$HOME'], redirect: null });
  });

  it('parseLine refuses pipelines, lists, < and other descriptors instead of taking them for words', () => {
    const refused: [string, string][] = [
      ['dmesg | tail -3', 'pipelines (|) are not modelled here (one command per line)'],
      ['ls; id', "`;' lists are not modelled here (one command per line)"],
      ['cat < /etc/passwd', 'input redirection (<) is not modelled here'],
      ['cat /etc/shadow 2>/dev/null', 'redirecting descriptor 2 (2>) is not modelled here (only stdout)'],
      ['echo x >&2', 'duplicating descriptors (>&) is not modelled here'],
      ['ls &> /tmp/o', 'redirecting stdout and stderr together (&>) is not modelled here'],
      ['echo `id`', 'command substitution (`…`) is not modelled here'],
      ['echo "$(id)"', 'command substitution ($(…)) is not modelled here'],
    ];
    for (const [line, error] of refused) expect(parseLine(line, vars), line).toEqual({ error });
    // Quoted or escaped, they are characters; `1>` is stdout; quoted digits are a word.
    expect(parseLine(`echo 'a|b' "c;d" e\\<f`, vars)).toEqual({ words: ['echo', 'a|b', 'c;d', 'e<f'], redirect: null });
    expect(parseLine('echo x 1> /tmp/o')).toEqual({
      words: ['echo', 'x'],
      redirect: { path: '/tmp/o', append: false },
    });
    expect(parseLine('echo "2">/tmp/o')).toEqual({ words: ['echo', '2'], redirect: { path: '/tmp/o', append: false } });
  });

  it('a refused line runs nothing; $? is the last line’s status, variables last per shell', () => {
    const { sh, state } = session();
    const piped = sh('cat /etc/passwd | wc -l');
    expect(piped.output).toBe('bash: pipelines (|) are not modelled here (one command per line)\n');
    expect(piped.results).toEqual([]);
    expect(piped.status).toBe(2);
    expect(sh('echo $?').output).toBe('2\n');
    expect(sh('false').status).toBe(1);
    expect(state().status).toBe(1);
    expect(sh('echo $?').output).toBe('1\n');
    expect(sh('true').status).toBe(0);
    expect(sh(':').status).toBe(0);
    expect(sh('echo $? $$ $USER $HOME $PWD').output).toBe('0 1001 root /root /root\n');
    expect(sh('GREETING="hi there" N=2').results).toEqual([]);
    expect(sh('echo "$GREETING" ${N}x').output).toBe('hi there 2x\n');
    // su starts another shell (its own variables); exit comes back to the first one's.
    sh('su alice');
    expect(sh('echo [$GREETING] $USER $$ $HOME').output).toBe('[] alice 1102 /home/alice\n');
    sh('exit');
    expect(sh('echo $GREETING').output).toBe('hi there\n');
    // Expanded text is not parsed again: a `|` that comes from a variable is a character.
    sh('P="a|b"');
    expect(sh('echo $P').output).toBe('a|b\n');
  });
});

describe('test and [ (bash builtins)', () => {
  it('file operators ask the kernel: statx for -e -f -d -s -L, faccessat2(AT_EACCESS) for -r -w -x', () => {
    const { sh } = session(ALICE);
    const r = sh('test -r /etc/shadow');
    expect(r.status).toBe(1);
    expect(r.output).toBe('');
    expect(names(r)).toEqual(['faccessat2']);
    expect(enterArgs(r.results[0]!)).toEqual(['AT_FDCWD', '"/etc/shadow"', 'R_OK', 'AT_EACCESS']);
    expect(sh('echo $?').output).toBe('1\n');
    expect(sh('[ -r /etc/passwd ]').status).toBe(0);
    expect(sh('[ -w /etc/passwd ]').status).toBe(1);
    expect(sh('[ -x /usr/bin/passwd ]').status).toBe(0);
    const d = sh('[ -d /tmp ]');
    expect(d.status).toBe(0);
    expect(names(d)).toEqual(['statx']);
    expect(sh('[ -f /tmp ]').status).toBe(1);
    expect(sh('[ -e /nope ]').status).toBe(1);
    expect(sh('[ ! -e /nope ]').status).toBe(0);
    expect(sh('[ -s /etc/passwd ]').status).toBe(0);
    sh('ln -s /etc/passwd /tmp/pl');
    const l = sh('[ -L /tmp/pl ]');
    expect(l.status).toBe(0);
    expect(enterArgs(l.results[0]!)[2]).toBe('AT_SYMLINK_NOFOLLOW');
    expect(sh('[ -f /tmp/pl ]').status).toBe(0);
  });

  it('strings and integers, and the usage errors bash gives (status 2)', () => {
    const { sh } = session(ALICE);
    expect(sh('test').status).toBe(1);
    expect(sh('test word').status).toBe(0);
    expect(sh('[ -z "" ]').status).toBe(0);
    expect(sh('[ -n "" ]').status).toBe(1);
    expect(sh('[ $USER = alice ]').status).toBe(0);
    expect(sh('[ a != a ]').status).toBe(1);
    expect(sh('[ 3 -lt 10 ]').status).toBe(0);
    expect(sh('[ 10 -le 3 ]').status).toBe(1);
    expect(sh('[ -d /tmp').output).toBe("bash: [: missing `]'\n");
    const bad = sh('test -q x');
    expect([bad.output, bad.status]).toEqual(['bash: test: -q: unary operator expected\n', 2]);
    expect(sh('[ a -lt 3 ]').output).toBe('bash: [: a: integer expression expected\n');
    expect(sh('[ a b c d ]').output).toBe('bash: [: too many arguments\n');
  });
});

describe('/proc/<pid>/attr/<lsm>/ (fs/proc/base.c attr_dir_stuff[])', () => {
  it('asks one LSM by its id, where attr/current asks the first LSM with getprocattr', () => {
    // bpf before apparmor: the BPF LSM's getprocattr stub answers attr/current with -EINVAL.
    const { sh } = session(ALICE, { cmdline: 'lsm=landlock,bpf,apparmor' });
    expect(sh('cat /proc/self/attr/current').output).toBe('cat: /proc/self/attr/current: Invalid argument\n');
    const aa = sh('cat /proc/self/attr/apparmor/current');
    expect(aa.output).toBe('unconfined\n');
    const asked = aa.results[1]!.trace.filter((e) => e.type === 'lsm_call' && e.hook === 'getprocattr').map(
      (e) => (e as { lsm: string }).lsm,
    );
    expect(asked).toEqual(['apparmor']);
    // Smack is built but not active: no callback has its id, so the hook's default, -EINVAL.
    expect(sh('cat /proc/self/attr/smack/current').output).toBe(
      'cat: /proc/self/attr/smack/current: Invalid argument\n',
    );
    expect(sh('ls /proc/self/attr').output).toBe('apparmor  current  exec  prev  smack\n');
  });

  it('exists only for the LSMs built into the kernel', () => {
    const m = Machine.boot({ lsms: builtInLsms('7.1', ['smack']) });
    const r = runShell(m, initialShellState(ALICE), 'ls /proc/self/attr');
    expect(r.output).toBe('apparmor  current  exec  prev\n');
  });
});

describe('mount with no arguments and /proc/<pid>/mounts (fs/proc_namespace.c show_vfsmnt())', () => {
  const MOUNTS = [
    '/dev/vda1 on / type ext4 (rw,relatime)',
    'proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)',
    'sysfs on /sys type sysfs (rw,nosuid,nodev,noexec,relatime)',
    'securityfs on /sys/kernel/security type securityfs (rw,nosuid,nodev,noexec,relatime)',
    'selinuxfs on /sys/fs/selinux type selinuxfs (rw,nosuid,noexec,relatime)',
  ];

  it('lists the mounts it reads from /proc/self/mounts; each line asks security_sb_show_options', () => {
    const { sh } = session();
    const r = sh('mount');
    expect(r.output).toBe(`${MOUNTS.join('\n')}\n`);
    expect(names(r)).toEqual(['openat', 'read', 'read', 'close']);
    const shown = r.results[1]!.trace.filter((e) => e.type === 'hook_enter' && e.hook === 'sb_show_options');
    expect(shown).toHaveLength(MOUNTS.length);
    // A new mount shows up with its source and flags; /proc/mounts is the link to self/mounts.
    sh('mkdir /tmp/m');
    sh('mount -t tmpfs scratch /tmp/m');
    expect(sh('cat /proc/mounts').output).toMatch(/^scratch \/tmp\/m tmpfs rw,relatime 0 0$/m);
  });

  it('with SELinux’s policy loaded, selinux_sb_show_options() adds seclabel where labels are supported', () => {
    const m = Machine.boot({ policies: { selinux: SELINUX_FEDORA_POLICY } });
    const out = runShell(m, initialShellState(), 'cat /proc/mounts').output;
    expect(out).toContain('/dev/vda1 / ext4 rw,seclabel,relatime 0 0\n');
    expect(out).toContain('sysfs /sys sysfs rw,seclabel,nosuid,nodev,noexec,relatime 0 0\n');
    // proc is labelled by genfscon without an xattr handler of its own: no seclabel.
    expect(out).toContain('proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n');
  });
});

describe('/proc/self (fs/proc/self.c)', () => {
  it('is a symlink to the reader’s own /proc/<tgid>: each task that follows it gets its own', () => {
    const { sh, m } = session();
    expect(sh('ls -l /proc').output).toMatch(/^lrwxrwxrwx 1 root {2}root {5}0 self -> 1001$/m);
    expect(sh('cat /proc/self/status').output).toMatch(/^Pid:\t1001$/m);
    sh('su alice');
    expect(sh('ls -l /proc').output).toMatch(/ self -> 1102$/m);
    expect(sh('cat /proc/self/status').output).toMatch(/^Pid:\t1102$/m);
    sh('cd /proc/self');
    expect(sh('pwd').output).toBe('/proc/1102\n');
    // The walk follows it like any link: security_inode_follow_link, then /proc/<tgid>.
    const r = m.syscall(301, 'openat', { path: '/proc/self/status' });
    expect(r.errno).toBeNull();
    const hooks = r.trace.filter((e) => e.type === 'hook_enter').map((e) => (e as { hook: string }).hook);
    expect(hooks).toContain('inode_follow_link');
    const readBack = m.syscall(301, 'read', { fd: r.ret!, count: 4096 });
    expect(readBack.out).toMatch(/^Pid:\t301$/m);
  });
});

describe('sleep', () => {
  it('lets virtual time pass without a syscall, and refuses a bad interval as coreutils does', () => {
    const { m, sh } = session();
    const before = m.kernel.now();
    const r = sh('sleep 6');
    expect(r.results).toEqual([]);
    expect(m.kernel.now() - before).toBe(6_000_000_000);
    expect(sh('sleep').output).toBe('sleep: missing operand\n');
    expect(sh('sleep soon').output).toBe("sleep: invalid time interval 'soon'\n");
  });
});

describe('background jobs: PROGRAM &', () => {
  it('parses a trailing & and refuses one elsewhere', () => {
    expect(parseLine('sleep 100 &')).toEqual({ words: ['sleep', '100'], redirect: null, background: true });
    expect(parseLine('sleep 100& # bg')).toEqual({ words: ['sleep', '100'], redirect: null, background: true });
    expect(parseLine('&')).toEqual({ error: "syntax error near unexpected token `&'" });
    expect(parseLine('sleep 1 & & ')).toEqual({ error: "syntax error near unexpected token `&'" });
    expect(parseLine('sleep 1 & id')).toEqual({
      error: "`&' is modelled only at the end of a line (one background command)",
    });
    expect(parseLine('id && id')).toEqual({ error: "`&&' lists are not modelled here (one command per line)" });
    expect(parseLine('echo "a & b"')).toEqual({ words: ['echo', 'a & b'], redirect: null });
  });

  it('forks and execs the program without waiting; the child keeps running and bash prints [job] pid', () => {
    const { m, sh } = session(ALICE);
    const r = sh('sleep 100 &');
    expect(names(r)).toEqual(['fork', 'execve']);
    const child = r.results[0]!.ret!;
    expect(r.output).toBe(`[1] ${child}\n`);
    expect(m.task(child)).toMatchObject({ ppid: ALICE, state: 'running', exe: '/usr/bin/sleep' });
    expect(sh('sleep 100 &').output).toBe(`[2] ${child + 1}\n`);
    expect(sh('ps').output).toContain(`alice    ${String(child).padStart(7)}    1102 S    /usr/bin/sleep`);
  });

  it('a name that is not a program in /usr/bin is not found', () => {
    const { sh } = session(ALICE);
    expect(sh('cd &').output).toBe('bash: cd: command not found\n');
    expect(sh('nosuch &').status).toBe(127);
    expect(sh('X=1 &').output).toBe('');
  });
});

describe('strace -p PID', () => {
  it('attaches from a child of the shell with PTRACE_SEIZE, then detaches', () => {
    const { m, sh } = session(ROOT);
    const r = sh(`strace -p ${ALICE}`);
    expect(r.output).toBe(`strace: Process ${ALICE} attached\nstrace: Process ${ALICE} detached\n`);
    expect(r.status).toBe(0);
    expect(names(r)).toEqual(['fork', 'execve', 'ptrace', 'ptrace', 'exit_group', 'wait4']);
    const child = r.results[0]!.ret!;
    expect(r.results[2]!.pid).toBe(child);
    expect(enterArgs(r.results[2]!).slice(0, 2)).toEqual(['16902', String(ALICE)]); // PTRACE_SEIZE = 0x4206
    expect(m.task(ALICE)!.ptracer).toBe(0);
    expect(m.task(child)?.state ?? 'dead').toBe('dead');
  });

  it('Yama (ptrace_scope 1) refuses alice attaching to her own shell, the strace child’s parent', () => {
    const { sh } = session(ALICE);
    const r = sh(`strace -p ${ALICE}`);
    expect(r.output).toBe(`strace: attach: ptrace(PTRACE_SEIZE, ${ALICE}): Operation not permitted\n`);
    expect(r.status).toBe(1);
    expect(r.outcome!.errno).toBe('-EPERM');
    expect(r.outcome!.trace.some((e) => e.type === 'lsm_return' && e.lsm === 'yama' && e.verdict === 'deny')).toBe(
      true,
    );
    expect(sh('strace -p 4242').output).toBe('strace: attach: ptrace(PTRACE_SEIZE, 4242): No such process\n');
  });

  it('usage errors as strace prints them, before any syscall', () => {
    const { sh } = session();
    expect(sh('strace').output).toBe(
      "strace: must have PROG [ARGS] or -p PID\nTry 'strace -h' for more information.\n",
    );
    expect(sh('strace -p').output).toBe(
      "strace: must have PROG [ARGS] or -p PID\nTry 'strace -h' for more information.\n",
    );
    expect(sh('strace -p abc').output).toBe("strace: Invalid process id: 'abc'\n");
    expect(sh('strace ls').output).toBe(
      'strace: only `strace -p PID` (attach to a running process) is modelled here\n',
    );
    expect(sh('strace -p abc').results).toEqual([]);
    expect(sh('help').output).toContain('strace -p PID');
  });
});

describe('ln (hard links through linkat)', () => {
  it('links a file: linkat(AT_FDCWD, TARGET, AT_FDCWD, LINK, 0); the inode has two names', () => {
    const { sh } = session(ALICE);
    sh('echo hi > /tmp/a');
    const r = sh('ln /tmp/a /tmp/b');
    expect(r.output).toBe('');
    expect(names(r)).toEqual(['openat', 'linkat']);
    expect(enterArgs(r.results[1]!)).toEqual(['AT_FDCWD', '"/tmp/a"', 'AT_FDCWD', '"/tmp/b"', '0']);
    expect(sh('cat /tmp/b').output).toBe('hi\n');
    expect(sh('ls -l /tmp/a').output).toMatch(/^-rw-r--r-- 2 alice alice 3 \/tmp\/a\n$/);
    // Into a directory, and without a link name (the current directory): the target's base name.
    sh('mkdir /tmp/d');
    expect(sh('ln /tmp/a /tmp/d').status).toBe(0);
    sh('cd /tmp/d');
    expect(sh('ln /tmp/b').status).toBe(0);
    expect(sh('ls /tmp/d').output).toBe('a  b\n');
  });

  it('errors in coreutils’ wording; protected_hardlinks refuses a file alice neither owns nor may write', () => {
    const { sh } = session(ALICE);
    sh('echo hi > /tmp/a');
    sh('ln /tmp/a /tmp/b');
    expect(sh('ln /tmp/a /tmp/b').output).toBe("ln: failed to create hard link '/tmp/b': File exists\n");
    expect(sh('ln /tmp/nosuch /tmp/c').output).toBe("ln: failed to access '/tmp/nosuch': No such file or directory\n");
    const p = sh('ln /etc/passwd /tmp/p');
    expect(p.output).toBe("ln: failed to create hard link '/tmp/p' => '/etc/passwd': Operation not permitted\n");
    expect(p.outcome!.errno).toBe('-EPERM');
    expect(sh('ln').output).toBe("ln: missing file operand\nTry 'ln --help' for more information.\n");
    expect(sh('ln -f a b').output).toBe("ln: invalid option -- 'f'\nTry 'ln --help' for more information.\n");
    expect(sh('help').output).toContain('ln [-s] TARGET [LINK_NAME]');
  });
});

describe('ln -s (symlinkat) and the fs.protected_* sysctls', () => {
  it('makes a symbolic link: symlinkat(TARGET, AT_FDCWD, LINK); reads follow it; it may dangle', () => {
    const { sh, m } = session(ALICE);
    sh('echo hi > /tmp/a');
    const r = sh('ln -s /tmp/a /tmp/s');
    expect(r.output).toBe('');
    expect(names(r)).toEqual(['openat', 'symlinkat']);
    expect(enterArgs(r.results[1]!)).toEqual(['"/tmp/a"', 'AT_FDCWD', '"/tmp/s"']);
    const hooks = r.results[1]!.trace.filter((e) => e.type === 'hook_enter').map((e) => (e as { hook: string }).hook);
    expect(hooks).toEqual([
      'inode_permission',
      'inode_permission',
      'path_symlink',
      'inode_permission',
      'inode_symlink',
      'inode_alloc_security',
      'inode_init_security',
      'd_instantiate',
    ]);
    expect(sh('cat /tmp/s').output).toBe('hi\n');
    expect(sh('ls -l /tmp/s').output).toMatch(/^lrwxrwxrwx 1 alice alice 6 \/tmp\/s -> \/tmp\/a\n$/);
    const inode = m.world.rootMount.mnt_root.d_inode!.children!.get('tmp')!.d_inode!.children!.get('s')!.d_inode!;
    expect(inode.data).toBe('/tmp/a');
    expect(sh('ln -s /nowhere /tmp/dangling').status).toBe(0);
    expect(sh('cat /tmp/dangling').output).toBe('cat: /tmp/dangling: No such file or directory\n');
    // ls lists a dangling link (lstat finds it) where cat cannot open it.
    expect(sh('ls /tmp/dangling').output).toBe('/tmp/dangling\n');
    expect(sh('ls -l /tmp/dangling').output).toMatch(/^lrwxrwxrwx 1 alice alice 8 \/tmp\/dangling -> \/nowhere\n$/);
    expect(sh('ln -s /tmp/a /tmp/s').output).toBe("ln: failed to create symbolic link '/tmp/s': File exists\n");
    expect(sh('ln -s /tmp/a /etc/s').output).toBe("ln: failed to create symbolic link '/etc/s': Permission denied\n");
  });

  it('O_CREAT|O_EXCL does not follow a link: a dangling one is -EEXIST, its target is not created', () => {
    const { m } = session(ALICE);
    expect(m.syscall(1102, 'symlinkat', { target: '/tmp/target', linkpath: '/tmp/dl' }).ret).toBe(0);
    const excl = m.syscall(1102, 'openat', { path: '/tmp/dl', flags: 'O_WRONLY|O_CREAT|O_EXCL', mode: '0600' });
    expect(excl.errno).toBe('-EEXIST');
    expect(m.syscall(1102, 'openat', { path: '/tmp/target', flags: 'O_RDONLY' }).errno).toBe('-ENOENT');
    // Without O_EXCL the dangling link is followed and its target created (alice owns the link).
    const creat = m.syscall(1102, 'openat', { path: '/tmp/dl', flags: 'O_WRONLY|O_CREAT', mode: '0600' });
    expect(creat.errno).toBeNull();
    expect(m.syscall(1102, 'openat', { path: '/tmp/target', flags: 'O_RDONLY' }).errno).toBeNull();
  });

  it('protected_symlinks: root does not follow alice’s link in /tmp until the sysctl is 0', () => {
    const { sh } = session(ALICE);
    sh('ln -s /etc/shadow /tmp/innocent');
    sh('su');
    const denied = sh('cat /tmp/innocent');
    expect(denied.output).toBe('cat: /tmp/innocent: Permission denied\n');
    const kf = denied.results[0]!.trace.find(
      (e) => e.type === 'kfunc' && (e as { fn: string }).fn === 'may_follow_link',
    );
    expect((kf as { note: string }).note).toContain('uid 1000');
    // The link's owner follows it (and meets /etc/shadow's mode instead).
    sh('exit');
    expect(sh('cat /tmp/innocent').output).toBe('cat: /tmp/innocent: Permission denied\n');
    sh('su');
    expect(sh('cat /proc/sys/fs/protected_symlinks').output).toBe('1\n');
    expect(sh('echo 0 > /proc/sys/fs/protected_symlinks').status).toBe(0);
    expect(sh('cat /tmp/innocent').output).toContain('root:');
  });

  it('protected_regular: root’s O_CREAT open of alice’s file in /tmp is refused; without O_CREAT it opens', () => {
    const { sh } = session(ALICE);
    sh('echo planted > /tmp/report');
    sh('su');
    const r = sh('echo data > /tmp/report');
    expect(r.output).toBe('bash: /tmp/report: Permission denied\n');
    expect(r.results[0]!.errno).toBe('-EACCES');
    const kf = r.results[0]!.trace.find(
      (e) => e.type === 'kfunc' && (e as { fn: string }).fn === 'may_create_in_sticky',
    );
    expect((kf as { note: string }).note).toBe(
      'sticky world-writable directory, protected_regular=1: O_CREAT of a file of uid 1000 refused',
    );
    expect(sh('cat /tmp/report').output).toBe('planted\n');
    // Level 0 turns the check off; values outside 0..2 are -EINVAL.
    expect(sh('echo 3 > /proc/sys/fs/protected_regular').output).toBe('bash: echo: write error: Invalid argument\n');
    sh('echo 0 > /proc/sys/fs/protected_regular');
    expect(sh('echo data > /tmp/report').status).toBe(0);
    expect(sh('cat /tmp/report').output).toBe('data\n');
  });

  it('the sysctl files are root’s, 0644; protected_hardlinks=0 lets alice link a file she cannot write', () => {
    const { sh } = session(ALICE);
    expect(sh('ls -l /proc/sys/fs').output).toContain('-rw-r--r-- 1 root root');
    expect(sh('echo 0 > /proc/sys/fs/protected_hardlinks').output).toBe(
      'bash: /proc/sys/fs/protected_hardlinks: Permission denied\n',
    );
    expect(sh('ln /etc/passwd /tmp/p').status).not.toBe(0);
    sh('su');
    sh('echo 0 > /proc/sys/fs/protected_hardlinks');
    sh('exit');
    const r = sh('ln /etc/passwd /tmp/p');
    expect(r.output).toBe('');
    const kf = r.results[1]!.trace.find((e) => e.type === 'kfunc' && (e as { fn: string }).fn === 'may_linkat');
    expect((kf as { note: string }).note).toBe('protected_hardlinks=0');
  });

  it('/proc/sys is checked by proc_sys_permission(): test_perm() on the euid, no capability asked', () => {
    const { m } = session(ALICE);
    const dacOf = (r: { trace: readonly TraceEvent[] }) =>
      r.trace.filter((e) => e.type === 'dac').map((e) => [(e as { fn: string }).fn, (e as { path: string }).path]);
    const denied = m.syscall(ALICE, 'openat', { path: '/proc/sys/fs/protected_regular', flags: 'O_WRONLY' });
    expect(denied.errno).toBe('-EACCES');
    // Both directories and the file go through it (no 7.1 fast path: they have their own ->permission).
    expect(dacOf(denied)).toEqual([
      ['proc_sys_permission', '/proc/sys'],
      ['proc_sys_permission', '/proc/sys/fs'],
      ['proc_sys_permission', '/proc/sys/fs/protected_regular'],
    ]);
    const last = denied.trace.filter((e) => e.type === 'dac').pop() as { reason: string; rc: number };
    expect(last).toMatchObject({ rc: -13, reason: 'test_perm(): other bits deny; no capability is asked' });
    expect(denied.trace.some((e) => e.type === 'hook_enter' && e.hook === 'capable')).toBe(false);
    // Root's euid gets the owner bits.
    const root = m.syscall(ROOT, 'openat', { path: '/proc/sys/fs/protected_regular', flags: 'O_WRONLY' });
    expect(root.errno).toBeNull();
    expect((root.trace.filter((e) => e.type === 'dac').pop() as { reason: string }).reason).toBe(
      'test_perm(): euid 0: owner bits allow; no capability is asked',
    );
  });
});
