// The application shell's one door for features: the repository context and the configured site. Only what
// features need lives here (never the router or the root, which import the features themselves).
export { RepoProvider, useIdentity, usePrintIssuer, useRepo, useToday } from './RepoProvider.tsx';
export { useRecord } from './useRecord.ts';
