export * from './audits';
export * from './device';
export { useLiveQuery } from './live';
export * from './schema';
