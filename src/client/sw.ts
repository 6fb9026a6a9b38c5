/// <reference lib="webworker" />
/**
 * Service worker (vite-plugin-pwa injectManifest). Precaches the app shell (every built asset and
 * index.html, admin chunks included) and answers page navigations with the cached index.html so the
 * SPA opens offline. The API is never cached here: /api, /healthz and /readyz always go to the
 * network; offline data lives in IndexedDB (client/db), never in a cache a new worker would delete.
 *
 * Updates (registerType 'prompt'): a new worker installs, then WAITS. Only when the auditor presses
 * «Обновить» (sync/ui/SafeUpdatePrompt.tsx — which first lets pending saves and a running sync finish)
 * does the page send SKIP_WAITING; the page then reloads on the new version with the same IndexedDB.
 * A worker that activates claims the open tabs (see the end of this file).
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api\//, /^\/healthz/, /^\/readyz/],
  }),
);

// registerType 'prompt': the page asks the user, then tells the waiting worker to take over.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Control the open tab as soon as this worker activates. On a first visit this is what lets lazily
// loaded pages (and the logout warning) open from the precache when the network drops minutes later;
// on an update it happens only after the auditor agreed, and the page reloads anyway.
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});
