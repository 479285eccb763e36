import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ServerStatus } from './ServerStatus.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ServerStatus />
  </StrictMode>,
);
