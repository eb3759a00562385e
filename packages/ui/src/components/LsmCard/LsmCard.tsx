// One built-in LSM as a card: its place in the stack, LSM_ID, order, flags and why it is there.
import type { LsmStatus } from '@lsm-playground/core';
import { useId, type CSSProperties } from 'react';
import './LsmCard.css';

const ORDER_FLAG = { first: 'LSM_ORDER_FIRST', mutable: 'LSM_ORDER_MUTABLE', last: 'LSM_ORDER_LAST' } as const;

export interface LsmCardProps {
  readonly lsm: LsmStatus;
  /** Index in the active stack; omitted for an LSM that is not active. */
  readonly position?: number;
}

/** Renders one LSM as a list item; pass `position` for an active LSM, omit it for an inactive one. */
export function LsmCard({ lsm, position }: LsmCardProps) {
  const active = position !== undefined;
  const flags: { label: string; title: string }[] = [];
  if (lsm.exclusive) flags.push({ label: 'exclusive', title: 'LSM_FLAG_EXCLUSIVE' });
  if (lsm.legacyMajor) flags.push({ label: 'legacy major', title: 'LSM_FLAG_LEGACY_MAJOR' });
  if (lsm.early) flags.push({ label: 'early', title: 'DEFINE_EARLY_LSM' });
  const headingId = useId();
  return (
    <li
      className={`lsm-card lsm-card--${lsm.order}${active ? '' : ' lsm-card--inactive'}`}
      aria-labelledby={headingId}
      data-lsm={lsm.name}
      style={active ? ({ '--i': position } as CSSProperties) : undefined}
    >
      <div className="lsm-card__top">
        {active && (
          <span className="lsm-card__pos">
            <span className="visually-hidden">position </span>
            {position}
          </span>
        )}
        <h3 className="lsm-card__name" id={headingId}>
          {lsm.name}
          {!active && <span className="visually-hidden"> (not active)</span>}
        </h3>
        <span className="lsm-card__id" title={`LSM_ID ${lsm.id}`}>
          LSM_ID {lsm.id}
        </span>
      </div>
      <ul className="lsm-card__flags" aria-label={`${lsm.name} flags`}>
        <li className={`badge badge--order badge--${lsm.order}`} title={ORDER_FLAG[lsm.order]}>
          order: {lsm.order}
        </li>
        {flags.map((f) => (
          <li key={f.label} className="badge" title={f.title}>
            {f.label}
          </li>
        ))}
      </ul>
      <p className="lsm-card__why">{lsm.why}</p>
    </li>
  );
}
