import { useIdentity } from '../../app/index.ts';
import { DashboardPage } from './DashboardPage.tsx';
import { HqDashboardPage } from './HqDashboardPage.tsx';

/** `/`: a site's dashboard, or headquarters' own (headquarters follows no person). */
export function HomePage() {
  return useIdentity().kind === 'atigip' ? <HqDashboardPage /> : <DashboardPage />;
}
