import * as z from 'zod';
import { email, frenchPhone, isoDate, nameText, optionalText, recordStamp, uuid } from './common.ts';

/** The person at the host who supervises placements and confirms hours. */
export const tutorFields = z
  .object({
    organisationId: uuid,
    lastName: nameText('Nom'),
    firstName: nameText('Prénom'),
    role: optionalText('Fonction', 200),
    phone: frenchPhone.optional(),
    email: email.optional(),
    trained: z.boolean(),
    trainedOn: isoDate.optional(),
  })
  .refine((t) => t.trained || t.trainedOn === undefined, { error: 'Date de formation : seulement pour un tuteur formé', path: ['trainedOn'] });
export const tutorSchema = recordStamp.extend(tutorFields.shape);
export type TutorInput = z.input<typeof tutorFields>;
export type Tutor = z.infer<typeof tutorSchema>;
