// Vite's `?worker` imports (the ui package does not load vite/client types): the default export
// constructs the bundled worker, served from our own origin.
declare module '*?worker' {
  const WorkerConstructor: new (options?: { name?: string }) => Worker;
  export default WorkerConstructor;
}
