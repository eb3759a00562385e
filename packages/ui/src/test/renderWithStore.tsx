// Test helper: renders UI inside a PlaygroundProvider with a fresh store, and returns both.
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { BootInputs } from '../store/bootSlice';
import { createPlaygroundStore, type PlaygroundStore } from '../store/createPlaygroundStore';
import { PlaygroundProvider } from '../store/PlaygroundProvider';

/** Renders `ui` with its own playground store booted from `initial`. */
export function renderWithStore(
  ui: ReactElement,
  initial: Partial<BootInputs> = {},
): RenderResult & { store: PlaygroundStore } {
  const store = createPlaygroundStore(initial);
  return { store, ...render(<PlaygroundProvider store={store}>{ui}</PlaygroundProvider>) };
}
