// System syscalls (modules, mount, sockets, bpf, lsm_*, lsm_config_*_policy): to come.
export {};
