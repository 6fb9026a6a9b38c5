import { randomUUID } from 'node:crypto';

/** Time and identity sources, injected so tests can move the clock instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const isoNow = (clock: Clock): string => clock.now().toISOString();

export type IdGenerator = () => string;
export const randomIds: IdGenerator = randomUUID;
