/** Transfers sent and received, with the share's check and a chosen file's opening. */
export const transfersPath = '/transferts';

/** A transfer: a received file's preview and answer, or a sent one's state. */
export function transferPath(transferId: string): string {
  return `/transferts/${transferId}`;
}

/** « Transférer le dossier » of a person. */
export function transferPersonPath(personId: string): string {
  return `/personnes/${personId}/transferer`;
}
