/**
 * SIRET check: 14 digits whose Luhn sum is a multiple of 10. La Poste's establishments (SIREN 356000000)
 * are the one documented exception: INSEE numbers them so that the plain digit sum is a multiple of 5.
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (luhn(value)) return true;
  if (!value.startsWith('356000000')) return false;
  let sum = 0;
  for (const c of value) sum += Number(c);
  return sum % 5 === 0;
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The SIRET whose first 13 digits are given, with the Luhn key digit that makes it valid. */
export function withSiretKey(first13: string): string {
  for (let d = 0; d <= 9; d++) if (luhn(`${first13}${d}`)) return `${first13}${d}`;
  throw new Error(`Not 13 digits: ${first13}`);
}
