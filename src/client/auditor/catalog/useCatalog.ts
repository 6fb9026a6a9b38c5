import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddressSuggestion,
  BuildingDetail,
  BuildingDto,
  BuildingList,
  CreateBuilding,
  CreateElevator,
  ElevatorDto,
  ElevatorList,
  ElevatorStatus,
  ReviewStatus,
  UpdateBuilding,
  UpdateElevator,
} from '../../../shared/catalog/catalog.schema';
import { request, withQuery } from '../../api/request';

/** Catalog queries and mutations, used by the auditor components and the admin pages alike. */
export const CATALOG_KEY = ['catalog'] as const;

export interface CatalogFilter {
  q: string;
  reviewStatus: ReviewStatus | null;
  status?: ElevatorStatus | null;
  city: string | null;
  mine?: boolean;
  buildingId?: number | null;
  page: number;
  pageSize: number;
}

const listParams = (f: CatalogFilter) => ({
  q: f.q.trim(),
  reviewStatus: f.reviewStatus,
  status: f.status,
  city: f.city,
  mine: f.mine ? 'true' : undefined,
  buildingId: f.buildingId,
  page: f.page,
  pageSize: f.pageSize,
});

export function useBuildings(filter: CatalogFilter, enabled = true) {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'buildings', filter],
    queryFn: ({ signal }) =>
      request<BuildingList>('GET', withQuery('/api/buildings', listParams(filter)), undefined, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useElevators(filter: CatalogFilter, enabled = true) {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'elevators', filter],
    queryFn: ({ signal }) =>
      request<ElevatorList>('GET', withQuery('/api/elevators', listParams(filter)), undefined, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useBuilding(id: number | null) {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'building', id],
    queryFn: ({ signal }) => request<BuildingDetail>('GET', `/api/buildings/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

export function useCities() {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'cities'],
    queryFn: ({ signal }) =>
      request<{ items: string[] }>('GET', '/api/buildings/cities', undefined, { signal }).then(
        (r) => r.items,
      ),
    staleTime: 60_000,
  });
}

/** Address suggestions while typing; nothing is asked for fewer than two characters. */
export function useAddressSuggestions(q: string) {
  const term = q.trim();
  return useQuery<AddressSuggestion[]>({
    queryKey: [...CATALOG_KEY, 'autocomplete', term],
    queryFn: ({ signal }) =>
      request<{ items: AddressSuggestion[] }>(
        'GET',
        withQuery('/api/buildings/autocomplete', { q: term }),
        undefined,
        { signal },
      ).then((r) => r.items),
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useCatalogMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CATALOG_KEY }),
  });
}

export function useCreateBuilding() {
  return useCatalogMutation((input: CreateBuilding) =>
    request<{ building: BuildingDto }>('POST', '/api/buildings', input).then((r) => r.building),
  );
}

export function useUpdateBuilding() {
  return useCatalogMutation(({ id, changes }: { id: number; changes: UpdateBuilding }) =>
    request<{ building: BuildingDto }>('PATCH', `/api/buildings/${id}`, changes).then((r) => r.building),
  );
}

export function useCreateElevator() {
  return useCatalogMutation((input: CreateElevator) =>
    request<{ elevator: ElevatorDto }>('POST', '/api/elevators', input).then((r) => r.elevator),
  );
}

export function useUpdateElevator() {
  return useCatalogMutation(({ id, changes }: { id: number; changes: UpdateElevator }) =>
    request<{ elevator: ElevatorDto }>('PATCH', `/api/elevators/${id}`, changes).then((r) => r.elevator),
  );
}
