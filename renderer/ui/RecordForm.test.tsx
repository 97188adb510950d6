import { Input } from '@codegouvfr/react-dsfr/Input';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { RepoError } from '../../shared/errors.ts';
import { FlashMessage } from './Flash.tsx';
import { FormFailure } from './FormFailure.tsx';
import { fieldState, formSchema } from './forms.ts';
import { RecordForm } from './RecordForm.tsx';
import { useRecordForm, useSavingForm, type Saved } from './useRecordForm.ts';
import '../../test/support/renderApp.ts';

afterEach(cleanup);

const fields = z.object({ name: z.string({ error: 'Nom : champ obligatoire' }), code: z.string().optional() });
const schema = formSchema<{ name: string; code: string }, typeof fields>(fields);

function NameForm({ save }: { save: (values: z.output<typeof fields>) => Promise<Saved> }) {
  const form = useRecordForm({ schema, fields: ['name', 'code'], focus: 'name', defaultValues: { name: '', code: '' }, save });
  const {
    register,
    formState: { errors },
  } = form;
  return (
    <RecordForm form={form} cancel="/liste">
      <Input label="Nom" {...fieldState(errors.name)} nativeInputProps={register('name')} />
      <Input label="Code" {...fieldState(errors.code)} nativeInputProps={register('code')} />
    </RecordForm>
  );
}

function renderForm(save: (values: z.output<typeof fields>) => Promise<Saved>) {
  const router = createMemoryRouter(
    [
      { path: '/', element: <NameForm save={save} /> },
      { path: '/fiche', element: <FlashMessage /> },
    ],
    { initialEntries: ['/'] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

const messageOf = (label: string) => screen.getByLabelText(label).closest('.fr-input-group')?.querySelector('.fr-message--error')?.textContent;

describe('useRecordForm and RecordForm', () => {
  it('focuses the first field, checks the schema, saves and goes to the saved record with its confirmation', async () => {
    const saved: unknown[] = [];
    const router = renderForm(async (values) => {
      saved.push(values);
      return { to: '/fiche', message: 'Fiche enregistrée.' };
    });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Nom')));
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf('Nom')).toBe('Nom : champ obligatoire'));
    expect(saved).toEqual([]);

    fireEvent.change(screen.getByLabelText('Nom'), { target: { value: 'Jardins' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Fiche enregistrée.');
    expect(router.state.location.pathname).toBe('/fiche');
    expect(saved).toEqual([{ name: 'Jardins', code: undefined }]);
  });

  it('puts a refused write’s message under the field it names and above the form, and stays', async () => {
    const router = renderForm(async () => {
      throw new RepoError('Code déjà utilisé', [{ path: 'code', message: 'Ce code est celui d’une autre fiche' }]);
    });
    fireEvent.change(screen.getByLabelText('Nom'), { target: { value: 'Jardins' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf('Code')).toBe('Ce code est celui d’une autre fiche'));
    expect(screen.getByText('Enregistrement refusé').closest('.fr-alert')?.textContent).toContain('Code déjà utilisé');
    expect(router.state.location.pathname).toBe('/');
  });

  it('cancels to where the form came from', () => {
    renderForm(async () => ({ to: '/fiche', message: '' }));
    expect(screen.getByRole('link', { name: 'Annuler' }).getAttribute('href')).toBe('/liste');
  });
});

function CodeForm({ save }: { save: (values: z.output<typeof fields>) => Promise<void> }) {
  const form = useSavingForm({ schema, fields: ['name', 'code'], defaultValues: { name: '', code: '' }, save });
  const {
    register,
    formState: { errors },
  } = form;
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <FormFailure message={form.failure} />
      <Input label="Nom" {...fieldState(errors.name)} nativeInputProps={register('name')} />
      <Input label="Code" {...fieldState(errors.code)} nativeInputProps={register('code')} />
      <button type="submit">Ajouter</button>
    </form>
  );
}

describe('useSavingForm', () => {
  it('saves and stays, outside any router (the first run), and shows a refusal above the form and under its field', async () => {
    const saved: unknown[] = [];
    render(
      <CodeForm
        save={async (values) => {
          if (values.code === 'X') throw new RepoError('Code refusé', [{ path: 'code', message: 'Ce code est pris' }]);
          saved.push(values);
        }}
      />,
    );
    fireEvent.change(screen.getByLabelText('Nom'), { target: { value: 'Jardins' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter' }));
    await waitFor(() => expect(saved).toEqual([{ name: 'Jardins', code: undefined }]));
    expect(screen.getByLabelText('Nom')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Code'), { target: { value: 'X' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter' }));
    await waitFor(() => expect(messageOf('Code')).toBe('Ce code est pris'));
    expect(screen.getByText('Code refusé')).toBeTruthy();
  });
});
