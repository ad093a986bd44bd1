import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../../app/i18n';
import { ShellSkeleton } from './ShellSkeleton';

describe('ShellSkeleton', () => {
  it('shows the header with the app name, the navigation and a busy content area', () => {
    render(
      <MantineProvider>
        <ShellSkeleton />
      </MantineProvider>,
    );
    expect(screen.getByRole('banner').textContent).toContain('Tessera');
    expect(screen.getByRole('navigation', { name: 'Разделы' })).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Загрузка…' }).getAttribute('aria-busy')).toBe('true');
  });
});
