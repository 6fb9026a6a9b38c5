import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLocale, isLocale, LOCALES, type Locale } from '../i18n';

/** ru / en toggle; `onChange` lets the caller also store the choice in the profile. */
export function LanguageSwitch({ onChange }: { onChange?: (locale: Locale) => void }) {
  const { t, i18n } = useTranslation();
  const value = isLocale(i18n.language) ? i18n.language : currentLocale();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language')}
      value={value}
      data={LOCALES.map((locale) => ({ value: locale, label: locale.toUpperCase() }))}
      onChange={(next) => {
        if (isLocale(next)) onChange?.(next);
      }}
    />
  );
}
