import { Center, Image, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  src: string;
  w?: number | string;
  h?: number | string;
  fit?: 'cover' | 'contain';
  alt?: string;
  testId: string;
}

/**
 * A photo's thumbnail or preview. When the server cannot show it (a stored photo that does not
 * decode answers 422 media.not_decodable) it says so in words instead of a broken-image icon; the
 * original stays downloadable from the viewer.
 */
export function PhotoImage({ src, w, h, fit, alt = '', testId }: Props) {
  const { t } = useTranslation('audits');
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  if (failedSrc === src) {
    return (
      <Center
        w={w}
        h={h ?? 120}
        bg="gray.1"
        p={4}
        style={{ borderRadius: 'var(--mantine-radius-sm)' }}
        data-testid="photo-unavailable"
      >
        <Text size="xs" c="dimmed" ta="center" lh={1.2}>
          {t('photos.unavailable')}
        </Text>
      </Center>
    );
  }
  return (
    <Image
      src={src}
      w={w}
      h={h}
      fit={fit}
      radius="sm"
      alt={alt}
      data-testid={testId}
      onError={() => setFailedSrc(src)}
    />
  );
}
