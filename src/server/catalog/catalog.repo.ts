import { type ExpressionBuilder, type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { BuildingsTable, Database, Db, ElevatorsTable, ReviewStatus } from '../db/database.js';
import { searchTextContains } from '../db/search.js';

export type BuildingRow = Selectable<BuildingsTable>;
export type ElevatorRow = Selectable<ElevatorsTable>;

/** Who is looking: auditors see approved records and their own; admins see everything. */
export interface Viewer {
  id: number;
  role: 'auditor' | 'admin';
}

export interface BuildingView extends BuildingRow {
  createdByName: string | null;
  elevatorCount: number;
}

export interface ElevatorView extends ElevatorRow {
  city: string;
  street: string;
  house: string;
  buildingReviewStatus: ReviewStatus;
  createdByName: string | null;
}

type BEb = ExpressionBuilder<Database & { b: BuildingsTable }, 'b'>;
type EEb = ExpressionBuilder<Database & { b: BuildingsTable; e: ElevatorsTable }, 'b' | 'e'>;

/** Every search term must occur in search_text (index-backed: src/server/db/search.ts). */
const matches = (column: 'b.search_text' | 'e.search_text', term: string) =>
  column === 'b.search_text'
    ? searchTextContains('buildings', 'b', term)
    : searchTextContains('elevators', 'e', term);

/** Readable by id: approved, or the viewer's own record whatever its review status. */
function buildingReadable(eb: BEb, viewer: Viewer) {
  if (viewer.role === 'admin') return eb.lit(true);
  return eb.or([eb('b.reviewStatus', '=', 'approved'), eb('b.createdBy', '=', viewer.id)]);
}

/** Found by search: approved, the viewer's own pending (admins: every pending). Rejected never. */
function buildingSearchable(eb: BEb, viewer: Viewer) {
  if (viewer.role === 'admin') return eb('b.reviewStatus', 'in', ['approved', 'pending']);
  return eb.or([
    eb('b.reviewStatus', '=', 'approved'),
    eb.and([eb('b.reviewStatus', '=', 'pending'), eb('b.createdBy', '=', viewer.id)]),
  ]);
}

function elevatorReadable(eb: EEb, viewer: Viewer) {
  if (viewer.role === 'admin') return eb.lit(true);
  return eb.or([
    eb('e.createdBy', '=', viewer.id),
    eb.and([
      eb('e.reviewStatus', '=', 'approved'),
      eb.or([eb('b.reviewStatus', '=', 'approved'), eb('b.createdBy', '=', viewer.id)]),
    ]),
  ]);
}

function elevatorSearchable(eb: EEb, viewer: Viewer) {
  if (viewer.role === 'admin') {
    return eb.and([
      eb('e.reviewStatus', 'in', ['approved', 'pending']),
      eb('b.reviewStatus', 'in', ['approved', 'pending']),
    ]);
  }
  const buildingOk = eb.or([
    eb('b.reviewStatus', '=', 'approved'),
    eb.and([eb('b.reviewStatus', '=', 'pending'), eb('b.createdBy', '=', viewer.id)]),
  ]);
  return eb.and([
    buildingOk,
    eb.or([
      eb('e.reviewStatus', '=', 'approved'),
      eb.and([eb('e.reviewStatus', '=', 'pending'), eb('e.createdBy', '=', viewer.id)]),
    ]),
  ]);
}

function buildingsBase(db: Db, viewer: Viewer) {
  return db
    .selectFrom('buildings as b')
    .leftJoin('users as u', 'u.id', 'b.createdBy')
    .selectAll('b')
    .select('u.fullName as createdByName')
    .select((eb) =>
      eb
        .selectFrom('elevators as e')
        .whereRef('e.buildingId', '=', 'b.id')
        .where('e.mergedIntoId', 'is', null)
        .where((x) =>
          viewer.role === 'admin'
            ? x.lit(true)
            : x.or([x('e.reviewStatus', '=', 'approved'), x('e.createdBy', '=', viewer.id)]),
        )
        .select((x) => x.fn.countAll<number>().as('n'))
        .as('elevatorCount'),
    );
}

function toBuildingView(row: BuildingRow & { createdByName: string | null; elevatorCount: unknown }) {
  return { ...row, elevatorCount: Number(row.elevatorCount ?? 0) } as BuildingView;
}

export async function findBuildingView(
  db: Db,
  viewer: Viewer,
  id: number,
): Promise<BuildingView | undefined> {
  const row = await buildingsBase(db, viewer)
    .where('b.id', '=', id)
    .where((eb) => buildingReadable(eb, viewer))
    .executeTakeFirst();
  return row ? toBuildingView(row) : undefined;
}

export function findBuilding(db: Db, id: number): Promise<BuildingRow | undefined> {
  return db.selectFrom('buildings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Live (not merged, not rejected) buildings with this normalised address. */
export function findBuildingsByAddressKey(db: Db, key: string): Promise<BuildingRow[]> {
  return db
    .selectFrom('buildings')
    .selectAll()
    .where('addressKey', '=', key)
    .where('mergedIntoId', 'is', null)
    .where('reviewStatus', '!=', 'rejected')
    .orderBy('id')
    .execute();
}

export function insertBuilding(db: Db, row: Insertable<BuildingsTable>): Promise<BuildingRow> {
  return db.insertInto('buildings').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateBuilding(db: Db, id: number, patch: Updateable<BuildingsTable>): Promise<BuildingRow> {
  return db.updateTable('buildings').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export interface CatalogFilter {
  terms: string[];
  reviewStatus?: ReviewStatus | undefined;
  city?: string | undefined;
  mine?: boolean | undefined;
  limit: number;
  offset: number;
}

export async function listBuildings(
  db: Db,
  viewer: Viewer,
  f: CatalogFilter,
): Promise<{ rows: BuildingView[]; total: number }> {
  let q = db.selectFrom('buildings as b').where('b.mergedIntoId', 'is', null);
  if (f.mine) q = q.where('b.createdBy', '=', viewer.id);
  else if (f.reviewStatus) q = q.where((eb) => buildingReadable(eb, viewer));
  else q = q.where((eb) => buildingSearchable(eb, viewer));
  if (f.reviewStatus) q = q.where('b.reviewStatus', '=', f.reviewStatus);
  if (f.city) q = q.where('b.city', '=', f.city);
  for (const term of f.terms) q = q.where(matches('b.search_text', term));
  const ids = q.select('b.id');
  const [rows, count] = await Promise.all([
    buildingsBase(db, viewer)
      .where('b.id', 'in', ids)
      .orderBy('b.city')
      .orderBy('b.street')
      .orderBy('b.house')
      .orderBy('b.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toBuildingView), total: Number(count.n) };
}

export interface AddressRow {
  id: number;
  city: string;
  street: string;
  house: string;
  reviewStatus: ReviewStatus;
}

/** Autocomplete: every term must occur in search_text; approved first; at most `limit`. */
export function autocompleteBuildings(
  db: Db,
  viewer: Viewer,
  terms: string[],
  limit: number,
): Promise<AddressRow[]> {
  let q = db
    .selectFrom('buildings as b')
    .select(['b.id', 'b.city', 'b.street', 'b.house', 'b.reviewStatus'])
    .where('b.mergedIntoId', 'is', null)
    .where((eb) => buildingSearchable(eb, viewer));
  for (const term of terms) q = q.where(matches('b.search_text', term));
  return q
    .orderBy(sql`case when ${sql.ref('b.review_status')} = 'approved' then 0 else 1 end`)
    .orderBy('b.city')
    .orderBy('b.street')
    .orderBy('b.house')
    .limit(limit)
    .execute();
}

export async function listCities(db: Db, viewer: Viewer): Promise<string[]> {
  const rows = await db
    .selectFrom('buildings as b')
    .select('b.city')
    .distinct()
    .where('b.mergedIntoId', 'is', null)
    .where((eb) => buildingSearchable(eb, viewer))
    .orderBy('b.city')
    .execute();
  return rows.map((r) => r.city);
}

function elevatorsBase(db: Db) {
  return db
    .selectFrom('elevators as e')
    .innerJoin('buildings as b', 'b.id', 'e.buildingId')
    .leftJoin('users as u', 'u.id', 'e.createdBy')
    .selectAll('e')
    .select(['b.city', 'b.street', 'b.house', 'b.reviewStatus as buildingReviewStatus'])
    .select('u.fullName as createdByName');
}

export function findElevatorView(db: Db, viewer: Viewer, id: number): Promise<ElevatorView | undefined> {
  return elevatorsBase(db)
    .where('e.id', '=', id)
    .where((eb) => elevatorReadable(eb, viewer))
    .executeTakeFirst();
}

export function findElevatorViewByUuid(
  db: Db,
  viewer: Viewer,
  uuid: string,
): Promise<ElevatorView | undefined> {
  return elevatorsBase(db)
    .where('e.uuid', '=', uuid)
    .where((eb) => elevatorReadable(eb, viewer))
    .executeTakeFirst();
}

export function findElevator(db: Db, id: number): Promise<ElevatorRow | undefined> {
  return db.selectFrom('elevators').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Live elevators of a building (not merged, not rejected). */
export function listBuildingElevatorRows(db: Db, buildingId: number): Promise<ElevatorRow[]> {
  return db
    .selectFrom('elevators')
    .selectAll()
    .where('buildingId', '=', buildingId)
    .where('mergedIntoId', 'is', null)
    .where('reviewStatus', '!=', 'rejected')
    .orderBy('id')
    .execute();
}

export function insertElevator(db: Db, row: Insertable<ElevatorsTable>): Promise<ElevatorRow> {
  return db.insertInto('elevators').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateElevator(db: Db, id: number, patch: Updateable<ElevatorsTable>): Promise<ElevatorRow> {
  return db.updateTable('elevators').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export interface ElevatorFilter extends CatalogFilter {
  status?: 'active' | 'decommissioned' | undefined;
  buildingId?: number | undefined;
}

export async function listElevators(
  db: Db,
  viewer: Viewer,
  f: ElevatorFilter,
): Promise<{ rows: ElevatorView[]; total: number }> {
  let q = db
    .selectFrom('elevators as e')
    .innerJoin('buildings as b', 'b.id', 'e.buildingId')
    .where('e.mergedIntoId', 'is', null);
  if (f.mine) q = q.where('e.createdBy', '=', viewer.id);
  else if (f.reviewStatus) q = q.where((eb) => elevatorReadable(eb, viewer));
  else q = q.where((eb) => elevatorSearchable(eb, viewer));
  if (f.reviewStatus) q = q.where('e.reviewStatus', '=', f.reviewStatus);
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.city) q = q.where('b.city', '=', f.city);
  if (f.buildingId) q = q.where('e.buildingId', '=', f.buildingId);
  for (const term of f.terms) q = q.where(matches('e.search_text', term));
  const ids = q.select('e.id');
  const [rows, count] = await Promise.all([
    elevatorsBase(db)
      .where('e.id', 'in', ids)
      .orderBy('b.city')
      .orderBy('b.street')
      .orderBy('b.house')
      .orderBy('e.entrance')
      .orderBy('e.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Elevators readable by the viewer in one building (the building page). */
export function listElevatorsOfBuilding(db: Db, viewer: Viewer, buildingId: number): Promise<ElevatorView[]> {
  return elevatorsBase(db)
    .where('e.buildingId', '=', buildingId)
    .where('e.mergedIntoId', 'is', null)
    .where((eb) => elevatorReadable(eb, viewer))
    .orderBy('e.entrance')
    .orderBy('e.id')
    .execute();
}

export async function listPendingBuildings(
  db: Db,
  limit: number,
): Promise<{ rows: BuildingView[]; total: number }> {
  const admin: Viewer = { id: 0, role: 'admin' };
  const [rows, count] = await Promise.all([
    buildingsBase(db, admin)
      .where('b.reviewStatus', '=', 'pending')
      .where('b.mergedIntoId', 'is', null)
      .orderBy('b.createdAt')
      .orderBy('b.id')
      .limit(limit)
      .execute(),
    db
      .selectFrom('buildings')
      .where('reviewStatus', '=', 'pending')
      .where('mergedIntoId', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toBuildingView), total: Number(count.n) };
}

export async function listPendingElevators(
  db: Db,
  limit: number,
): Promise<{ rows: ElevatorView[]; total: number }> {
  const [rows, count] = await Promise.all([
    elevatorsBase(db)
      .where('e.reviewStatus', '=', 'pending')
      .where('e.mergedIntoId', 'is', null)
      .orderBy('e.createdAt')
      .orderBy('e.id')
      .limit(limit)
      .execute(),
    db
      .selectFrom('elevators')
      .where('reviewStatus', '=', 'pending')
      .where('mergedIntoId', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every row of a building's elevators (merged ones too): used when moving them on a merge. */
export function listAllElevatorIdsOfBuilding(db: Db, buildingId: number): Promise<ElevatorRow[]> {
  return db.selectFrom('elevators').selectAll().where('buildingId', '=', buildingId).execute();
}

export async function moveAudits(db: Db, fromElevatorId: number, toElevatorId: number): Promise<number[]> {
  const rows = await db
    .updateTable('audits')
    .set({ elevatorId: toElevatorId })
    .where('elevatorId', '=', fromElevatorId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export interface CompactCatalog {
  buildings: Pick<BuildingRow, 'id' | 'uuid' | 'city' | 'street' | 'house' | 'reviewStatus'>[];
  elevators: Pick<
    ElevatorRow,
    | 'id'
    | 'uuid'
    | 'buildingId'
    | 'entrance'
    | 'capacityKg'
    | 'stops'
    | 'identifier'
    | 'status'
    | 'reviewStatus'
  >[];
}

/** Approved catalog plus the viewer's own pending records (offline snapshot). */
export async function listCompactCatalog(db: Db, viewer: Viewer): Promise<CompactCatalog> {
  const own = { ...viewer, role: 'auditor' as const };
  const [buildings, elevators] = await Promise.all([
    db
      .selectFrom('buildings as b')
      .select(['b.id', 'b.uuid', 'b.city', 'b.street', 'b.house', 'b.reviewStatus'])
      .where('b.mergedIntoId', 'is', null)
      .where((eb) => buildingSearchable(eb, own))
      .orderBy('b.id')
      .execute(),
    db
      .selectFrom('elevators as e')
      .innerJoin('buildings as b', 'b.id', 'e.buildingId')
      .select([
        'e.id',
        'e.uuid',
        'e.buildingId',
        'e.entrance',
        'e.capacityKg',
        'e.stops',
        'e.identifier',
        'e.status',
        'e.reviewStatus',
      ])
      .where('e.mergedIntoId', 'is', null)
      .where((eb) => elevatorSearchable(eb, own))
      .orderBy('e.id')
      .execute(),
  ]);
  return { buildings, elevators };
}

export function countImports(db: Db): Promise<number> {
  return db
    .selectFrom('catalogImports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export function listImports(db: Db, limit: number, offset: number) {
  return db
    .selectFrom('catalogImports as i')
    .leftJoin('users as u', 'u.id', 'i.userId')
    .selectAll('i')
    .select('u.fullName as userName')
    .orderBy('i.createdAt', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}
