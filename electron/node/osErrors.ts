/**
 * What the operating system or SQLite said, as a French clause a person can act on ("le disque est plein"),
 * for the errors a user can meet: full or read-only disk, missing rights, a folder where a file was expected,
 * a share that stopped answering, a damaged database. Anything else keeps its own words.
 */
const systemReasons: Record<string, string> = {
  ENOSPC: 'le disque est plein : libérez de la place puis recommencez',
  EDQUOT: 'le quota de votre compte sur ce disque est atteint : libérez de la place puis recommencez',
  EFBIG: 'le fichier dépasse la taille permise par ce disque',
  EROFS: 'le disque ou le partage est en lecture seule',
  EACCES: 'votre compte n’a pas les droits nécessaires sur ce fichier ou ce dossier',
  EPERM: 'opération interdite sur ce fichier ou ce dossier (droits, ou fichier verrouillé)',
  EISDIR: 'c’est un dossier, pas un fichier',
  ENOTDIR: 'un élément du chemin est un fichier, pas un dossier',
  ENOENT: 'le fichier ou le dossier n’existe pas (ou plus)',
  EEXIST: 'un fichier de ce nom existe déjà',
  ENAMETOOLONG: 'le nom ou le chemin du fichier est trop long',
  ELOOP: 'c’est un lien symbolique : Passerelle ne suit pas les liens',
  EMFILE: 'trop de fichiers sont ouverts : fermez des programmes puis recommencez',
  ENFILE: 'trop de fichiers sont ouverts sur ce poste : recommencez plus tard',
  EBUSY: 'le fichier est utilisé par un autre programme',
  ETXTBSY: 'le fichier est utilisé par un autre programme',
  EAGAIN: 'le fichier n’est pas prêt à être lu',
  EIO: 'erreur de lecture ou d’écriture sur le disque (support abîmé, clé USB retirée ?)',
  ENXIO: 'le périphérique n’est pas disponible',
  ENODEV: 'le périphérique n’est pas disponible',
  ETIMEDOUT: 'le partage réseau ne répond pas',
  EHOSTDOWN: 'le serveur du partage réseau est éteint ou injoignable',
  EHOSTUNREACH: 'le serveur du partage réseau est injoignable',
  ENETUNREACH: 'le réseau est injoignable',
  ECONNRESET: 'la connexion au partage réseau a été coupée',
  ESTALE: 'le partage réseau a été déconnecté pendant l’opération',
  EXDEV: 'le déplacement entre deux disques n’est pas possible',
  ENOTEMPTY: 'le dossier n’est pas vide',
};

/** SQLite's primary result codes (the low byte of its extended codes) a user can meet. */
const sqliteReasons: Record<number, string> = {
  5: 'la base du siège est occupée par un autre programme Passerelle : attendez qu’il ait fini, puis recommencez',
  6: 'la base du siège est verrouillée par un autre programme',
  8: 'la base du siège est en lecture seule (dossier ou disque protégé en écriture)',
  10: 'erreur de lecture ou d’écriture sur le disque de la base du siège',
  11: 'la base du siège est abîmée : restaurez sa dernière sauvegarde',
  13: 'le disque est plein : libérez de la place puis recommencez',
  14: 'le fichier de la base du siège ne peut pas être ouvert (dossier absent, protégé ou en lecture seule)',
  26: 'ce fichier n’est pas une base du siège, ou elle est abîmée : restaurez sa dernière sauvegarde',
};

interface SqliteError extends Error {
  code: 'ERR_SQLITE_ERROR';
  errcode: number;
}

function isSqliteError(error: unknown): error is SqliteError {
  return error instanceof Error && (error as Partial<SqliteError>).code === 'ERR_SQLITE_ERROR' && typeof (error as Partial<SqliteError>).errcode === 'number';
}

/** The French clause for an error, without a final full stop. */
export function osReason(error: unknown): string {
  if (isSqliteError(error)) {
    const reason = sqliteReasons[error.errcode & 0xff];
    if (reason) return reason;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && systemReasons[code]) return systemReasons[code];
  return error instanceof Error ? error.message : String(error);
}

/** Whether the error says the disk is full (the operating system's, or SQLite's). */
export function isDiskFull(error: unknown): boolean {
  if (isSqliteError(error)) return (error.errcode & 0xff) === 13;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
