export { CommuneField, type CommuneValue } from './CommuneField.tsx';
export { loadCommunes } from './communes.ts';
