import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { startI18n } from './i18n/index.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The chosen language's chunk loads before the first render, so the page does not flash English.
await startI18n();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
