import type { ReactNode } from 'react';
import type { FieldValues } from 'react-hook-form';
import { FormActions } from './FormActions.tsx';
import { FormFailure } from './FormFailure.tsx';
import type { RecordFormApi } from './useRecordForm.ts';

/**
 * The frame of a record's form (see `useRecordForm`): the required-fields notice, the refusal above the fields,
 * the fields, then « Enregistrer » and « Annuler ».
 *
 * @example
 * <RecordForm form={form} cancel={hostsPaths.organisation(organisation.id)}>
 *   <Input label={required(label('decisionDate'))} {...fieldState(errors.decisionDate)} nativeInputProps={{ ...register('decisionDate'), type: 'date' }} />
 * </RecordForm>
 */
export function RecordForm<Values extends FieldValues, Output>({
  form,
  cancel,
  submitLabel,
  notice = 'Les champs suivis d’un astérisque (*) sont obligatoires.',
  refusal = 'Enregistrement refusé',
  wide = false,
  children,
}: {
  form: RecordFormApi<Values, Output>;
  cancel: string;
  submitLabel?: string;
  notice?: string;
  /** The title of the alert that says why nothing was saved. */
  refusal?: string;
  /** Fields laid out on a grid across the page, rather than one column of readable width. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <form onSubmit={form.onSubmit} noValidate className={wide ? undefined : 'app-form'}>
      <p className="fr-text--sm">{notice}</p>
      <FormFailure title={refusal} message={form.failure} />
      {children}
      <FormActions cancel={cancel} submitting={form.formState.isSubmitting} label={submitLabel} />
    </form>
  );
}
