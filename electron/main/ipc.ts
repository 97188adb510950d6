import { channels, type Handlers } from '../../shared/bridge/contract.ts';
import { dispatch, type Envelope } from '../../shared/bridge/envelope.ts';
import { isSenderAllowed, type SenderFrame } from './guards.ts';

export const FOREIGN_SENDER_ERROR = 'Appel refusé : il ne vient pas de la fenêtre de Passerelle.';

export interface InvokeEvent {
  readonly senderFrame: SenderFrame | null;
}

export interface IpcRegistry {
  handle(channel: string, listener: (event: InvokeEvent, request: unknown) => Promise<Envelope<unknown>>): void;
}

/** One IPC call: the sender frame first, then the contract's validation; nothing runs unless both pass. */
export async function answerIpc(handlers: Handlers, channel: string, event: InvokeEvent, request: unknown): Promise<Envelope<unknown>> {
  if (!isSenderAllowed(event.senderFrame)) return { ok: false, error: FOREIGN_SENDER_ERROR };
  return dispatch(handlers, channel, request);
}

/** One handler per contract key, the key being the channel name (the preload invokes the same literals). */
export function registerIpcHandlers(ipcMain: IpcRegistry, handlers: Handlers): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, request) => answerIpc(handlers, channel, event, request));
  }
}
