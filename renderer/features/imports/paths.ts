/** Addresses of the CSV import screens: organisations and posts from the hosts screens, persons from theirs. */
export const importPaths = {
  hosts: '/structures/import',
  persons: '/import/personnes',
} as const;
