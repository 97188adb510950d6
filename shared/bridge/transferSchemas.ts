import * as z from 'zod';
import { uuid } from '../schemas/common.ts';
import { referenceDataSchema } from '../schemas/referenceData.ts';
import { answerContentSchema, dossierContentSchema, transferHeaderSchema } from '../sync/transfer.ts';
import { fileName, savedOutput, target } from './syncSchemas.ts';

/*
 * The transfer channels' pieces. The site's keys stay on the Node side: the page hands over the contents the
 * repositories produced and the signed site directory it holds, the Node side seals, writes, reads and opens.
 */

/** One site of the signed directory, as the reference data carries it (keys included). */
export const directorySite = referenceDataSchema.shape.sites.element;

/** The directory the page holds, to check a file's sender against (a few hundred sites). */
export const transferDirectory = z.array(directorySite).max(5000);

export const transferContent = z.union([dossierContentSchema, answerContentSchema]);

export const transferWriteRequest = z
  .object({
    content: transferContent,
    /** The receiving site's X25519 key from the signed directory, hex. */
    recipientKey: z.string().regex(/^[0-9a-f]{64}$/, { error: 'Clé de chiffrement du site destinataire invalide' }),
    /** The sync folder, a chosen folder (a USB key), or a download. */
    target,
  })
  .strict();

export const transferWritten = z.object({ fileName, output: savedOutput });

export const openedTransfer = z.object({ fileName, header: transferHeaderSchema, content: transferContent });
export type OpenedTransfer = z.infer<typeof openedTransfer>;

/** A file of the sync folder addressed to this site: opened, or refused with the French reason. */
export const scannedTransfer = z.union([openedTransfer.extend({ ok: z.literal(true) }), z.object({ ok: z.literal(false), fileName, reason: z.string() })]);
export type ScannedTransfer = z.infer<typeof scannedTransfer>;

export const transferPersonKeyRequest = z.object({ personId: uuid }).strict();
