// The part of PouchDB the peer bench uses (its own @types packages declare globals that clash with Node's
// Buffer types).
declare module 'pouchdb-core' {
  interface Database {
    bulkDocs(docs: readonly object[]): Promise<unknown[]>;
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<unknown>;
    replicate: { to(target: Database): Promise<{ ok: boolean; docs_written: number }> };
  }
  interface PouchDBStatic {
    new (name: string, options: { adapter: string }): Database;
    plugin(plugin: unknown): PouchDBStatic;
  }
  const PouchDB: PouchDBStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
