export { type EventInput, type EventRecord, listEventsFor, recordEvent } from './events.repo.js';
