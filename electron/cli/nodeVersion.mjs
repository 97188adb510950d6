// Plain JavaScript, like the launcher that imports it: it must run on any Node.js to say that one is too old.

/** The oldest Node.js major the command line runs on (package.json's `engines`). */
export const REQUIRED_NODE_MAJOR = 24;

/**
 * Why this Node.js cannot run Passerelle's command line, in French, or null when it can.
 * @param {string} version the running version, as `process.versions.node` gives it (e.g. "24.21.0")
 * @returns {string | null}
 */
export function nodeVersionProblem(version) {
  const major = Number(version.split('.')[0]);
  if (Number.isInteger(major) && major >= REQUIRED_NODE_MAJOR) return null;
  return `passerelle : Node.js ${REQUIRED_NODE_MAJOR} ou plus récent est requis (version actuelle : ${version}).`;
}
