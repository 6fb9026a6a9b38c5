import type Database from 'better-sqlite3';
import type { DatasetManifest } from '../dataset/scale.js';
import type { ApiSession } from './http.js';
import type { LoadOptions, LoadResult } from './load.js';

/** One budget of issue 8 §3, evaluated (never enforced). `met: null` = could not be evaluated. */
export interface BudgetResult {
  id: string;
  label: string;
  target: string;
  actual: string;
  met: boolean | null;
}

export type ScenarioStatus = 'measured' | 'missing' | 'skipped' | 'error';

export interface ScenarioResult {
  id: string;
  title: string;
  status: ScenarioStatus;
  /** Why it is missing/skipped/broken, or a remark on how it was measured. */
  note?: string;
  metrics: Record<string, number | string | boolean | null>;
  budgets: BudgetResult[];
}

export type ScenarioOutcome = Omit<ScenarioResult, 'id' | 'title'>;

export interface BenchContext {
  quick: boolean;
  baseUrl: string;
  serverPid: number;
  serverLog: string;
  workDir: string;
  manifest: DatasetManifest;
  /** Read-only handle on the server's database, to pick test subjects (ids, uuids). */
  db: Database.Database;
  /** The ceiling's req/s measured at the start of the run (the median of its processes). */
  ceilingRps: number;
  /** Measures the ceiling again now (for ratio budgets: load from other processes drifts). */
  ceilingNow(): Promise<number>;
  /** One ceiling process, for scenarios that measure it with a client of their own. */
  ceilingUrl: string;
  auditor: ApiSession;
  admin: ApiSession;
  /** Logs in (once) as auditor number `n` (1-based). */
  auditorSession(n: number): Promise<ApiSession>;
  /** autocannon with the mode's connections/duration/warm-up unless overridden. */
  load(
    options: Omit<LoadOptions, 'url' | 'connections' | 'durationS' | 'warmupS'> & Partial<LoadOptions>,
  ): Promise<LoadResult & { rssMb: number | null; peakRssMb: number; cpuMsPerRequest?: number | null }>;
  /** `GET`/`HEAD`… a path as `session`: 'missing' when the route does not exist (404 request.not_found). */
  probe(
    method: string,
    path: string,
    session?: ApiSession,
  ): Promise<'ok' | 'missing' | { status: number; code: string | null }>;
  /** OpenAPI paths the server documents (for endpoints whose exact path another team picks). */
  openApiPaths(): Promise<string[]>;
  log(line: string): void;
}

export interface Scenario {
  id: string;
  title: string;
  /** Run order (lower first); scenarios that write data come after the read-only ones. */
  order: number;
  fullOnly?: boolean;
  run(ctx: BenchContext): Promise<ScenarioOutcome>;
}

const scenarios: Scenario[] = [];

export function registerScenario(scenario: Scenario): void {
  if (scenarios.some((s) => s.id === scenario.id))
    throw new Error(`scenario ${scenario.id} registered twice`);
  scenarios.push(scenario);
}

export function registeredScenarios(): Scenario[] {
  return [...scenarios].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** Helpers for scenario modules. */
export const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
export const pct = (n: number) => `${(n * 100).toFixed(0)} %`;

export function budget(
  id: string,
  label: string,
  target: string,
  actual: string,
  met: boolean | null,
): BudgetResult {
  return { id, label, target, actual, met };
}

export function missing(note: string): ScenarioOutcome {
  return { status: 'missing', note, metrics: {}, budgets: [] };
}

/** Standard metrics of an autocannon measurement. */
export function loadMetrics(
  r: LoadResult & { rssMb: number | null; peakRssMb: number; cpuMsPerRequest?: number | null },
  ceilingRps: number,
) {
  return {
    rps: Math.round(r.rps),
    p50Ms: r.p50,
    p99Ms: r.p99,
    requests: r.requests,
    errors: r.errors,
    non2xx: r.non2xx,
    rssMb: r.rssMb === null ? null : Math.round(r.rssMb),
    peakRssMb: Math.round(r.peakRssMb),
    // Server CPU time per request: unlike latency, barely moved by other work on a shared machine.
    cpuMsPerRequest: r.cpuMsPerRequest == null ? null : Number(r.cpuMsPerRequest.toFixed(3)),
    ceilingRatio: ceilingRps ? Number((r.rps / ceilingRps).toFixed(3)) : null,
  };
}

/** A clean run has no socket errors and only 2xx/304 answers. */
export function cleanRun(r: LoadResult): boolean {
  return (
    r.requests > 0 &&
    r.errors === 0 &&
    Object.keys(r.statusCodes).every((c) => c.startsWith('2') || c === '304')
  );
}
