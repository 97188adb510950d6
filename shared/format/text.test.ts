import { describe, expect, it } from 'vitest';
import { foldAccents, foldName } from './text.ts';

describe('text folding', () => {
  it('drops case, accents and ligatures', () => {
    expect(foldAccents('Hélène ŒUVRE Æsop')).toBe('helene oeuvre aesop');
    expect(foldAccents('Plain ASCII')).toBe('plain ascii');
  });

  it('treats hyphens, apostrophes and runs of spaces in names as one space', () => {
    expect(foldName('  Saint-Étienne-du-Rouvray ')).toBe('saint etienne du rouvray');
    expect(foldName('L’Haÿ-les-Roses')).toBe('l hay les roses');
  });
});
