/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/react" />

/** package.json version, injected by vite.config.ts `define` (shown in the footer). */
declare const __APP_VERSION__: string;
