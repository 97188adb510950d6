import '../../test/support/renderApp.ts';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../shared/accounts/accounts.ts';
import { completeSetup } from '../../shared/repos/identity.ts';
import { testContext } from '../../test/support/memoryDb.ts';
import pkg from '../../package.json' with { type: 'json' };
import { AppRoot } from './AppRoot.tsx';

afterEach(cleanup);

describe('application shell', () => {
  it('shows the site in the header and the version of package.json in the footer', async () => {
    const ctx = await testContext();
    await completeSetup(ctx);
    const admin = await createAccount(
      ctx,
      { login: 'c.martin', name: 'Camille Martin', role: 'administrateur', password: 'phrase de passe longue' },
      { N: 2 ** 10, r: 8, p: 1 },
    );
    sessionStorage.setItem('passerelle.account', admin.id);
    render(<AppRoot boot={async () => ({ ok: true, ctx })} />);
    const footer = await screen.findByRole('contentinfo');
    expect(within(footer).getByText(`Version ${pkg.version}`)).toBeTruthy();
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(within(screen.getByRole('banner')).getByText('SPIP de Meurthe-et-Moselle · SPIP (service pénitentiaire d’insertion et de probation)')).toBeTruthy();
  });
});
