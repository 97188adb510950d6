import type { RouteObject } from 'react-router';
import { IncidentPage } from './IncidentPage.tsx';
import { EditMeasurePage, NewMeasurePage } from './MeasureForm.tsx';
import { EditPersonPage, NewPersonPage } from './PersonForm.tsx';
import { PersonPage } from './PersonPage.tsx';
import { PersonsPage } from './PersonsPage.tsx';
import { PlacementPage } from './PlacementForm.tsx';

export const personsRoutes: RouteObject[] = [
  { path: 'personnes', Component: PersonsPage },
  { path: 'personnes/nouvelle', Component: NewPersonPage },
  { path: 'personnes/:personId', Component: PersonPage },
  { path: 'personnes/:personId/modifier', Component: EditPersonPage },
  { path: 'personnes/:personId/mesures/nouvelle', Component: NewMeasurePage },
  { path: 'personnes/:personId/mesures/:measureId/modifier', Component: EditMeasurePage },
  { path: 'personnes/:personId/mesures/:measureId/mise-en-situation', Component: PlacementPage },
  { path: 'personnes/:personId/mesures/:measureId/mises-en-situation/:placementId/modifier', Component: PlacementPage },
  { path: 'personnes/:personId/mesures/:measureId/incidents/:incidentId/modifier', Component: IncidentPage },
];

/** The page of a person, for links from other screens (dashboard, post page). */
export function personPath(personId: string, measureId?: string): string {
  return `/personnes/${personId}${measureId ? `#mesure-${measureId}` : ''}`;
}

export { personName } from './personRows.ts';
