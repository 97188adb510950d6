export { AccountsSection } from './AccountsSection.tsx';
export { SessionGate } from './SessionGate.tsx';
export { useSession } from './session.ts';
