// Task syscalls (clone/fork, execve, exit, kill, ptrace, setuid/setresuid, prctl): to come.
export {};
