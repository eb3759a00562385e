// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { lazy, type ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LazyPart } from './LazyPart';

afterEach(cleanup);

describe('LazyPart', () => {
  it('shows the placeholder, then the part', async () => {
    let done!: (m: { default: () => ReactElement }) => void;
    const Part = lazy(() => new Promise<{ default: () => ReactElement }>((r) => (done = r)));
    render(
      <LazyPart name="the part" fallback={<p>loading</p>}>
        <Part />
      </LazyPart>,
    );
    expect(screen.getByText('loading')).toBeTruthy();
    done({ default: () => <p>the part itself</p> });
    expect(await screen.findByText('the part itself')).toBeTruthy();
  });

  it('a part that cannot be fetched says so in its place, with a reload, and the rest of the page stays', async () => {
    // React reports the caught error on the console; the test keeps its output clean.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const Part = lazy(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    render(
      <main>
        <h1>still here</h1>
        <LazyPart name="the Export menu">
          <Part />
        </LazyPart>
      </main>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'The Export menu could not be loaded (Failed to fetch dynamically imported module)',
    );
    expect(alert.textContent).toContain('reload it to get the current version');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'still here' })).toBeTruthy();
    vi.restoreAllMocks();
  });
});
