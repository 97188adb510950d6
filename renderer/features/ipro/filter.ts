import type { EstablishmentFilter } from '../../../shared/rules/establishments.ts';
import { disps, type Disp } from '../../../shared/schemas/establishmentProfile.ts';
import { workDomains, type WorkDomain } from '../../../shared/schemas/programme.ts';

/** The company's request as typed: every field text, empty when not asked. */
export interface FilterForm {
  disp: string;
  domain: string;
  minProductionArea: string;
  minStorageArea: string;
}

function area(text: string, label: string): { ok: true; value: number | undefined } | { ok: false; message: string } {
  const trimmed = text.replace(/[\s\u202f]/g, '').replace(',', '.');
  if (trimmed === '') return { ok: true, value: undefined };
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < 0) return { ok: false, message: `${label} : nombre de m² positif attendu (ex. 500).` };
  return { ok: true, value };
}

/** The request as the bridge takes it; French numbers (`1 500`, `2,5`) are read as such. */
export function filterFromForm(form: FilterForm): { ok: true; filter: EstablishmentFilter } | { ok: false; message: string } {
  const production = area(form.minProductionArea, 'Surface de production minimale');
  if (!production.ok) return production;
  const storage = area(form.minStorageArea, 'Surface de stockage minimale');
  if (!storage.ok) return storage;
  const filter: EstablishmentFilter = {};
  if ((disps as readonly string[]).includes(form.disp)) filter.disp = form.disp as Disp;
  if ((workDomains as readonly string[]).includes(form.domain)) filter.domain = form.domain as WorkDomain;
  if (production.value !== undefined) filter.minProductionArea = production.value;
  if (storage.value !== undefined) filter.minStorageArea = storage.value;
  return { ok: true, filter };
}
