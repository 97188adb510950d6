/** The headquarters import worker's built code, embedded in main's bundle by build/importWorker.ts. */
declare module 'virtual:passerelle-import-worker' {
  const source: string;
  export default source;
}
