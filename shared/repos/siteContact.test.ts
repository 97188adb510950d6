import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { expectRefused } from '../../test/support/tig.ts';
import { readSiteContact, saveSiteContact } from './identity.ts';

describe('the service’s contact details', () => {
  it('are kept, a blank field clearing its value', async () => {
    const ctx = await testContext();
    expect(await readSiteContact(ctx)).toEqual({});
    await saveSiteContact(ctx, { address: ' 12 rue de la Ravinelle, 54000 Nancy ', phone: '03 83 00 00 00', email: 'spip54@justice.fr' });
    expect(await readSiteContact(ctx)).toEqual({ address: '12 rue de la Ravinelle, 54000 Nancy', phone: '03 83 00 00 00', email: 'spip54@justice.fr' });
    await saveSiteContact(ctx, { address: '12 rue de la Ravinelle, 54000 Nancy', phone: '  ', email: 'spip54@justice.fr' });
    expect(await readSiteContact(ctx)).toEqual({ address: '12 rue de la Ravinelle, 54000 Nancy', email: 'spip54@justice.fr' });
  });

  it('refuse a bad phone or e-mail in French and change nothing', async () => {
    const ctx = await testContext();
    await saveSiteContact(ctx, { phone: '03 83 00 00 00' });
    await expectRefused(ctx, () => saveSiteContact(ctx, { phone: '12' }), /^Fiche de contact du service invalide : Numéro de téléphone invalide/);
    await expectRefused(ctx, () => saveSiteContact(ctx, { email: 'spip54' }), /^Fiche de contact du service invalide : Adresse électronique invalide/);
    expect(await readSiteContact(ctx)).toEqual({ phone: '03 83 00 00 00' });
  });
});
