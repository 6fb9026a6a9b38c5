/**
 * i18next setup. Resources are split per domain (namespace) and locale: i18n/ru/<domain>.ts is the
 * original, i18n/en/<domain>.ts is typed against it. To add a domain: create both files and add one
 * line to each locale below. Russian is the default and the fallback.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { accounts as enAccounts } from './en/accounts';
import { admin as enAdmin } from './en/admin';
import { auditor as enAuditor } from './en/auditor';
import { audits as enAudits } from './en/audits';
import { catalog as enCatalog } from './en/catalog';
import { checklists as enChecklists } from './en/checklists';
import { common as enCommon } from './en/common';
import { ops as enOps } from './en/ops';
import { reports as enReports } from './en/reports';
import { sync as enSync } from './en/sync';
import { accounts as ruAccounts } from './ru/accounts';
import { admin as ruAdmin } from './ru/admin';
import { auditor as ruAuditor } from './ru/auditor';
import { audits as ruAudits } from './ru/audits';
import { catalog as ruCatalog } from './ru/catalog';
import { checklists as ruChecklists } from './ru/checklists';
import { common as ruCommon } from './ru/common';
import { ops as ruOps } from './ru/ops';
import { reports as ruReports } from './ru/reports';
import { sync as ruSync } from './ru/sync';

export const resources = {
  ru: {
    common: ruCommon,
    accounts: ruAccounts,
    auditor: ruAuditor,
    admin: ruAdmin,
    catalog: ruCatalog,
    checklists: ruChecklists,
    audits: ruAudits,
    ops: ruOps,
    reports: ruReports,
    sync: ruSync,
  },
  en: {
    common: enCommon,
    accounts: enAccounts,
    auditor: enAuditor,
    admin: enAdmin,
    catalog: enCatalog,
    checklists: enChecklists,
    audits: enAudits,
    ops: enOps,
    reports: enReports,
    sync: enSync,
  },
} as const;

export type Locale = keyof typeof resources;
export const LOCALES: readonly Locale[] = ['ru', 'en'];
export const DEFAULT_LOCALE: Locale = 'ru';
/** Every namespace; error codes are looked up in all of them (`errors.<domain>.<reason>`). */
export const NAMESPACES = Object.keys(resources.ru) as (keyof (typeof resources)['ru'])[];

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

export function initI18n(): typeof i18n {
  void i18n.use(initReactI18next).init({
    resources,
    lng: storedLocale(),
    fallbackLng: DEFAULT_LOCALE,
    ns: NAMESPACES,
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
