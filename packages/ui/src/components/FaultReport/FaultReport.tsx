// A fault of user code as the kernel reported it, with where it happened in the user's file.
import type { EngineFault } from '@lsm-playground/core';
import './FaultReport.css';

const TITLES: Record<EngineFault['kind'], string> = {
  softlockup: 'Soft lockup',
  panic: 'Rust panic (kernel BUG)',
  oom: 'Allocation failure',
  stack: 'Kernel stack overflow',
  badret: 'Bad return value',
};

export function faultTitle(f: EngineFault): string {
  const who = f.lsm ? `${f.lsm}${f.hook ? `::${f.hook}` : ''}` : 'the engine';
  const where = f.fileName && f.line ? ` at ${f.fileName}:${f.line}` : '';
  return `${TITLES[f.kind]} in ${who}${where}`;
}

export interface FaultReportProps {
  readonly fault: EngineFault;
  readonly onDismiss?: () => void;
}

/** Renders one fault: the title, the one-line reason, the kernel's report and what happened next. */
export function FaultReport({ fault, onDismiss }: FaultReportProps) {
  return (
    <div className={`fault fault--${fault.kind}`} role="alert">
      <div className="fault__head">
        <strong className="fault__title">{faultTitle(fault)}</strong>
        {onDismiss && (
          <button type="button" className="fault__dismiss" onClick={onDismiss} aria-label="Dismiss the fault report">
            ×
          </button>
        )}
      </div>
      <p className="fault__message">{fault.message}</p>
      {fault.report.length > 0 && <pre className="fault__report">{fault.report.join('\n')}</pre>}
      <p className="fault__next">
        The engine worker was replaced by a fresh one and your modules were loaded again. Your code is untouched.
      </p>
    </div>
  );
}
