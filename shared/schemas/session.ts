import * as z from 'zod';
import { binnedField, isoDate, recordStamp, requiredText, uuid } from './common.ts';

/** The five themes a TIG pédagogique module must cover (ATIGIP–ECTI convention). */
export const requiredTigThemes = ['attentes_employeurs', 'projet_professionnel', 'cv', 'recherche_emploi', 'entretien_embauche'] as const;
/** Thematic workshops that may enrich a session. */
export const optionalThemes = ['lettre_motivation', 'creation_entreprise', 'temoignages', 'visite_site'] as const;
export const sessionThemes = [...requiredTigThemes, ...optionalThemes] as const;
export type SessionTheme = (typeof sessionThemes)[number];
export const sessionThemeLabels: Record<SessionTheme, string> = {
  attentes_employeurs: 'Ce qu’attendent les employeurs',
  projet_professionnel: 'Projet professionnel',
  cv: 'Curriculum vitae (CV)',
  recherche_emploi: 'Recherche d’emploi',
  entretien_embauche: 'Entretien d’embauche',
  lettre_motivation: 'Lettre de motivation',
  creation_entreprise: 'Création d’entreprise',
  temoignages: 'Témoignages et retours d’expérience',
  visite_site: 'Visite d’un site professionnel',
};

/** Hours of one day of a session, or of one attendance: quarter hours, like the hour logs. */
export const dayHours = (label: string, max: number) =>
  z
    .number({ error: `${label} : nombre attendu` })
    .min(0, { error: `${label} : nombre positif attendu` })
    .max(max, { error: `${label} : ${max} au plus` })
    .refine((h) => Number.isInteger(h * 4), { error: `${label} : par quarts d’heure (ex. 3,25 ; 3,5 ; 3,75)` });

/** The most days one session runs: a year of them (what travels is bounded, even a list). */
export const MAX_SESSION_DAYS = 366;

/** A session of a programme: the days it runs, from its first day to its last. */
export const sessionFields = z
  .object({
    programmeId: uuid,
    startDate: isoDate,
    endDate: isoDate,
    days: z
      .array(isoDate)
      .min(1, { error: 'Jours de la séance : au moins un jour' })
      .max(MAX_SESSION_DAYS, { error: `Jours de la séance : ${MAX_SESSION_DAYS} au plus` }),
    hoursPerDay: dayHours('Heures par jour', 12).refine((h) => h > 0, { error: 'Heures par jour : nombre positif attendu' }),
    facilitator: requiredText('Animateur', 200),
    themes: z
      .array(z.enum(sessionThemes, { error: 'Thèmes : choisissez des valeurs de la liste' }))
      .refine((t) => new Set(t).size === t.length, { error: 'Thèmes : un thème est coché deux fois' }),
    /** In the recycle bin (shared/repos/bin.ts): hidden everywhere, restorable for 30 days. */
    binned: binnedField,
  })
  .refine((s) => s.endDate >= s.startDate, { error: 'La date de fin doit suivre la date de début', path: ['endDate'] })
  .refine((s) => s.days.every((d, i) => i === 0 || d > s.days[i - 1]!), {
    error: 'Jours de la séance : chaque jour une seule fois, dans l’ordre',
    path: ['days'],
  })
  .refine((s) => s.days[0] === s.startDate && s.days[s.days.length - 1] === s.endDate, {
    error: 'Jours de la séance : le premier jour est la date de début et le dernier la date de fin',
    path: ['days'],
  });
export const sessionSchema = recordStamp.extend(sessionFields.shape);
export type SessionInput = z.input<typeof sessionFields>;
export type Session = z.infer<typeof sessionSchema>;
