import * as z from 'zod';
import { annualReviewSchema, establishmentFilterSchema, establishmentRow, reviewScope, reviewYear, siteDirectoryEntry } from './reviewSchemas.ts';

/**
 * The one bridge between the renderer and the Node side. Each key is at once the IPC channel name, the
 * method of `window.passerelle` and the web host's `POST /api/<key>` route; its request schema is parsed
 * by main and by the web host before anything runs, its response schema types what comes back.
 */
export const contract = {
  appInfo: {
    request: z.object({}).strict(),
    response: z.object({
      version: z.string(),
      host: z.enum(['electron', 'web']),
      /** Folder where this installation keeps its files (keys, sync state, headquarters store). */
      dataDir: z.string(),
    }),
  },
  /**
   * The renderer opened its database at this schema version; main records it so that an older build
   * refuses to open a profile written by a newer one.
   */
  reportProfile: {
    request: z.object({ dbVersion: z.number().int().positive() }).strict(),
    response: z.object({ recorded: z.boolean() }),
  },
  /**
   * Headquarters' annual review of one year over the consolidated store, for one site, a DISP, a region or
   * all sites; with the whole site directory, which the scope is chosen from.
   */
  hqReview: {
    request: z.object({ year: reviewYear, scope: reviewScope }).strict(),
    response: z.object({ review: annualReviewSchema, directory: z.array(siteDirectoryEntry) }),
  },
  /** Every establishment's profile in the consolidated store that answers a company's request (IPRO 360°). */
  hqEstablishments: {
    request: establishmentFilterSchema,
    response: z.object({ establishments: z.array(establishmentRow) }),
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type BridgeRequest<C extends Channel> = z.input<Contract[C]['request']>;
export type BridgeResponse<C extends Channel> = z.output<Contract[C]['response']>;

/** What the renderer codes against: `window.passerelle` in Electron, the HTTP client in the web host. */
export type Bridge = { [C in Channel]: (request: BridgeRequest<C>) => Promise<BridgeResponse<C>> };

/** What the Node side implements, once, for both hosts: inputs already parsed. */
export type Handlers = {
  [C in Channel]: (request: z.output<Contract[C]['request']>) => Promise<z.input<Contract[C]['response']>>;
};

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}
