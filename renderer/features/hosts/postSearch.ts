import { isRealDate } from '../../../shared/format/fr.ts';
import type { PostSearch } from '../../../shared/repos/posts.ts';
import { activityDomains, type ActivityDomain } from '../../../shared/schemas/post.ts';

/** The post search as the screen holds it; kept in the address so "back" from a post returns to the results. */
export interface PostSearchForm {
  domain: ActivityDomain | '';
  departement: string;
  communeName: string;
  communeCode: string;
  minors: '' | 'oui' | 'non';
  pmr: '' | 'oui' | 'non';
  /** The day free places are counted on. */
  on: string;
  freeOnly: boolean;
  includeInactive: boolean;
}

export function emptySearch(today: string): PostSearchForm {
  return { domain: '', departement: '', communeName: '', communeCode: '', minors: '', pmr: '', on: today, freeOnly: false, includeInactive: false };
}

const yesNo = (value: string | null): '' | 'oui' | 'non' => (value === 'oui' || value === 'non' ? value : '');

/** Reads the address's parameters; anything unknown or malformed falls back to "all" (or today). */
export function readSearchParams(params: URLSearchParams, today: string): PostSearchForm {
  const domain = params.get('domaine') ?? '';
  const on = params.get('date') ?? '';
  return {
    domain: (activityDomains as readonly string[]).includes(domain) ? (domain as ActivityDomain) : '',
    departement: params.get('departement') ?? '',
    communeName: params.get('commune') ?? '',
    communeCode: params.get('insee') ?? '',
    minors: yesNo(params.get('mineurs')),
    pmr: yesNo(params.get('pmr')),
    on: isRealDate(on) ? on : today,
    freeOnly: params.get('libres') === '1',
    includeInactive: params.get('inactifs') === '1',
  };
}

/** The parameters of a search, leaving out what is the default. */
export function writeSearchParams(form: PostSearchForm, today: string): URLSearchParams {
  const params = new URLSearchParams();
  if (form.domain) params.set('domaine', form.domain);
  if (form.departement) params.set('departement', form.departement);
  if (form.communeName.trim()) params.set('commune', form.communeName.trim());
  if (form.communeName.trim() && form.communeCode) params.set('insee', form.communeCode);
  if (form.minors) params.set('mineurs', form.minors);
  if (form.pmr) params.set('pmr', form.pmr);
  if (form.on !== today && isRealDate(form.on)) params.set('date', form.on);
  if (form.freeOnly) params.set('libres', '1');
  if (form.includeInactive) params.set('inactifs', '1');
  return params;
}

/** The repository's search: the commune by its INSEE code when chosen from the list, by its name otherwise. */
export function toPostSearch(form: PostSearchForm): PostSearch {
  const commune = form.communeName.trim();
  return {
    ...(form.domain ? { domain: form.domain } : {}),
    ...(form.departement ? { departement: form.departement } : {}),
    ...(commune && form.communeCode ? { communeCode: form.communeCode } : commune ? { communeName: commune } : {}),
    ...(form.minors ? { openToMinors: form.minors === 'oui' } : {}),
    ...(form.pmr ? { accessiblePmr: form.pmr === 'oui' } : {}),
    activeOnly: !form.includeInactive,
    on: form.on,
    ...(form.freeOnly ? { minFreePlaces: 1 } : {}),
  };
}
