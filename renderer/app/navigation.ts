import type { SiteKind } from '../../shared/schemas/site.ts';

/** The side navigation, in the order of a counsellor's day. */
export interface NavEntry {
  path: string;
  label: string;
}

export const navigation: readonly NavEntry[] = [
  { path: '/', label: 'Tableau de bord' },
  { path: '/personnes', label: 'Personnes et mesures' },
  { path: '/structures', label: 'Structures et postes TIG' },
  { path: '/ateliers', label: 'Ateliers et formations' },
  { path: '/partenariats', label: 'Partenariats' },
  { path: '/transferts', label: 'Transferts' },
  { path: '/synchronisation', label: 'Synchronisation' },
  { path: '/bureau', label: 'Bureau' },
  { path: '/corbeille', label: 'Corbeille' },
  { path: '/parametres', label: 'Paramètres' },
];

/**
 * Headquarters (ATIGIP) follows no person: it consolidates the sites' bundles, keeps the national
 * partnerships and publishes them, produces the annual review (a tab of Partenariats) and answers companies
 * from the establishments' profiles.
 */
export const headquartersNavigation: readonly NavEntry[] = [
  { path: '/', label: 'Tableau de bord' },
  { path: '/consolidation', label: 'Consolidation' },
  { path: '/partenariats', label: 'Partenariats' },
  { path: '/etablissements', label: 'Établissements (IPRO 360°)' },
  { path: '/corbeille', label: 'Corbeille' },
  { path: '/parametres', label: 'Paramètres' },
];

export function navigationFor(kind: SiteKind): readonly NavEntry[] {
  return kind === 'atigip' ? headquartersNavigation : navigation;
}

export function isActive(entry: NavEntry, pathname: string): boolean {
  return entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
}
