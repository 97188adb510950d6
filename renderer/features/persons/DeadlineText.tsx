import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { formatDate, formatNumber } from '../../../shared/format/fr.ts';
import { DEADLINE_WARNING_DAYS, type DeadlineInfo } from '../../../shared/rules/deadline.ts';
import { counted } from '../../../shared/format/agreement.ts';

const days = (n: number, short: boolean) => (short ? `${formatNumber(n)} j` : counted(n, 'jour'));

/** Days left before a deadline, said the way a counsellor says it (`short` for lists: `dans 45 j`). */
export function daysRemainingText(daysRemaining: number, short = false): string {
  if (daysRemaining > 0) return `dans ${days(daysRemaining, short)}`;
  if (daysRemaining === 0) return 'aujourd’hui';
  return `dépassée de ${days(-daysRemaining, short)}`;
}

/** The flag of a deadline closer than 60 days (or passed). */
export function DeadlineFlag({ info, short = false }: { info: DeadlineInfo; short?: boolean }) {
  return info.passed ? (
    <Badge as="span" severity="error" small>
      Dépassée
    </Badge>
  ) : (
    <Badge as="span" severity="warning" small>
      {short ? `< ${DEADLINE_WARNING_DAYS} j` : `Moins de ${DEADLINE_WARNING_DAYS} jours`}
    </Badge>
  );
}

/** `12/03/2027 (dans 45 jours)` and the flag when it applies. */
export function DeadlineText({ info, ended }: { info: DeadlineInfo; ended?: boolean }) {
  return (
    <>
      {formatDate(info.deadline)}
      {!ended && ` (${daysRemainingText(info.daysRemaining)})`}
      {info.flagged && (
        <>
          {' '}
          <DeadlineFlag info={info} />
        </>
      )}
    </>
  );
}
