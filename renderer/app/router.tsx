import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useMemo } from 'react';
import { createHashRouter, RouterProvider, useRouteError } from 'react-router';
import { backupRoutes } from '../features/backup/index.ts';
import { binRoutes } from '../features/bin/index.ts';
import { dashboardRoutes } from '../features/dashboard/index.ts';
import { documentsRoutes } from '../features/documents/index.ts';
import { hostsRoutes } from '../features/hosts/index.ts';
import { hqRoutes } from '../features/hq/index.ts';
import { importsRoutes } from '../features/imports/index.ts';
import { iproRoutes } from '../features/ipro/index.ts';
import { officeRoutes } from '../features/office/index.ts';
import { partnershipsRoutes } from '../features/partnerships/index.ts';
import { personsRoutes } from '../features/persons/index.ts';
import { reviewRoutes } from '../features/review/index.ts';
import { settingsRoutes } from '../features/settings/index.ts';
import { syncRoutes } from '../features/sync/index.ts';
import { transfersRoutes } from '../features/transfers/index.ts';
import { workshopsRoutes } from '../features/workshops/index.ts';
import { Layout } from './Layout.tsx';

// Hash routing: the address stays app://passerelle/ (or the web host's root) whatever the screen, so the
// origin, and with it the IndexedDB data, never changes.
export function AppRouter() {
  const router = useMemo(
    () =>
      createHashRouter([
        {
          path: '/',
          Component: Layout,
          children: [
            {
              ErrorBoundary: RouteError,
              children: [
                ...dashboardRoutes,
                ...personsRoutes,
                ...transfersRoutes,
                ...documentsRoutes,
                ...hostsRoutes,
                ...importsRoutes,
                ...workshopsRoutes,
                ...partnershipsRoutes,
                ...reviewRoutes,
                ...syncRoutes,
                ...officeRoutes,
                ...hqRoutes,
                ...iproRoutes,
                ...settingsRoutes,
                ...backupRoutes,
                ...binRoutes,
                { path: '*', Component: NotFound },
              ],
            },
          ],
        },
      ]),
    [],
  );
  return <RouterProvider router={router} />;
}

function RouteError() {
  const error = useRouteError();
  console.error(error);
  return (
    <Alert
      severity="error"
      title="Cet écran a rencontré une erreur"
      description={`Vos données enregistrées ne sont pas touchées. Revenez au tableau de bord ou relancez l’application. Détail : ${error instanceof Error ? error.message : String(error)}`}
    />
  );
}

function NotFound() {
  return (
    <Alert
      severity="warning"
      title="Écran introuvable"
      description="Cette adresse ne correspond à aucun écran de Passerelle. Utilisez le menu pour continuer."
    />
  );
}
