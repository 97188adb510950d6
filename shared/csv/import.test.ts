import { describe, expect, it } from 'vitest';
import { toCsv } from './export.ts';
import { type CsvField, type CsvRow, decodeCsv, detectDelimiter, headerKey, mapHeaders, parseCsv, readFields } from './import.ts';

/** Bytes of an ASCII string (every test file below spells its non-ASCII bytes out explicitly). */
function ascii(text: string): number[] {
  return [...text].map((char) => {
    const code = char.charCodeAt(0);
    if (code > 0x7f) throw new Error(`not ASCII: ${char}`);
    return code;
  });
}

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? ascii(part) : part)));
const utf8 = (text: string) => new TextEncoder().encode(text);

function parsed(input: Uint8Array) {
  const result = parseCsv(input);
  if (!result.ok) throw new Error(`expected a parsed file, got: ${result.error}`);
  return result;
}

function failure(input: Uint8Array): string {
  const result = parseCsv(input);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

const values = (rows: CsvRow[]) => rows.map((row) => row.values);

describe('decodeCsv', () => {
  it('reads Windows-1252 bytes (é è ç œ €) when the file is not valid UTF-8', () => {
    // "Hélène;Mère;Garçon;Œuvre;10 €" in Windows-1252: é=E9 è=E8 ç=E7 Œ=8C €=80.
    const file = bytes('H', [0xe9], 'l', [0xe8], 'ne;M', [0xe8], 're;Gar', [0xe7], 'on;', [0x8c], 'uvre;10 ', [0x80]);
    expect(decodeCsv(file)).toEqual({ text: 'Hélène;Mère;Garçon;Œuvre;10 €', encoding: 'windows-1252' });
  });

  it('reads œ (9C) in Windows-1252', () => {
    expect(decodeCsv(bytes('c', [0x9c], 'ur'))).toEqual({ text: 'cœur', encoding: 'windows-1252' });
  });

  it('reads UTF-8 with a byte order mark and drops the mark', () => {
    const file = bytes([0xef, 0xbb, 0xbf], 'Pr', [0xc3, 0xa9], 'nom');
    expect(decodeCsv(file)).toEqual({ text: 'Prénom', encoding: 'utf-8' });
  });

  it('reads UTF-8 without a byte order mark', () => {
    expect(decodeCsv(bytes('Pr', [0xc3, 0xa9], 'nom'))).toEqual({ text: 'Prénom', encoding: 'utf-8' });
  });

  it('refuses a UTF-8 file with lines that are not UTF-8, naming them, rather than garble it', () => {
    // Line 1 in UTF-8 (Prénom), line 3 with a Windows-1252 è (Lefèvre): read as Windows-1252, it gave "PrÃ©nom".
    const file = bytes('Nom;Pr', [0xc3, 0xa9], 'nom\r\nDupont;L', [0xc3, 0xa9], 'a\r\nLef', [0xe8], 'vre;Ana\r\n');
    expect(decodeCsv(file)).toEqual({
      error:
        'Encodage incohérent : ce fichier est en UTF-8, mais la ligne 3 ne l’est pas (accents enregistrés en Windows-1252 ?). Rien n’a été importé : corrigez cette ligne, ou enregistrez de nouveau le fichier au format « CSV UTF-8 » depuis Excel ou LibreOffice.',
    });
    expect(parseCsv(file)).toEqual({ ok: false, error: expect.stringMatching(/^Encodage incohérent/) });
    const marked = bytes([0xef, 0xbb, 0xbf], 'Nom\nL', [0xe8], 'a\nL', [0xe9], 'o\n');
    expect(decodeCsv(marked)).toMatchObject({ error: expect.stringMatching(/mais les lignes 2, 3 ne le sont pas .* corrigez ces lignes/) });
    expect(decodeCsv(bytes([0xef, 0xbb, 0xbf], 'Pr', [0xe9], 'nom'))).toMatchObject({ error: expect.stringMatching(/la ligne 1 ne l’est pas/) });
  });

  it('reads Excel "Texte Unicode" (UTF-16LE with its mark)', () => {
    // "Né\tx" in UTF-16LE.
    const file = bytes([0xff, 0xfe], [0x4e, 0x00, 0xe9, 0x00, 0x09, 0x00, 0x78, 0x00]);
    expect(decodeCsv(file)).toEqual({ text: 'Né\tx', encoding: 'utf-16le' });
  });
});

describe('detectDelimiter', () => {
  it('prefers the separator of the header line over decimal commas in the data', () => {
    expect(detectDelimiter('Nom;Heures\r\nDupont;12,5\r\nMartin;3,25')).toBe(';');
  });

  it('finds commas and tabs', () => {
    expect(detectDelimiter('Nom,Heures\nDupont,12')).toBe(',');
    expect(detectDelimiter('Nom\tHeures\nDupont\t12')).toBe('\t');
  });

  it('ignores separators inside quoted header names', () => {
    expect(detectDelimiter('"Nom, prénom, âge";Commune\r\n')).toBe(';');
  });

  it('falls back to semicolons for a single column', () => {
    expect(detectDelimiter('Nom\r\nDupont')).toBe(';');
  });
});

describe('parseCsv', () => {
  it('parses a Windows-1252 semicolon file as Excel writes it', () => {
    // Raison sociale;Commune;Montant\r\nMairie d'Évry;Évry;1 234,50 €\r\nŒuvre;Créteil;12\r\n
    const file = bytes(
      'Raison sociale;Commune;Montant\r\n',
      "Mairie d'",
      [0xc9],
      'vry;',
      [0xc9],
      'vry;1 234,50 ',
      [0x80],
      '\r\n',
      [0x8c],
      'uvre;Cr',
      [0xe9],
      'teil;12\r\n',
    );
    const result = parsed(file);
    expect(result.encoding).toBe('windows-1252');
    expect(result.delimiter).toBe(';');
    expect(result.headers).toEqual(['Raison sociale', 'Commune', 'Montant']);
    expect(result.rows).toEqual([
      { line: 2, values: { 'Raison sociale': "Mairie d'Évry", Commune: 'Évry', Montant: '1 234,50 €' } },
      { line: 3, values: { 'Raison sociale': 'Œuvre', Commune: 'Créteil', Montant: '12' } },
    ]);
    expect(result.lineErrors).toEqual([]);
  });

  it('parses UTF-8 with a byte order mark: the first header has no stray mark', () => {
    const result = parsed(bytes([0xef, 0xbb, 0xbf], 'Nom;Pr', [0xc3, 0xa9], 'nom\r\nDupont;Ana', [0xc3, 0xaf], 's\r\n'));
    expect(result.encoding).toBe('utf-8');
    expect(result.headers).toEqual(['Nom', 'Prénom']);
    expect(values(result.rows)).toEqual([{ Nom: 'Dupont', Prénom: 'Anaïs' }]);
  });

  it('tells a comma file from a semicolon file', () => {
    const comma = parsed(utf8('Nom,Commune\nDupont,Évry\n'));
    expect(comma.delimiter).toBe(',');
    expect(values(comma.rows)).toEqual([{ Nom: 'Dupont', Commune: 'Évry' }]);
    const semicolon = parsed(utf8('Nom;Commune\nDupont, Jean;Évry\n'));
    expect(semicolon.delimiter).toBe(';');
    expect(values(semicolon.rows)).toEqual([{ Nom: 'Dupont, Jean', Commune: 'Évry' }]);
  });

  it('parses a tab-separated UTF-16LE "Texte Unicode" file', () => {
    const text = 'Nom\tVille\r\nLéa\tSète\r\n';
    const utf16 = [0xff, 0xfe, ...[...text].flatMap((char) => [char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8])];
    const result = parsed(new Uint8Array(utf16));
    expect([result.encoding, result.delimiter]).toEqual(['utf-16le', '\t']);
    expect(values(result.rows)).toEqual([{ Nom: 'Léa', Ville: 'Sète' }]);
  });

  it('reads quoted cells holding separators, quotes and line breaks, numbering lines as Excel does', () => {
    const file = utf8('Nom;Adresse;Note\r\n"Dupont; Jean";"1 rue A\r\n91000 Évry";"dit ""oui"""\r\nMartin;2 rue B;\r\n');
    const result = parsed(file);
    expect(result.rows).toEqual([
      { line: 2, values: { Nom: 'Dupont; Jean', Adresse: '1 rue A\r\n91000 Évry', Note: 'dit "oui"' } },
      { line: 3, values: { Nom: 'Martin', Adresse: '2 rue B', Note: '' } },
    ]);
  });

  it('reports a line with the wrong number of columns by its number and keeps the others', () => {
    const file = utf8('Nom;Prénom;Commune\r\nDupont;Jean;Évry\r\nMartin;Créteil\r\nDurand;Léa;Sète;en trop\r\nPetit;Paul;Nice\r\n');
    const result = parsed(file);
    expect(values(result.rows).map((row) => row['Nom'])).toEqual(['Dupont', 'Petit']);
    expect(result.rows.map((row) => row.line)).toEqual([2, 5]);
    expect(result.lineErrors).toEqual([
      { line: 3, message: 'Ligne 3 : 2 colonnes au lieu de 3 (un « ; » en trop ou en moins ?).' },
      { line: 4, message: 'Ligne 4 : 4 colonnes au lieu de 3 (un « ; » en trop ou en moins ?).' },
    ]);
  });

  it('reports a quote that is never closed', () => {
    const result = parsed(utf8('Nom;Commune\r\nDupont;Évry\r\n"Martin;Créteil\r\nPetit;Nice\r\n'));
    expect(values(result.rows)).toEqual([{ Nom: 'Dupont', Commune: 'Évry' }]);
    expect(result.lineErrors).toEqual([{ line: 3, message: 'Ligne 3 : un guillemet ouvert n’est jamais fermé (le reste du fichier est illisible).' }]);
  });

  it('skips empty lines (also lines of bare separators) but keeps counting them', () => {
    const result = parsed(utf8('\r\nNom;Commune\r\n\r\nDupont;Évry\r\n;\r\nMartin;Nice\r\n\r\n'));
    expect(result.rows.map((row) => [row.line, row.values['Nom']])).toEqual([
      [4, 'Dupont'],
      [6, 'Martin'],
    ]);
  });

  it('tolerates the empty trailing columns Excel leaves after formatted cells', () => {
    const result = parsed(utf8('Nom;Commune;;\r\nDupont;Évry;;\r\nMartin;Nice;;\r\n'));
    expect(result.headers).toEqual(['Nom', 'Commune']);
    expect(values(result.rows)).toEqual([
      { Nom: 'Dupont', Commune: 'Évry' },
      { Nom: 'Martin', Commune: 'Nice' },
    ]);
  });

  it('follows a `sep=` first line', () => {
    const result = parsed(utf8('sep=,\r\nNom,Commune\r\nDupont; Jean,Évry\r\n'));
    expect(result.delimiter).toBe(',');
    expect(result.rows).toEqual([{ line: 3, values: { Nom: 'Dupont; Jean', Commune: 'Évry' } }]);
  });

  it('refuses an empty file in French', () => {
    expect(failure(new Uint8Array())).toBe('Le fichier est vide.');
    expect(failure(utf8('\r\n \r\n'))).toBe('Le fichier est vide.');
    expect(failure(utf8(';;\r\n;;\r\n'))).toBe('Le fichier est vide.');
  });

  it('refuses a file without a header row', () => {
    expect(failure(utf8('Dupont;12345678901234;2026-01-05\r\nMartin;98765432109876;2026-02-01\r\n'))).toBe(
      'La ligne 1 doit donner les noms des colonnes, mais « 12345678901234 » ressemble à une valeur : ajoutez une ligne d’en-tête en tête du fichier.',
    );
  });

  it('refuses a header row with an unnamed or repeated column', () => {
    expect(failure(utf8('Nom;;Commune\r\nDupont;x;Évry\r\n'))).toBe('La colonne n° 2 n’a pas de nom dans la ligne d’en-tête (ligne 1).');
    expect(failure(utf8('Nom;Commune;Nom\r\nDupont;Évry;Jean\r\n'))).toBe('La colonne « Nom » apparaît deux fois dans la ligne d’en-tête (ligne 1).');
  });

  it('refuses a file holding nothing but its header', () => {
    expect(failure(utf8('Nom;Commune\r\n'))).toBe('Le fichier ne contient que la ligne d’en-tête : aucune ligne à importer.');
  });

  it('reads back what toCsv writes, formula escapes included', () => {
    const columns = [{ header: 'Nom' }, { header: 'Heures' }, { header: 'Note' }, { header: 'Ville' }];
    const rows = [
      ['Hélène « Léa »', 12.5, '=1+2', 'Évry; Essonne'],
      ['Zoë', -3, 'ligne 1\r\nligne 2', 'Saint-Étienne "Loire"'],
    ];
    const result = parsed(utf8(toCsv(columns, rows)));
    expect(result.encoding).toBe('utf-8');
    expect(result.delimiter).toBe(';');
    expect(result.headers).toEqual(['Nom', 'Heures', 'Note', 'Ville']);
    expect(values(result.rows)).toEqual([
      { Nom: 'Hélène « Léa »', Heures: '12,5', Note: "'=1+2", Ville: 'Évry; Essonne' },
      { Nom: 'Zoë', Heures: '-3', Note: 'ligne 1\r\nligne 2', Ville: 'Saint-Étienne "Loire"' },
    ]);
  });
});

describe('header mapping', () => {
  const fields = [
    { field: 'name', label: 'Raison sociale', synonyms: ['Nom', 'Organisme'], required: true },
    { field: 'siret', label: 'SIRET', required: true },
    { field: 'commune', label: 'Commune', synonyms: ['Ville'] },
    { field: 'email', label: 'Courriel', synonyms: ['E-mail'] },
  ] as const satisfies readonly CsvField[];

  it('ignores case, accents, punctuation and filler words', () => {
    expect(headerKey('N° SIRET')).toBe('siret');
    expect(headerKey('Numéro de SIRET')).toBe('siret');
    expect(headerKey('  RAISON  SOCIALE ')).toBe('raisonsociale');
    expect(headerKey('Surface (m²)')).toBe('surfacem2');
    expect(headerKey('Nº dossier')).toBe('dossier');
  });

  it('maps labels and synonyms to fields', () => {
    const mapping = mapHeaders(['Nom', 'N° SIRET', 'VILLE', 'e-mail', 'Observations'], fields);
    expect(mapping.columns).toEqual({ name: 'Nom', siret: 'N° SIRET', commune: 'VILLE', email: 'e-mail' });
    expect(mapping.ignoredHeaders).toEqual(['Observations']);
    expect(mapping.errors).toEqual([]);
  });

  it('prefers the label to a synonym when the file has both', () => {
    const mapping = mapHeaders(['Nom', 'Raison sociale', 'SIRET'], fields);
    expect(mapping.columns.name).toBe('Raison sociale');
    expect(mapping.ignoredHeaders).toEqual(['Nom']);
  });

  it('uses a header for one field only', () => {
    const mapping = mapHeaders(
      ['Nom', 'SIRET'],
      [
        { field: 'last', label: 'Nom', required: true },
        { field: 'org', label: 'Organisme', synonyms: ['Nom'], required: true },
      ],
    );
    expect(mapping.columns).toEqual({ last: 'Nom' });
    expect(mapping.errors).toEqual(['Colonne obligatoire absente : « Organisme ». Le fichier doit avoir une colonne nommée l’un de « Organisme », « Nom ».']);
  });

  it('reports every missing required field in French', () => {
    const mapping = mapHeaders(['Commune'], fields);
    expect(mapping.errors).toEqual([
      'Colonne obligatoire absente : « Raison sociale ». Le fichier doit avoir une colonne nommée l’un de « Raison sociale », « Nom », « Organisme ».',
      'Colonne obligatoire absente : « SIRET ». Le fichier doit avoir une colonne nommée « SIRET ».',
    ]);
  });

  it('reads the mapped fields of a row, trimmed', () => {
    const result = parsed(utf8('N° SIRET;Nom;Divers\r\n 12345678901234 ;  Mairie ;x\r\n'));
    const mapping = mapHeaders(result.headers, fields);
    expect(readFields(result.rows[0]!, mapping.columns)).toEqual({ siret: '12345678901234', name: 'Mairie' });
  });
});
