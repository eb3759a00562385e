// Entry: mounts one playground. The React Refresh preamble is imported as a module (empty in
// production) because the page's CSP forbids the inline preamble script Vite would inject.
import '@vitejs/plugin-react/preamble';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Playground } from '@lsm-playground/ui';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Playground syncUrl />
  </StrictMode>,
);
