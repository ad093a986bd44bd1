import { ThemeIcon, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TaskKind } from '../api/tasks';

// Outline icons (Tabler Icons, MIT), inline so the app needs no icon package.
const PATHS: Record<TaskKind, string[]> = {
  call: ['M5 4h4l2 5l-2.5 1.5a11 11 0 0 0 5 5l1.5 -2.5l5 2v4a2 2 0 0 1 -2 2a16 16 0 0 1 -15 -15a2 2 0 0 1 2 -2'],
  email: ['M3 7a2 2 0 0 1 2 -2h14a2 2 0 0 1 2 2v10a2 2 0 0 1 -2 2h-14a2 2 0 0 1 -2 -2v-10z', 'M3 7l9 6l9 -6'],
  meeting: [
    'M5 7a4 4 0 1 0 8 0a4 4 0 1 0 -8 0',
    'M3 21v-2a4 4 0 0 1 4 -4h4a4 4 0 0 1 4 4v2',
    'M16 3.13a4 4 0 0 1 0 7.75',
    'M21 21v-2a4 4 0 0 0 -3 -3.85',
  ],
  task: ['M9 11l3 3l8 -8', 'M20 12v6a2 2 0 0 1 -2 2h-12a2 2 0 0 1 -2 -2v-12a2 2 0 0 1 2 -2h9'],
  other: ['M4 12a1 1 0 1 0 2 0a1 1 0 1 0 -2 0', 'M11 12a1 1 0 1 0 2 0a1 1 0 1 0 -2 0', 'M18 12a1 1 0 1 0 2 0a1 1 0 1 0 -2 0'],
};

const COLORS: Record<TaskKind, string> = { call: 'teal', email: 'blue', meeting: 'grape', task: 'gray', other: 'gray' };

export function KindGlyph({ kind, size = 18 }: { kind: TaskKind; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {PATHS[kind].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}

/** The kind of a task as an icon with its name for screen readers and on hover. */
export function TaskKindIcon({ kind }: { kind: TaskKind }) {
  const { t } = useTranslation();
  const label = t(`work.taskKinds.${kind}`);
  return (
    <Tooltip label={label} withArrow>
      <ThemeIcon variant="light" color={COLORS[kind]} size="lg" radius="xl" role="img" aria-label={label}>
        <KindGlyph kind={kind} />
      </ThemeIcon>
    </Tooltip>
  );
}
