import type { BuildingDto, ElevatorDto } from '../../../shared/catalog/catalog.schema';

export type QueueItem =
  | { kind: 'buildings'; record: BuildingDto }
  | { kind: 'elevators'; record: ElevatorDto };

export const itemLabel = (item: QueueItem) =>
  item.kind === 'buildings' ? item.record.address : `${item.record.city}, ${item.record.label}`;
