import departementsData from '@etalab/decoupage-administratif/data/departements.json' with { type: 'json' };
import regionsData from '@etalab/decoupage-administratif/data/regions.json' with { type: 'json' };

/** The official list of départements (INSEE, via @etalab/decoupage-administratif), overseas included. */
export interface Departement {
  code: string;
  nom: string;
  region: string;
}

export interface Region {
  code: string;
  nom: string;
}

export const departements: readonly Departement[] = departementsData.map((d) => ({ code: d.code, nom: d.nom, region: d.region }));
export const regions: readonly Region[] = regionsData.map((r) => ({ code: r.code, nom: r.nom }));

const byCode = new Map(departements.map((d) => [d.code, d]));
const regionByCode = new Map(regions.map((r) => [r.code, r]));

export function departementByCode(code: string): Departement | undefined {
  return byCode.get(code);
}

export function regionOfDepartement(code: string): Region | undefined {
  const d = byCode.get(code);
  return d ? regionByCode.get(d.region) : undefined;
}

/** "54 – Meurthe-et-Moselle" */
export function departementLabel(code: string): string {
  const d = byCode.get(code);
  return d ? `${d.code} – ${d.nom}` : code;
}
