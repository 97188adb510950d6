import { Input } from '@codegouvfr/react-dsfr/Input';
import { useLiveQuery } from 'dexie-react-hooks';
import { useNavigate, useParams } from 'react-router';
import { formatDate, formatNumber } from '../../../shared/format/fr.ts';
import { placementTimesheet } from '../../../shared/repos/hourLogs.ts';
import { tutorName } from '../../../shared/repos/tutors.ts';
import { amountWith, formatAmount, progressOfLogs } from '../../../shared/rules/ordered.ts';
import { addDays, addMonths, dayNumber } from '../../../shared/rules/calendar.ts';
import { lastDayOf } from '../../../shared/rules/capacity.ts';
import type { HourLog } from '../../../shared/schemas/hourLog.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import { usePrintIssuer, useRepo } from '../../app/index.ts';
import { DocumentUnavailable, PrintFrame, SignatureBox, Signatures } from '../../ui/print/PrintFrame.tsx';
import { backPath, fullName, monthLabel, useMeasureFile } from './measureFile.tsx';
import { timesheetPath } from './paths.ts';

const TITLE = 'Feuille de présence mensuelle';
const WEEKDAYS = ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'];

export interface TimesheetDay {
  date: string;
  /** `lun. 02/11` */
  label: string;
  /** Within the placement's dates: a day the person may come. */
  inPlacement: boolean;
  hours: number;
  confirmed: boolean;
  comments: string[];
}

/** Every day of the month, with the hours logged on it (a day may have several lines). */
export function timesheetDays(
  month: string,
  logs: readonly HourLog[],
  placement: { startDate: string; plannedEnd: string; endedOn?: string | undefined },
): TimesheetDay[] {
  const first = `${month}-01`;
  const end = addMonths(first, 1);
  const days: TimesheetDay[] = [];
  for (let date = first; date < end; date = addDays(date, 1)) {
    const own = logs.filter((l) => l.date === date);
    days.push({
      date,
      label: `${WEEKDAYS[(dayNumber(date) + 4) % 7]} ${formatDate(date).slice(0, 5)}`,
      inPlacement: date >= placement.startDate && date <= lastDayOf(placement),
      hours: own.reduce((sum, l) => sum + l.hours, 0),
      confirmed: own.length > 0 && own.every((l) => l.confirmedByTutor),
      comments: own.flatMap((l) => (l.comment ? [l.comment] : [])),
    });
  }
  return days;
}

/** The monthly timesheet the tutor fills in, signs and returns: days × hours, totals, signature boxes. */
export function Timesheet() {
  const ctx = useRepo();
  const navigate = useNavigate();
  const issuer = usePrintIssuer();
  const file = useMeasureFile();
  const { placementId = '', month = '' } = useParams();
  const validMonth = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const logs = useLiveQuery(() => (validMonth ? placementTimesheet(ctx, placementId, month) : Promise.resolve([])), [ctx, placementId, month, validMonth]);
  if (file === undefined || logs === undefined) return null;
  const detail = file?.placements.find((p) => p.placement.id === placementId);
  if (!file || !detail || !validMonth)
    return <DocumentUnavailable title={TITLE} message="Cette mise en situation ou ce mois n’existe pas." back="/personnes" />;
  const { person, measure } = file;
  const { placement, post, organisation, tutors } = detail;
  const days = timesheetDays(month, logs, placement);
  const monthTotal = days.reduce((sum, d) => sum + d.hours, 0);
  const endOfMonth = addDays(addMonths(`${month}-01`, 1), -1);
  const cumulative = progressOfLogs(
    measure,
    file.hourLogs.filter((l) => l.date <= endOfMonth),
  );

  return (
    <PrintFrame
      issuer={issuer}
      judicial
      title={`${TITLE} – ${monthLabel(month)}`}
      back={backPath(file)}
      compact
      toolbar={
        <Input
          className="fr-mb-0"
          label="Mois"
          nativeInputProps={{
            type: 'month',
            value: month,
            onChange: (e) => {
              if (/^\d{4}-\d{2}$/.test(e.target.value)) void navigate(timesheetPath(measure.id, placement.id, e.target.value), { replace: true });
            },
          }}
        />
      }
    >
      <dl className="app-document__fields app-document__fields--two">
        <dt>Personne</dt>
        <dd>
          {fullName(person)}, né(e) le {formatDate(person.birthDate)}
        </dd>
        <dt>Mesure</dt>
        <dd>
          {measureKindLabels[measure.kind]} de {formatAmount(cumulative.unit, cumulative.ordered)} ({measure.jurisdiction}, {formatDate(measure.decisionDate)})
        </dd>
        <dt>Poste</dt>
        <dd>
          {post?.title ?? ''}, {organisation?.name ?? ''} ({post?.communeName ?? organisation?.communeName ?? ''})
        </dd>
        <dt>Tuteur</dt>
        <dd>{tutors.map(tutorName).join(', ') || 'À désigner'}</dd>
        <dt>Période</dt>
        <dd>
          du {formatDate(placement.startDate)} au {formatDate(lastDayOf(placement))}
          {placement.weeklySchedule ? ` · ${placement.weeklySchedule}` : ''}
        </dd>
      </dl>
      <table className="app-document__timesheet">
        <caption className="fr-sr-only">Heures effectuées chaque jour du mois</caption>
        <thead>
          <tr>
            <th scope="col" style={{ width: '20mm' }}>
              Jour
            </th>
            <th scope="col" className="app-document__number" style={{ width: '18mm' }}>
              Heures
            </th>
            <th scope="col" style={{ width: '24mm' }}>
              Confirmées
            </th>
            <th scope="col">Observations</th>
            <th scope="col" style={{ width: '32mm' }}>
              Visa du tuteur
            </th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date} className={d.inPlacement ? undefined : 'app-document__off'}>
              <th scope="row">{d.label}</th>
              <td className="app-document__number">{d.hours > 0 ? formatNumber(d.hours) : d.inPlacement ? '' : '–'}</td>
              <td>{d.hours > 0 ? (d.confirmed ? 'oui' : 'à confirmer') : ''}</td>
              <td>{d.comments.join(' ; ')}</td>
              <td />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="app-document__number">{formatNumber(monthTotal)}</td>
            <td colSpan={3}>
              Cumul sur la mesure au {formatDate(endOfMonth)} : {formatAmount(cumulative.unit, cumulative.done)} sur{' '}
              {amountWith(cumulative.unit, cumulative.ordered, 'ordonné')} ; reste {formatAmount(cumulative.unit, cumulative.remaining)}
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="app-document__note">Les jours grisés sont en dehors de la mise en situation. Heures en nombre décimal (3,5 = 3 h 30).</p>
      <Signatures>
        <SignatureBox title="Le tuteur" lines={['Certifie exact le relevé ci-dessus', 'Date, signature et cachet']} />
        <SignatureBox title="La personne accueillie" lines={['Date et signature']} />
        <SignatureBox title="Visa du service" lines={['Date et signature du conseiller']} />
      </Signatures>
    </PrintFrame>
  );
}
