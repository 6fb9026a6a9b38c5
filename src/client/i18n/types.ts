/**
 * The shape of a translation file: the same keys as the Russian original, every leaf a string.
 * English files are typed `Messages<typeof ruX>` so a missing or extra key fails `npm run typecheck`.
 */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
