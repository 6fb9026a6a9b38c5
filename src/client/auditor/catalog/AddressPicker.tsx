import { Autocomplete, Loader } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddressSuggestion } from '../../../shared/catalog/catalog.schema';
import { useAddressSuggestions } from './useCatalog';

interface Props {
  onPick: (suggestion: AddressSuggestion) => void;
  /** What the user has typed (to pre-fill «add building» when nothing matches). */
  onQueryChange?: (query: string) => void;
  label?: string;
}

/** Address search while typing: the server matches every word anywhere in the address. */
export function AddressPicker({ onPick, onQueryChange, label }: Props) {
  const { t } = useTranslation('catalog');
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 200);
  const suggestions = useAddressSuggestions(debounced);
  const items = suggestions.data ?? [];
  const nothingFound = debounced.trim().length >= 2 && suggestions.isSuccess && items.length === 0;

  const handleChange = (value: string) => {
    setQuery(value);
    onQueryChange?.(value);
  };

  return (
    <Autocomplete
      label={label ?? t('picker.label')}
      placeholder={t('picker.placeholder')}
      value={query}
      onChange={handleChange}
      data={items.map((s) => ({ value: String(s.id), label: s.address }))}
      renderOption={({ option }) => {
        const item = items.find((s) => String(s.id) === option.value);
        if (!item) return option.value;
        return item.reviewStatus === 'pending'
          ? `${item.address} (${t('reviewStatus.pending')})`
          : item.address;
      }}
      // The server already matched every word; the browser must not filter again by the whole phrase.
      filter={({ options }) => options}
      onOptionSubmit={(value) => {
        const picked = items.find((s) => String(s.id) === value);
        if (picked) onPick(picked);
      }}
      rightSection={suggestions.isFetching ? <Loader size="xs" /> : null}
      description={nothingFound ? t('picker.notFound') : undefined}
      data-testid="address-picker"
      name="address-search"
      autoComplete="off"
    />
  );
}
