import * as z from 'zod';
import { UserFacingError } from '../errors.ts';
import { contract, isChannel, type Channel, type Handlers } from './contract.ts';

/**
 * What crosses the bridge: a value or a French error message. Errors travel as data, not as thrown
 * exceptions, so the renderer shows the message as written instead of Electron's "Error invoking remote
 * method" wrapper.
 */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: string };

export const envelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** A refusal or failure reported by the Node side: its message was written in French there. */
export class BridgeError extends UserFacingError {
  constructor(message: string) {
    super(message);
    this.name = 'BridgeError';
  }
}

/**
 * Validate a call and run its handler. Used by Electron's IPC handlers and by the web host alike, so both
 * refuse the same bad input with the same message and run nothing.
 */
export async function dispatch(handlers: Handlers, channel: string, raw: unknown): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: `Appel inconnu : ${channel}` };
  const parsed = contract[channel].request.safeParse(raw ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'requête'} : ${i.message}`).join(' ; ');
    return { ok: false, error: `Appel refusé, arguments invalides (${detail})` };
  }
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    // A message written for the user passes as it is; anything else (a Node error in English) says it was unexpected.
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    return { ok: false, error: error instanceof Error ? `Erreur inattendue : ${error.message}` : 'Erreur inattendue.' };
  }
}

/** Client side: unwrap an envelope, validating the value against the channel's response schema. */
export function unwrap<C extends Channel>(channel: C, raw: unknown): z.output<(typeof contract)[C]['response']> {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) throw new BridgeError('Réponse illisible du service local.');
  if (!envelope.data.ok) throw new BridgeError(envelope.data.error);
  const value = contract[channel].response.safeParse(envelope.data.value);
  if (!value.success) throw new BridgeError('Réponse inattendue du service local.');
  return value.data as z.output<(typeof contract)[C]['response']>;
}
