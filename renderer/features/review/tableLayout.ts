import type { ReviewColumn } from '../../../shared/review/types.ts';

/** A column alone, or a figure's three columns (the year, the year before, the change) under one heading. */
export type HeaderGroup = { kind: 'single'; column: ReviewColumn } | { kind: 'metric'; label: string; columns: [ReviewColumn, ReviewColumn, ReviewColumn] };

/**
 * The review's columns come in threes per figure (`posts`, `postsPrev`, `postsChange`): shown as one heading
 * over `2025 | 2024 | Évolution`, the table is as wide as it must be and no wider to read.
 */
export function headerGroups(columns: readonly ReviewColumn[], year: number): HeaderGroup[] {
  const groups: HeaderGroup[] = [];
  for (let i = 0; i < columns.length; i++) {
    const [c, prev, change] = [columns[i]!, columns[i + 1], columns[i + 2]];
    if (prev?.key === `${c.key}Prev` && change?.key === `${c.key}Change`) {
      const suffix = ` ${year}`;
      groups.push({ kind: 'metric', label: c.label.endsWith(suffix) ? c.label.slice(0, -suffix.length) : c.label, columns: [c, prev, change] });
      i += 2;
    } else {
      groups.push({ kind: 'single', column: c });
    }
  }
  return groups;
}
