import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AnnouncementDto,
  AnnouncementInput,
  AnnouncementList,
  SupportInfo,
} from '../../shared/announcements/announcements.schema';
import { request } from '../api/request';

const KEY = ['announcements'] as const;

/** Banners to show now; re-checked every few minutes so a new window appears without a reload. */
export function useActiveAnnouncements() {
  return useQuery({
    queryKey: [...KEY, 'active'],
    queryFn: ({ signal }) =>
      request<AnnouncementList>('GET', '/api/announcements/active', undefined, { signal }),
    refetchInterval: 5 * 60_000,
    staleTime: 60_000,
    retry: false,
  });
}

export function useSupportInfo() {
  return useQuery({
    queryKey: ['support'],
    queryFn: ({ signal }) => request<SupportInfo>('GET', '/api/support', undefined, { signal }),
    staleTime: 60 * 60_000,
  });
}

export function useAnnouncementsList() {
  return useQuery({
    queryKey: [...KEY, 'all'],
    queryFn: ({ signal }) => request<AnnouncementList>('GET', '/api/announcements', undefined, { signal }),
  });
}

export function useCreateAnnouncement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AnnouncementInput) =>
      request<{ announcement: AnnouncementDto }>('POST', '/api/announcements', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteAnnouncement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => request<void>('DELETE', `/api/announcements/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
