import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/**
 * React.lazy for a named export: `lazyPage(() => import('../admin/users/UsersPage'), 'UsersPage')`.
 * Each lazy page becomes its own chunk, so the auditor bundle never carries admin screens.
 */
export function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] }));
}
