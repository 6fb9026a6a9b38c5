import { ActionIcon, Button, Group, Image, Modal, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconCamera, IconPhoto, IconX } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentDto } from '../../../shared/audits/audits.schema';
import { MAX_PHOTOS_PER_QUESTION } from '../../../shared/audits/limits';
import { errorMessage } from '../../api/error-message';
import { type PhotoUpload, photoProblem } from '../../sync/useLocalAudits';
import { PhotoImage } from './PhotoImage';

/** Full-size viewer: the ≈1280 px preview, with a link to the original. */
export function PhotoViewer({ photo, onClose }: { photo: AttachmentDto | null; onClose: () => void }) {
  const { t } = useTranslation('audits');
  return (
    <Modal opened={photo !== null} onClose={onClose} size="xl" title={photo?.caption ?? t('photos.open')}>
      {photo && (
        <Stack>
          <PhotoImage src={photo.previewUrl} alt={photo.caption ?? ''} testId="photo-preview" />
          <a href={photo.url} target="_blank" rel="noreferrer">
            {t('photos.original')}
          </a>
        </Stack>
      )}
    </Modal>
  );
}

export function PhotoThumbs({ photos }: { photos: AttachmentDto[] }) {
  const { t } = useTranslation('audits');
  const [open, setOpen] = useState<AttachmentDto | null>(null);
  if (photos.length === 0) return null;
  return (
    <>
      <Group gap="xs">
        {photos.map((p) => (
          <button
            key={p.uuid}
            type="button"
            onClick={() => setOpen(p)}
            aria-label={t('photos.open')}
            style={{ padding: 0, border: 0, background: 'none', cursor: 'zoom-in' }}
          >
            <PhotoImage src={p.thumbUrl} w={96} h={72} fit="cover" testId="photo-thumb" />
          </button>
        ))}
      </Group>
      <PhotoViewer photo={open} onClose={() => setOpen(null)} />
    </>
  );
}

interface Props {
  questionId: number;
  photos: AttachmentDto[];
  uploads: PhotoUpload[];
  onUpload: (file: File) => void;
  onRemove: (uuid: string) => void;
  onDismiss: (id: string) => void;
}

/** Photos of one question: thumbnails, per-photo upload progress, camera and gallery, remove. */
export function PhotoStrip({ questionId, photos, uploads, onUpload, onRemove, onDismiss }: Props) {
  const { t } = useTranslation('audits');
  const camera = useRef<HTMLInputElement>(null);
  const gallery = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [open, setOpen] = useState<AttachmentDto | null>(null);
  const count = photos.length + uploads.filter((u) => !u.error).length;
  const isFull = count >= MAX_PHOTOS_PER_QUESTION;

  const handleFiles = (files: FileList | null) => {
    const messages: string[] = [];
    let room = MAX_PHOTOS_PER_QUESTION - count;
    for (const file of Array.from(files ?? [])) {
      const problem = photoProblem(file);
      if (problem) messages.push(t(`photos.${problem.kind}`, { name: problem.name }));
      else if (room <= 0) messages.push(t('photos.limit', { max: MAX_PHOTOS_PER_QUESTION }));
      else {
        room -= 1;
        onUpload(file);
      }
    }
    setProblems([...new Set(messages)]);
  };

  return (
    <Stack gap="xs">
      <Group gap="xs">
        {photos.map((p) => (
          <Paper key={p.uuid} pos="relative" radius="sm" data-testid="photo-item">
            <button
              type="button"
              onClick={() => setOpen(p)}
              aria-label={t('photos.open')}
              style={{ padding: 0, border: 0, background: 'none', cursor: 'zoom-in' }}
            >
              <PhotoImage src={p.thumbUrl} w={96} h={72} fit="cover" testId="photo-thumb" />
            </button>
            <ActionIcon
              size="sm"
              color="red"
              variant="filled"
              pos="absolute"
              top={2}
              right={2}
              aria-label={t('photos.remove')}
              onClick={() => onRemove(p.uuid)}
            >
              <IconX size={14} />
            </ActionIcon>
          </Paper>
        ))}
        {uploads.map((u) => (
          <Paper key={u.id} w={96} radius="sm" data-testid="photo-upload">
            <Image src={u.previewUrl} w={96} h={56} fit="cover" radius="sm" alt="" />
            {u.error ? (
              <Group gap={2} wrap="nowrap">
                <Text size="xs" c="red" title={errorMessage(u.error)}>
                  {t('photos.failed')}
                </Text>
                <ActionIcon
                  size="xs"
                  variant="subtle"
                  aria-label={t('photos.remove')}
                  onClick={() => onDismiss(u.id)}
                >
                  <IconX size={12} />
                </ActionIcon>
              </Group>
            ) : (
              <Progress
                value={u.progress}
                size="sm"
                mt={4}
                aria-label={t('photos.uploading', { percent: u.progress })}
              />
            )}
          </Paper>
        ))}
      </Group>
      {uploads.some((u) => u.error) && (
        <Text size="xs" c="red">
          {uploads.filter((u) => u.error).map((u) => errorMessage(u.error))[0]}
        </Text>
      )}
      {problems.map((p) => (
        <Text key={p} size="xs" c="red">
          {p}
        </Text>
      ))}
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconCamera size={14} />}
          disabled={isFull}
          onClick={() => camera.current?.click()}
        >
          {t('photos.camera')}
        </Button>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPhoto size={14} />}
          disabled={isFull}
          onClick={() => gallery.current?.click()}
        >
          {t('photos.gallery')}
        </Button>
        {isFull && (
          <Text size="xs" c="dimmed">
            {t('photos.limit', { max: MAX_PHOTOS_PER_QUESTION })}
          </Text>
        )}
      </Group>
      <input
        ref={camera}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        data-testid={`camera-input-${questionId}`}
        onChange={(e) => {
          handleFiles(e.currentTarget.files);
          e.currentTarget.value = '';
        }}
      />
      <input
        ref={gallery}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        hidden
        data-testid={`gallery-input-${questionId}`}
        onChange={(e) => {
          handleFiles(e.currentTarget.files);
          e.currentTarget.value = '';
        }}
      />
      <PhotoViewer photo={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
