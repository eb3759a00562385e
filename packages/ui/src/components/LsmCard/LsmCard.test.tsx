// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { boot } from '@lsm-playground/core';
import { LsmCard } from './LsmCard';

afterEach(cleanup);

const kernel = boot();
const lsm = (name: string) => {
  const l = kernel.lsm(name);
  if (!l) throw new Error(`no ${name}`);
  return l;
};

describe('LsmCard', () => {
  it('shows an active LSM with its position, LSM_ID, order, flags and why', () => {
    render(
      <ol>
        <LsmCard lsm={lsm('selinux')} position={6} />
      </ol>,
    );
    const card = screen.getByRole('listitem', { name: 'selinux' });
    expect(within(card).getByRole('heading', { name: 'selinux' })).toBeTruthy();
    expect(card.textContent).toContain('position 6');
    expect(card.textContent).toContain('LSM_ID 101');
    const flags = within(card).getByRole('list', { name: 'selinux flags' }).querySelectorAll('li');
    expect([...flags].map((f) => f.textContent)).toEqual(['order: mutable', 'exclusive', 'legacy major']);
    expect(card.textContent).toContain('named in CONFIG_LSM');
    expect(card.className).not.toContain('inactive');
  });

  it('greys out an inactive LSM and says so to screen readers', () => {
    render(
      <ul>
        <LsmCard lsm={lsm('smack')} />
      </ul>,
    );
    const card = screen.getByRole('listitem', { name: 'smack (not active)' });
    expect(card.className).toContain('lsm-card--inactive');
    expect(card.textContent).not.toContain('position');
    expect(card.textContent).toContain('selinux already holds the exclusive slot');
  });

  it('colours the lane by LSM order', () => {
    render(
      <ol>
        <LsmCard lsm={lsm('capability')} position={0} />
        <LsmCard lsm={lsm('evm')} position={11} />
      </ol>,
    );
    expect(screen.getByRole('listitem', { name: 'capability' }).className).toContain('lsm-card--first');
    expect(screen.getByRole('listitem', { name: 'evm' }).className).toContain('lsm-card--last');
  });
});
