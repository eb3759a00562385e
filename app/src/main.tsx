// Entry: mounts one playground, or its embed when the query asks for one (`/?embed=1…#v1.…`). The
// React Refresh preamble is imported as a module (empty in production) because the page's CSP
// forbids the inline preamble script Vite would inject.
import '@vitejs/plugin-react/preamble';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Playground, parseEmbedOptions } from '@lsm-playground/ui';
import { registerServiceWorker } from './registerServiceWorker';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const embed = parseEmbedOptions(window.location.search);

createRoot(root).render(<StrictMode>{embed ? <Playground embed={embed} /> : <Playground syncUrl />}</StrictMode>);

// Production builds work offline: the service worker precaches the app (see app/sw/).
if (import.meta.env.PROD) registerServiceWorker();
