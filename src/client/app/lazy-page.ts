import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

export interface LazyPage extends LazyExoticComponent<ComponentType> {
  /** Starts loading the page's chunk now; a failed load (offline) may be retried later. */
  preload(): Promise<unknown>;
}

/**
 * React.lazy for a named export: `lazyPage(() => import('../admin/users/UsersPage'), 'UsersPage')`.
 * Each lazy page becomes its own chunk, so the auditor bundle never carries admin screens.
 */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): LazyPage {
  let loading: Promise<Record<K, ComponentType>> | null = null;
  const loadOnce = () => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
  const page = lazy(async () => ({ default: (await loadOnce())[name] })) as LazyPage;
  page.preload = loadOnce;
  return page;
}
