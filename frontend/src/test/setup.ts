import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { addAllTexts } from '../app/i18n';
import * as texts from '../app/texts';
import { clearTokens } from '../shared/api/session';

afterEach(() => {
  cleanup();
  clearTokens();
  localStorage.clear();
});

// Mantine needs these browser APIs that jsdom lacks.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
// The app loads the features' texts with the shell; tests render features directly.
addAllTexts(texts);
