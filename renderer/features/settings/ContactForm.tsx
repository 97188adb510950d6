import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { postalCodeOnChoice } from '../../../shared/reference/communeSearch.ts';
import { readSiteContact, saveSiteContact } from '../../../shared/repos/identity.ts';
import { siteContactSchema, type SiteContact } from '../../../shared/schemas/site.ts';
import { useRepo } from '../../app/index.ts';
import { CommuneField } from '../geo/index.ts';
import { FormFailure } from '../../ui/FormFailure.tsx';
import { fieldState, formSchema } from '../../ui/forms.ts';
import { useSavingForm } from '../../ui/useRecordForm.ts';

type Values = { address: string; postalCode: string; communeName: string; phone: string; email: string };
const schema = formSchema<Values, typeof siteContactSchema>(siteContactSchema);

/** The service's address, phone and e-mail, printed on its documents; shown once the stored ones are read. */
export function ContactSection() {
  const ctx = useRepo();
  const contact = useLiveQuery(() => readSiteContact(ctx), [ctx]);
  return contact === undefined ? null : <ContactForm current={contact} />;
}

function ContactForm({ current }: { current: SiteContact }) {
  const ctx = useRepo();
  const [saved, setSaved] = useState<string>();
  const form = useSavingForm({
    schema,
    fields: ['address', 'postalCode', 'communeName', 'phone', 'email'],
    defaultValues: {
      address: current.address ?? '',
      postalCode: current.postalCode ?? '',
      communeName: current.communeName ?? '',
      phone: current.phone ?? '',
      email: current.email ?? '',
    },
    save: async (contact) => {
      setSaved(undefined);
      await saveSiteContact(ctx, contact);
      setSaved('Coordonnées enregistrées : elles figurent sur les documents imprimés.');
    },
  });
  const {
    register,
    control,
    setValue,
    getValues,
    formState: { errors },
  } = form;
  const communeName = useWatch({ control, name: 'communeName' });
  const chosen = { shouldDirty: true, shouldValidate: true } as const;

  return (
    <section className="fr-mb-6w" aria-labelledby="contact-title">
      <h2 id="contact-title" className="fr-h4">
        Coordonnées du service
      </h2>
      <p>Imprimées sous le nom du service sur chaque document, et dans la fiche de mise en situation pour que le tuteur signale absences et incidents.</p>
      <form onSubmit={form.onSubmit} noValidate>
        <FormFailure message={form.failure} />
        <Input
          label="Adresse (facultatif)"
          hintText="Numéro et rue, sur plusieurs lignes si besoin"
          textArea
          {...fieldState(errors.address)}
          nativeTextAreaProps={{ ...register('address'), rows: 2, autoComplete: 'street-address' }}
        />
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label="Code postal (facultatif)"
              {...fieldState(errors.postalCode)}
              nativeInputProps={{ ...register('postalCode'), inputMode: 'numeric', autoComplete: 'postal-code' }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-8">
            <CommuneField
              label="Commune (facultatif)"
              hintText="Choisir la commune dans la liste remplit son code postal"
              value={{ communeName }}
              errorMessage={errors.communeName?.message}
              onChange={(commune) => {
                setValue('communeName', commune.communeName, chosen);
                if (commune.postalCode) setValue('postalCode', postalCodeOnChoice(getValues('postalCode'), { postalCode: commune.postalCode }), chosen);
              }}
            />
          </div>
        </div>
        <Input label="Téléphone (facultatif)" {...fieldState(errors.phone)} nativeInputProps={{ ...register('phone'), type: 'tel', autoComplete: 'tel' }} />
        <Input label="Courriel (facultatif)" {...fieldState(errors.email)} nativeInputProps={{ ...register('email'), type: 'email', autoComplete: 'email' }} />
        <Button type="submit" priority="secondary">
          Enregistrer les coordonnées
        </Button>
      </form>
      {saved && <Alert className="fr-mt-2w" severity="success" small description={saved} />}
    </section>
  );
}
