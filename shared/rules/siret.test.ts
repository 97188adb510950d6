import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidSiret, withSiretKey } from './siret.ts';

describe('SIRET', () => {
  it('accepts 14 digits with a right Luhn key and La Poste’s exception', () => {
    expect(isValidSiret('21540395400013')).toBe(true);
    expect(isValidSiret('21540395400014')).toBe(false);
    expect(isValidSiret('2154039540001')).toBe(false);
    expect(isValidSiret('35600000000010')).toBe(true);
    expect(isValidSiret('35600000000019')).toBe(false);
  });

  it('completes 13 digits with the key', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{13}$/), (first13) => {
        const siret = withSiretKey(first13);
        expect(siret.startsWith(first13)).toBe(true);
        expect(isValidSiret(siret)).toBe(true);
      }),
    );
  });
});
