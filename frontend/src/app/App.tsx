import { createTheme, DEFAULT_THEME, MantineProvider, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { router } from './router';

// Mantine's colours the app uses, with shades 6–9 darker (0–5 kept), so that text reads at 4.5:1
// or better (WCAG AA): shades 6–8 carry white text (buttons, filled badges) and are text on white
// (links, outline buttons); shade 9 is the text of a light badge, alert or active menu item on
// shades 0–1. Mantine's teal.6 under white text is 2.5:1.
const DARKER = {
  teal: ['#0b7a5a', '#0a7253', '#076346', '#06563d'],
  red: ['#cd4343', '#b43b3b', '#9c3333', '#8c2e2e'],
  orange: ['#b65b0e', '#a0500c', '#8a450b', '#7c3e0a'],
  yellow: ['#986b03', '#865e03', '#745102', '#684902'],
  green: ['#2c843c', '#277435', '#21642e', '#1e5a29'],
  blue: ['#1d78c6', '#1a6aae', '#165b96', '#145287'],
  grape: ['#af45c9', '#9a3db1', '#853499', '#862e9c'],
  violet: ['#7950f2', '#6a46d5', '#5c3db8', '#5337a6'],
  indigo: ['#496aeb', '#405dcf', '#3751b3', '#3249a1'],
  cyan: ['#10808f', '#0e717e', '#0c616d', '#0b5762'],
} as const;

// «Dimmed» secondary text at 5.7:1 on white (Mantine's gray.6 is 3.3:1).
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5f6770' },
  dark: {},
});

function makeTheme(closeLabel: string) {
  return createTheme({
    colors: {
      ...Object.fromEntries(
        Object.entries(DARKER).map(([name, dark]) => [
          name,
          [...DEFAULT_THEME.colors[name as keyof typeof DARKER].slice(0, 6), ...dark] as unknown as MantineColorsTuple,
        ]),
      ),
    },
    primaryColor: 'teal',
    defaultRadius: 'sm',
    components: {
      // A badge shows all its text: as typed (no capitals), wrapping onto a second line rather
      // than ending in «…» («Задача на подготовку ин…», «НОВ…»).
      // (Plain objects, not `Badge.extend`: the login page's code does not need these components.)
      Badge: {
        styles: {
          root: { height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '100%', overflow: 'visible', textTransform: 'none' },
          label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', overflowWrap: 'break-word', lineHeight: 1.3, paddingBlock: 1 },
        },
      },
      // Every close button named «Закрыть» (Mantine's has no accessible name of its own).
      Notification: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
      Modal: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
    },
  });
}

export function App() {
  const { t } = useTranslation();
  const theme = useMemo(() => makeTheme(t('common.close')), [t]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      {/* The query cache, the notifications and the dates' settings come with the signed-in app
          (SignedIn.tsx): the login page has none of them. */}
      <RouterProvider router={router} />
    </MantineProvider>
  );
}
