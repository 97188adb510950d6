import { events, type EmitEvent, type EventName, type Unsubscribe } from '../../shared/bridge/contract.ts';

export type EventListener = (event: EventName, payload: unknown) => void;

/**
 * Events from the Node services to whoever shows them: Electron forwards each to its window, the web host
 * to every open event stream. A payload that does not match the contract is a programming error: it is
 * logged and dropped, never sent.
 */
export interface EventHub {
  emit: EmitEvent;
  subscribe(listener: EventListener): Unsubscribe;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      const parsed = events[event].safeParse(payload);
      if (!parsed.success) {
        console.error(`Événement ${event} non conforme au contrat, non envoyé :`, parsed.error.message);
        return;
      }
      for (const listener of [...listeners]) {
        try {
          listener(event, parsed.data);
        } catch (error) {
          console.error(`Écouteur de l’événement ${event} en échec :`, error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
