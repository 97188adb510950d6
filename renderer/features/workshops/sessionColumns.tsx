import { formatHours } from '../../../shared/format/fr.ts';
import type { SessionRow } from '../../../shared/repos/workshopViews.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { programmeKindLabels } from '../../../shared/schemas/programme.ts';
import type { DataColumn } from '../../ui/DataTable.tsx';

const label = (field: string) => labelOf('session', field);

const sessionFields: DataColumn<SessionRow>[] = [
  { id: 'start', header: label('startDate'), accessor: (s) => s.startDate, filter: 'date', width: '7.5rem' },
  { id: 'end', header: label('endDate'), accessor: (s) => s.endDate, width: '7.5rem' },
  { id: 'days', header: 'Jours', accessor: (s) => s.days.length, align: 'right', width: '4.5rem' },
  { id: 'hoursPerDay', header: label('hoursPerDay'), accessor: (s) => s.hoursPerDay, cell: (s) => formatHours(s.hoursPerDay), align: 'right', width: '7.5rem' },
  { id: 'facilitator', header: label('facilitator'), accessor: (s) => s.facilitator, filter: 'text', width: '11rem' },
  {
    id: 'enrolled',
    header: 'Inscrits / places',
    accessor: (s) => s.enrolled,
    cell: (s) => `${s.enrolled} / ${s.places}`,
    csv: (s) => `${s.enrolled} / ${s.places}`,
    align: 'right',
    width: '9rem',
  },
];

/** The sessions of one programme. */
export const programmeSessionColumns: DataColumn<SessionRow>[] = sessionFields;

/** Every session of the site, with its programme. */
export const allSessionColumns: DataColumn<SessionRow>[] = [
  { id: 'programme', header: 'Programme', accessor: (s) => s.programmeTitle, filter: 'select' },
  { id: 'kind', header: 'Type', accessor: (s) => programmeKindLabels[s.programmeKind], filter: 'select', width: '10rem' },
  ...sessionFields,
];
