// Hooks the kernel calls where sleeping is a bug, and the report might_sleep() prints there
// (kernel/sched/core.c __might_resched()). The Rust LSM seed: "task_free must not sleep".
import { KERN_ERR } from './printk';

/**
 * Hooks called in atomic or RCU-callback context: task_free (__put_task_struct(), possibly from
 * an RCU callback via delayed_put_task_struct()), cred_free (put_cred_rcu()), and
 * inode_free_security_rcu (inode_free_by_rcu()), sk_free_security (__sk_destruct(), possibly from
 * RCU), and the packet-path hooks run in softirq (sock_rcv_skb, inet_conn_established,
 * xfrm_state_pol_flow_match, xfrm_policy_lookup).
 */
export const ATOMIC_HOOKS: ReadonlySet<string> = new Set([
  'task_free',
  'cred_free',
  'inode_free_security_rcu',
  'sk_free_security',
  'socket_sock_rcv_skb',
  'inet_conn_established',
  'xfrm_policy_lookup',
  'xfrm_state_pol_flow_match',
]);

/** The lines of the "sleeping function called from invalid context" report. */
export function mightSleepReport(
  what: string,
  lsm: string,
  hook: string,
  pid: number,
  comm: string,
): { level: number; text: string }[] {
  return [
    { level: KERN_ERR, text: `BUG: sleeping function called from invalid context at ${what}` },
    { level: KERN_ERR, text: `in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: ${pid}, name: ${comm}` },
    { level: KERN_ERR, text: 'preempt_count: 1, expected: 0' },
    { level: KERN_ERR, text: 'RCU nest depth: 0, expected: 0' },
    { level: KERN_ERR, text: 'Call Trace:' },
    { level: KERN_ERR, text: ' <TASK>' },
    { level: KERN_ERR, text: ' dump_stack_lvl' },
    { level: KERN_ERR, text: ' __might_resched.cold' },
    { level: KERN_ERR, text: ` ${lsm}_${hook}` },
    { level: KERN_ERR, text: ` security_${hook}` },
    { level: KERN_ERR, text: ' </TASK>' },
  ];
}
