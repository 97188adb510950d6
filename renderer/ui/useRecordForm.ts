import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type BaseSyntheticEvent } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { useNavigate } from 'react-router';
import type * as z from 'zod';
import { flash } from './Flash.tsx';
import { showRepoError } from './formErrors.ts';

/** Where a saved record's form goes next, and the confirmation shown there. */
export interface Saved {
  to: string;
  message: string;
}

export interface RecordFormOptions<Values extends FieldValues, Output> {
  /** Form values in, the repository's input out: usually `formSchema(entityFields)`. */
  schema: z.ZodType<Output, Values>;
  defaultValues: DefaultValues<Values>;
  /** The fields a refused write may name: its message shows under them (the others go above the form). */
  fields: readonly string[];
  /** The field that has the focus when the form opens. */
  focus?: Path<Values> | undefined;
  /** Writes the record; returns where to go and what to say there, or nothing to stay on the screen. */
  save: (values: Output) => Promise<Saved | undefined>;
}

export type RecordFormApi<Values extends FieldValues, Output> = UseFormReturn<Values, unknown, Output> & {
  /** The form's `onSubmit`: validates, saves, then navigates or shows why the write was refused. */
  onSubmit: (event?: BaseSyntheticEvent) => Promise<void>;
  /** The refusal's French message, for the alert above the form. */
  failure: string | undefined;
  /** `setValue` options for a value chosen outside an input (a commune suggestion): checked again once submitted. */
  chosen: { shouldValidate: boolean; shouldDirty: true };
};

/**
 * A record's form: react-hook-form with the schema's French messages, the first field focused, and a submit that
 * saves through a repository function, puts a refusal's messages next to the fields it names, and goes to the
 * saved record with a confirmation. Render it with `RecordForm`.
 */
export function useRecordForm<Values extends FieldValues, Output>({
  schema,
  defaultValues,
  fields,
  focus,
  save,
}: RecordFormOptions<Values, Output>): RecordFormApi<Values, Output> {
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string>();
  const form = useForm<Values, unknown, Output>({ resolver: zodResolver(schema), defaultValues });
  const { setFocus, setError, handleSubmit } = form;

  useEffect(() => {
    if (focus) setFocus(focus);
  }, [setFocus, focus]);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      const saved = await save(values);
      if (saved) void navigate(saved.to, flash(saved.message));
    } catch (error) {
      setFailure(showRepoError(error, setError, fields));
    }
  });

  return { ...form, onSubmit, failure, chosen: { shouldValidate: form.formState.isSubmitted, shouldDirty: true } };
}
