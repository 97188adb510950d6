import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Link } from 'react-router';
import { AppRoot } from './app/AppRoot.tsx';
import { CrashBoundary } from './app/CrashScreen.tsx';
import './app/app.css';

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof Link;
  }
}

startReactDsfr({ defaultColorScheme: 'light', Link });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CrashBoundary>
      <AppRoot />
    </CrashBoundary>
  </StrictMode>,
);
