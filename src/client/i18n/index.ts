/**
 * i18next setup. Resources are split per domain (namespace) and locale: i18n/ru/<domain>.ts is the
 * original, i18n/en/<domain>.ts is typed against it. To add a domain: create both files, add the
 * English one to en/index.ts and the Russian one below — to `bundled` if the auditor portal or the
 * login page uses it, to `lazyRussian` if only admin screens do. Russian is the default and the fallback.
 *
 * Only the Russian texts of the auditor portal are in the first bundle (issue 8: the auditor's initial
 * JavaScript ≤ 250 KB gzip). English (one chunk) and admin-only namespaces are loaded on demand by a
 * tiny backend: `useTranslation('checklists')` suspends until its namespace is there. The service
 * worker precaches every chunk, so they load offline too.
 */
import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { accounts } from './ru/accounts';
import { auditor } from './ru/auditor';
import { audits } from './ru/audits';
import { catalog } from './ru/catalog';
import { common } from './ru/common';
import { ops } from './ru/ops';
import { reports } from './ru/reports';
import { sync } from './ru/sync';

const bundled = { common, accounts, auditor, catalog, audits, ops, reports, sync };

/** Admin-only namespaces (Russian): fetched when an admin screen asks for them. */
const lazyRussian = {
  admin: () => import('./ru/admin').then((m) => m.admin),
  checklists: () => import('./ru/checklists').then((m) => m.checklists),
};

export type Namespace = keyof typeof bundled | keyof typeof lazyRussian;
export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ru';
/** Every namespace; error codes are looked up in all of them (`errors.<domain>.<reason>`). */
export const NAMESPACES = [...Object.keys(bundled), ...Object.keys(lazyRussian)] as Namespace[];

function isLazyRussian(ns: string): ns is keyof typeof lazyRussian {
  return Object.hasOwn(lazyRussian, ns);
}

/** Loads a namespace that is not in the first bundle (i18next asks only for those). */
async function loadNamespace(language: string, ns: string): Promise<object> {
  if (language === 'en') {
    const { en } = await import('./en');
    return Object.hasOwn(en, ns) ? en[ns as keyof typeof en] : {};
  }
  if (language === DEFAULT_LOCALE && isLazyRussian(ns)) return lazyRussian[ns]();
  return {};
}

const lazyBackend: BackendModule = {
  type: 'backend',
  callbackApi: false,
  init: () => undefined,
  read: (language, ns) => loadNamespace(language, ns),
};

const STORAGE_KEY = 'souzlift.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** Resolves once the stored language's first-screen texts are there (English: one small chunk). */
export async function initI18n(): Promise<typeof i18n> {
  await i18n
    .use(lazyBackend)
    .use(initReactI18next)
    .init({
      resources: { ru: bundled },
      partialBundledLanguages: true,
      lng: storedLocale(),
      fallbackLng: DEFAULT_LOCALE,
      ns: Object.keys(bundled),
      defaultNS: 'common',
      interpolation: { escapeValue: false }, // React escapes.
      returnNull: false,
    });
  document.documentElement.lang = i18n.language;
  return i18n;
}

/** Switches the interface language and remembers it on this device. */
export async function setLocale(locale: Locale): Promise<void> {
  if (i18n.language === locale) return;
  await i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

export { i18n };
