import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { setUserName } from '../../../shared/repos/identity.ts';
import { siteSetupFields } from '../../../shared/schemas/site.ts';
import { useRepo } from '../../app/index.ts';
import { FormFailure } from '../../ui/FormFailure.tsx';
import { fieldState } from '../../ui/forms.ts';
import { useSavingForm } from '../../ui/useRecordForm.ts';

const schema = siteSetupFields.pick({ userName: true });

/** The name this workstation's changes are signed with in the history; the form stays on the settings page. */
export function UserNameForm({ current }: { current: string }) {
  const ctx = useRepo();
  const [saved, setSaved] = useState<string>();
  const form = useSavingForm({
    schema,
    fields: ['userName'],
    defaultValues: { userName: current },
    save: async ({ userName }) => {
      setSaved(undefined);
      await setUserName(ctx, userName);
      setSaved('Nom enregistré : il figurera dans l’historique des prochaines modifications.');
    },
  });
  const {
    register,
    formState: { errors },
  } = form;

  return (
    <section className="fr-mb-6w" aria-labelledby="user-title">
      <h2 id="user-title" className="fr-h4">
        Utilisateur de ce poste
      </h2>
      <form onSubmit={form.onSubmit} noValidate>
        <FormFailure message={form.failure} />
        <Input label="Votre nom" {...fieldState(errors.userName)} nativeInputProps={{ ...register('userName'), autoComplete: 'name' }} />
        <Button type="submit" priority="secondary">
          Enregistrer
        </Button>
      </form>
      {saved && <Alert className="fr-mt-2w" severity="success" small description={saved} />}
    </section>
  );
}
