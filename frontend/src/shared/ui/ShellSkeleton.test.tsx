import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../../app/i18n';
import { ShellOutline } from './ShellOutline';
import { ShellSkeleton } from './ShellSkeleton';

describe('ShellOutline', () => {
  it('shows the header with the app name, the navigation and a busy content area', () => {
    render(
      <MantineProvider>
        <ShellOutline />
      </MantineProvider>,
    );
    expect(screen.getByRole('banner').textContent).toContain('Tessera');
    expect(screen.getByRole('navigation', { name: 'Разделы' })).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Загрузка…' }).getAttribute('aria-busy')).toBe('true');
  });
});

describe('ShellSkeleton', () => {
  it('loads the outline on demand and shows it', async () => {
    render(
      <MantineProvider>
        <ShellSkeleton />
      </MantineProvider>,
    );
    expect(await screen.findByRole('navigation', { name: 'Разделы' })).toBeTruthy();
    expect(screen.getByRole('banner').textContent).toContain('Tessera');
  });
});
