// Provides one playground store to a subtree; every component reads it through usePlayground().
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createPlaygroundStore, type PlaygroundState, type PlaygroundStore } from './createPlaygroundStore';
import type { BootInputs } from './bootSlice';

const PlaygroundContext = createContext<PlaygroundStore | null>(null);

export interface PlaygroundProviderProps {
  /** An existing store (tests, embedding); when absent the provider creates one. */
  readonly store?: PlaygroundStore;
  /** Boot inputs for the store the provider creates. */
  readonly initial?: Partial<BootInputs>;
  readonly children: ReactNode;
}

/** Provides a playground store, created once per mounted provider unless one is passed in. */
export function PlaygroundProvider({ store, initial, children }: PlaygroundProviderProps) {
  const [own] = useState(() => store ?? createPlaygroundStore(initial));
  return <PlaygroundContext.Provider value={store ?? own}>{children}</PlaygroundContext.Provider>;
}

/** The store of the nearest PlaygroundProvider. */
export function usePlaygroundStore(): PlaygroundStore {
  const store = useContext(PlaygroundContext);
  if (!store) throw new Error('usePlayground must be used inside <PlaygroundProvider>');
  return store;
}

/** Reads a slice of the nearest playground store; re-renders when the selected value changes. */
export function usePlayground<T>(selector: (state: PlaygroundState) => T): T {
  return useStore(usePlaygroundStore(), selector);
}
