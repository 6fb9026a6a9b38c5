import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { ApiError, configureAuthRedirects } from './api/request';
import { createAppRouter } from './app/router';
import { theme } from './app/theme';
import { SESSION_QUERY_KEY } from './auth/useSession';
import { initI18n } from './i18n';
import { SafeUpdatePrompt } from './sync/ui/SafeUpdatePrompt';

// Only lazy pages show notifications: the container (and its transitions) loads after the first paint
// (issue 8: the auditor's initial JS ≤ 250 KB gzip). Shown ones wait in the store until it mounts.
const Notifications = lazy(() =>
  import('@mantine/notifications').then((m) => ({ default: m.Notifications })),
);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (4xx) will not heal by retrying; network and 5xx get one more try.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 1,
    },
  },
});
const router = createAppRouter();

configureAuthRedirects({
  onUnauthenticated: () => {
    queryClient.setQueryData(SESSION_QUERY_KEY, null);
    const here = `${window.location.pathname}${window.location.search}`;
    if (window.location.pathname !== '/login')
      void router.navigate(`/login?next=${encodeURIComponent(here)}`);
  },
  onPasswordChangeRequired: () => {
    void queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
    void router.navigate('/change-password');
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
// Russian texts are bundled; English is one lazy chunk, awaited so the first paint is in the right
// language. Not a top-level await: lazy chunks import shared code from this entry chunk.
void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme}>
        <Suspense fallback={null}>
          <Notifications position="top-center" />
        </Suspense>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
          <SafeUpdatePrompt />
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
});
