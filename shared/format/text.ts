/**
 * Text as French users search it: "Hélène" is found by "helene", "Œuvre" by "oeuvre". One definition for
 * the list search, the commune search, name matching in imports and CSV header mapping. NFKD also turns
 * compatibility forms into plain letters ("Nº" into "No", "m²" into "m2").
 */
export function foldAccents(text: string): string {
  // Most cells are plain ASCII: lower-casing them is all it takes, and far cheaper than normalising.
  if (!/[^ -~]/.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

/** For names: also hyphens and apostrophes as spaces, spaces collapsed: "Saint-Étienne" = "saint etienne". */
export function foldName(text: string): string {
  return foldAccents(text)
    .replace(/[\s'’-]+/g, ' ')
    .trim();
}
