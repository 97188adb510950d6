/**
 * The interregional directorates of the prison services (DISP) and the overseas mission, with the
 * départements each one covers. The one place a site's DISP comes from: the review's territories, the
 * establishment profile and headquarters' exports all read it here.
 */
export const disps = ['bordeaux', 'dijon', 'lille', 'lyon', 'marseille', 'paris', 'rennes', 'strasbourg', 'toulouse', 'outre_mer'] as const;
export type Disp = (typeof disps)[number];

export const dispLabels: Record<Disp, string> = {
  bordeaux: 'DISP de Bordeaux',
  dijon: 'DISP de Dijon',
  lille: 'DISP de Lille',
  lyon: 'DISP de Lyon',
  marseille: 'DISP de Marseille',
  paris: 'DISP de Paris',
  rennes: 'DISP de Rennes',
  strasbourg: 'DISP de Strasbourg',
  toulouse: 'DISP de Toulouse',
  outre_mer: 'Mission des services pénitentiaires de l’outre-mer',
};

export const departementsOfDisp: Readonly<Record<Disp, readonly string[]>> = {
  paris: ['75', '77', '78', '91', '92', '93', '94', '95'],
  lille: ['02', '59', '60', '62', '80'],
  rennes: ['14', '22', '27', '29', '35', '44', '49', '50', '53', '56', '61', '72', '76', '85'],
  bordeaux: ['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87'],
  toulouse: ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'],
  marseille: ['04', '05', '06', '13', '83', '84', '2A', '2B'],
  lyon: ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74'],
  dijon: ['18', '21', '25', '28', '36', '37', '39', '41', '45', '58', '70', '71', '89', '90'],
  strasbourg: ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88'],
  outre_mer: ['971', '972', '973', '974', '975', '976', '977', '978', '986', '987', '988'],
};

const dispByDepartement = new Map<string, Disp>(disps.flatMap((disp) => departementsOfDisp[disp].map((code) => [code, disp] as const)));

/** The DISP a département belongs to, or undefined for a code outside the map. */
export function dispOfDepartement(code: string): Disp | undefined {
  return dispByDepartement.get(code);
}

/** The DISP's name as displayed ("DISP de Lille"), or '' when the département has none. */
export function dispLabelOfDepartement(code: string): string {
  const disp = dispByDepartement.get(code);
  return disp ? dispLabels[disp] : '';
}

/**
 * The DISP a site is counted in: the one of its département. Headquarters (ATIGIP) is national and belongs
 * to none.
 */
export function dispLabelOfSite(site: { kind: string; departement: string }): string {
  return site.kind === 'atigip' ? '' : dispLabelOfDepartement(site.departement);
}
