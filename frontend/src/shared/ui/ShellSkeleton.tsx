// The router's first-load fallback: the shell's outline (`ShellOutline`), its code fetched when it
// is first shown. It is part of the login page's JavaScript only as this wrapper — the outline and
// Mantine's Skeleton come in a small chunk of their own, at the same time as the shell's code, on
// a signed-in person's first visit (never on the login page).
import { lazy, Suspense } from 'react';

const Outline = lazy(() => import('./ShellOutline').then((m) => ({ default: m.ShellOutline })));

export function ShellSkeleton() {
  return (
    <Suspense fallback={null}>
      <Outline />
    </Suspense>
  );
}
