import type { AgreementInput, AgreementKind } from '../schemas/agreement.ts';
import type { PartnerKind } from '../schemas/partner.ts';
import { createAgreementIn } from './agreements.ts';
import type { RepoContext } from './context.ts';
import { refuse } from './guards.ts';
import { isHeadquarters } from './ownership.ts';
import { createPartnerIn, sameName } from './partners.ts';
import { writeTransaction, type Writer } from './writer.ts';

/**
 * The national reference list of partnerships, as the public texts of the Ministry of Justice and ATIGIP
 * state it. Headquarters installs it, maintains it and sends it to the sites as reference data. Nothing here
 * is invented: where a text gives a number and no names, the list keeps the number.
 */

export interface ReferenceSource {
  title: string;
  publishedOn: string;
}

export const referenceSources = {
  accords2019: { title: '12-11-19 : Signature des accords nationaux (ATIGIP)', publishedOn: '2019-11-12' },
  conventions2024: { title: 'Didier Migaud a signé sept conventions de partenariat destinées à favoriser le développement du TIG', publishedOn: '2024-11-27' },
  ecti2025: { title: 'Convention nationale de partenariat Atigip et ECTI', publishedOn: '2025-07-17' },
  entreprendre2024: { title: 'Témoignage Atigip, programme « Entreprendre sa liberté » (Fondation Entreprendre)', publishedOn: '2024-09-19' },
} as const satisfies Record<string, ReferenceSource>;

/** Signatures the texts count without naming the partners. */
export interface AgreementCount {
  signedOn: string;
  count: number;
  kind: AgreementKind;
  description: string;
  source: ReferenceSource;
}

export const nationalAgreementCounts: readonly AgreementCount[] = [
  {
    signedOn: '2019-11-12',
    count: 34,
    kind: 'accord_cadre_national',
    description:
      'Partenariats nationaux signés par la garde des Sceaux pour développer le TIG, avec des administrations publiques, des entreprises et des associations.',
    source: referenceSources.accords2019,
  },
];

/** Framework agreements signed with organisations of national scope since 2019, as of November 2024. */
export const accordsCadresSince2019 = { asOf: '2024-11-27', count: 49, source: referenceSources.conventions2024 } as const;

export interface ReferencePartner {
  key: string;
  name: string;
  kind: PartnerKind;
  source: ReferenceSource;
}

export const nationalPartners: readonly ReferencePartner[] = [
  { key: 'ratp', name: 'RATP – Régie autonome des transports parisiens', kind: 'entreprise', source: referenceSources.conventions2024 },
  { key: 'ush', name: 'USH – Union sociale pour l’habitat', kind: 'association', source: referenceSources.conventions2024 },
  { key: 'laposte', name: 'Groupe La Poste', kind: 'entreprise', source: referenceSources.conventions2024 },
  { key: 'sncf', name: 'SNCF – Société nationale des chemins de fer français', kind: 'entreprise', source: referenceSources.conventions2024 },
  { key: 'enedis', name: 'ENEDIS', kind: 'entreprise', source: referenceSources.conventions2024 },
  { key: 'ffe', name: 'FFE – Fédération française de l’équitation', kind: 'association', source: referenceSources.conventions2024 },
  { key: 'jcdecaux', name: 'JCDecaux', kind: 'entreprise', source: referenceSources.conventions2024 },
  { key: 'ecti', name: 'ECTI', kind: 'association', source: referenceSources.ecti2025 },
  { key: 'fondation-entreprendre', name: 'Fondation Entreprendre', kind: 'fondation', source: referenceSources.entreprendre2024 },
  { key: 'fondation-m6', name: 'Fondation du Groupe M6', kind: 'fondation', source: referenceSources.entreprendre2024 },
  { key: 'cegid-solidaire', name: 'Cegid Solidaire', kind: 'fondation', source: referenceSources.entreprendre2024 },
  { key: 'chant-des-etoiles', name: 'Le Chant des Étoiles', kind: 'association', source: referenceSources.entreprendre2024 },
];

export type ReferenceAgreement = Omit<AgreementInput, 'partnerId'> & { partnerKey: string; source: ReferenceSource };

const commitments2024 =
  'Actions que chaque partie propose de mettre en œuvre pour promouvoir l’accueil de personnes en TIG. Mutualisation des moyens : ' +
  'l’ATIGIP met à disposition ses outils de communication et la plateforme TIG 360° (offre de postes du territoire, soutien aux ' +
  'structures d’accueil et aux tuteurs, démarches d’habilitation). Déclinaison locale accompagnée par les référents territoriaux ' +
  'du TIG (événements, groupes de travail, bonnes pratiques, formations). Sans objectif chiffré ni obligation pour les structures locales.';

const seven2024: ReferenceAgreement[] = ['ratp', 'ush', 'laposte', 'sncf', 'enedis', 'ffe', 'jcdecaux'].map((partnerKey) => ({
  partnerKey,
  kind: 'accord_cadre_national',
  title: 'Convention de partenariat pour le développement du travail d’intérêt général',
  signedOn: '2024-11-20',
  validFrom: '2024-11-20',
  scope: ['tig'],
  commitments: commitments2024,
  source: referenceSources.conventions2024,
}));

export const nationalAgreements: readonly ReferenceAgreement[] = [
  ...seven2024,
  {
    partnerKey: 'ecti',
    kind: 'convention_objectifs',
    title: 'Convention d’objectifs ATIGIP – ECTI 2025-2030',
    signedOn: '2025-06-25',
    validFrom: '2025-01-01',
    validUntil: '2030-12-31',
    scope: ['tig', 'formation'],
    commitments:
      'ATIGIP : informer ECTI des dispositifs en place (commissions d’insertion, événements employeurs, plateforme IPRO 360°), associer ses ' +
      'bénévoles aux commissions d’insertion, encourager les synergies locales avec les référents interrégionaux de l’insertion (R2IP). ' +
      'Ensemble : déployer le TIG pédagogique, module d’insertion d’au moins trois jours (attentes des entreprises, projet professionnel, CV, ' +
      'recherche d’emploi, entretien d’embauche), enrichi d’ateliers thématiques ; TIG collectifs, actions en détention et en milieu ouvert, ' +
      'outils de communication communs. ECTI : engagement en milieu ouvert comme en détention. Évaluation annuelle.',
    source: referenceSources.ecti2025,
  },
];

export interface ReferenceInstallResult {
  partnersCreated: number;
  agreementsCreated: number;
}

/**
 * Install the reference list in the headquarters database, through the repositories, so every record is
 * headquarters-authored and travels to the sites as reference data. Installing twice adds nothing: a
 * partner is known by its name, an agreement by its partner, kind and signature date.
 */
export async function installNationalReferenceIn(w: Writer): Promise<ReferenceInstallResult> {
  if (!isHeadquarters(w.identity)) refuse('La liste nationale de référence s’installe au siège (ATIGIP), qui la transmet aux sites.');
  const result: ReferenceInstallResult = { partnersCreated: 0, agreementsCreated: 0 };
  const livePartners = await w
    .table('partner')
    .filter((p) => !p.deleted)
    .toArray();
  const partnerIds = new Map<string, string>();
  for (const reference of nationalPartners) {
    const known = livePartners.find((p) => sameName(p.name, reference.name));
    const partner = known ?? (await createPartnerIn(w, { name: reference.name, kind: reference.kind, scope: 'national' }));
    if (!known) result.partnersCreated += 1;
    partnerIds.set(reference.key, partner.id);
  }
  const liveAgreements = await w
    .table('agreement')
    .filter((a) => !a.deleted)
    .toArray();
  for (const { partnerKey, source: _source, ...fields } of nationalAgreements) {
    const partnerId = partnerIds.get(partnerKey)!;
    if (liveAgreements.some((a) => a.partnerId === partnerId && a.kind === fields.kind && a.signedOn === fields.signedOn)) continue;
    await createAgreementIn(w, { ...fields, partnerId });
    result.agreementsCreated += 1;
  }
  return result;
}

export const installNationalReference = (ctx: RepoContext) => writeTransaction(ctx, (w) => installNationalReferenceIn(w));
