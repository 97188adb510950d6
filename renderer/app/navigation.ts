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
  { path: '/synchronisation', label: 'Synchronisation' },
  { path: '/parametres', label: 'Paramètres' },
];

export function isActive(entry: NavEntry, pathname: string): boolean {
  return entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
}
