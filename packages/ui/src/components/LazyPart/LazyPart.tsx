// A part of the page that is fetched after the first paint (React.lazy): its placeholder while it
// loads, and a clear message in its place when it cannot be fetched, instead of the whole page
// going blank. That happens offline before the part was ever cached, or in a tab opened before the
// playground was updated, once its old files are gone from the server and the cache.
import { Component, Suspense, type ReactNode } from 'react';
import './LazyPart.css';

interface LazyPartProps {
  /** What the part is, for the message ("the Export menu"). */
  readonly name: string;
  /** Shown while the part loads. */
  readonly fallback?: ReactNode;
  readonly children: ReactNode;
}

/** Suspense and an error boundary around one lazily loaded part. */
export function LazyPart({ name, fallback = null, children }: LazyPartProps) {
  return (
    <LoadBoundary name={name}>
      <Suspense fallback={fallback}>{children}</Suspense>
    </LoadBoundary>
  );
}

interface BoundaryState {
  readonly error: string | null;
}

class LoadBoundary extends Component<{ readonly name: string; readonly children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="lazy-part__failed" role="alert">
        <span>
          {this.props.name[0]!.toUpperCase() + this.props.name.slice(1)} could not be loaded ({this.state.error}). The
          playground may have been updated since this page opened: reload it to get the current version (your work is
          kept in this browser).
        </span>
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
