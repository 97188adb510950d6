import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type BaseSyntheticEvent } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { useNavigate } from 'react-router';
import type * as z from 'zod';
import { flash } from './Flash.tsx';
import { showRepoError } from './formErrors.ts';

/** Where a saved record's form goes next, and the confirmation shown there (with what the user must know about it). */
export interface Saved {
  to: string;
  message: string;
  warning?: string | undefined;
}

export interface SavingFormOptions<Values extends FieldValues, Output, Result> {
  /** Form values in, the repository's input out: usually `formSchema(entityFields)`. */
  schema: z.ZodType<Output, Values>;
  defaultValues: DefaultValues<Values>;
  /** The fields a refused write may name: its message shows under them (the others go above the form). */
  fields: readonly string[];
  /** The field that has the focus when the form opens. */
  focus?: Path<Values> | undefined;
  /** Writes through a repository function. */
  save: (values: Output) => Promise<Result>;
}

export type RecordFormApi<Values extends FieldValues, Output> = UseFormReturn<Values, unknown, Output> & {
  /** The form's `onSubmit`: validates, saves, or shows why the write was refused. */
  onSubmit: (event?: BaseSyntheticEvent) => Promise<void>;
  /** The refusal's French message, for the alert above the form. */
  failure: string | undefined;
  /** `setValue` options for a value chosen outside an input (a commune suggestion): checked again once submitted. */
  chosen: { shouldValidate: boolean; shouldDirty: true };
};

/**
 * A form that writes and stays on its screen (an entry added under a list, the first run): react-hook-form with
 * the schema's French messages, the first field focused, and a submit that saves through a repository function
 * or puts a refusal's messages next to the fields it names and above the form. What to do after the save is
 * `save`'s (reset the form, say what was done).
 */
export function useSavingForm<Values extends FieldValues, Output>({
  schema,
  defaultValues,
  fields,
  focus,
  save,
}: SavingFormOptions<Values, Output, unknown>): RecordFormApi<Values, Output> {
  const [failure, setFailure] = useState<string>();
  const form = useForm<Values, unknown, Output>({ resolver: zodResolver(schema), defaultValues });
  const { setFocus, setError, handleSubmit } = form;

  useEffect(() => {
    if (focus) setFocus(focus);
  }, [setFocus, focus]);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      await save(values);
    } catch (error) {
      setFailure(showRepoError(error, setError, fields));
    }
  });

  return { ...form, onSubmit, failure, chosen: { shouldValidate: form.formState.isSubmitted, shouldDirty: true } };
}

/**
 * A record's form (create or edit), as `useSavingForm`, whose `save` returns the saved record's address and the
 * confirmation shown there: the form goes to it. Render it with `RecordForm`.
 */
export function useRecordForm<Values extends FieldValues, Output>(options: SavingFormOptions<Values, Output, Saved>): RecordFormApi<Values, Output> {
  const navigate = useNavigate();
  return useSavingForm({
    ...options,
    save: async (values) => {
      const saved = await options.save(values);
      void navigate(saved.to, flash(saved.message, saved.warning));
    },
  });
}
