import { AUDIT_STATUSES } from '../../shared/audits/audits.schema.js';
import { percentageOf, questionMaxScore } from '../../shared/audits/scoring.js';
import { flattenQuestions } from '../../shared/checklists/snapshot.schema.js';
import { formatAddress } from '../../shared/reports/audit-report.js';
import type { Dashboard, DashboardQuery } from '../../shared/reports/reports.schema.js';
import { listAuditRows, toListItem } from '../audits/index.js';
import { getVersionById } from '../checklists/index.js';
import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../db/database.js';
import { lastMonths } from '../db/dates.js';
import * as repo from './dashboard.repo.js';

const DAY = 86_400_000;
const LATEST = 5;
const STALE_LIMIT = 50;
const WEAKEST_LIMIT = 8;

/** First instant of a `YYYY-MM` month, UTC. */
const monthStart = (month: string) => `${month}-01T00:00:00.000Z`;

function monthsAgo(now: Date, months: number): string {
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate(), now.getUTCHours()),
  ).toISOString();
}

/** The admin home: work waiting for someone, and how audits and scores develop over the months. */
export function createDashboardService({ db, clock }: { db: Db; clock: Clock }) {
  // The zone aggregate reads every answer of the window (≈ 1 s at 3 M answers); it only changes when
  // an audit is submitted, so it is kept per window until the fingerprint moves.
  const weakestCache = new Map<string, { fingerprint: string; value: Dashboard['weakestCategories'] }>();

  async function weakestCategories(fromIso: string): Promise<Dashboard['weakestCategories']> {
    const fingerprint = await repo.submittedFingerprint(db, fromIso);
    const cached = weakestCache.get(fromIso);
    if (cached?.fingerprint === fingerprint) return cached.value;
    const value = await computeWeakestCategories(fromIso);
    weakestCache.set(fromIso, { fingerprint, value });
    return value;
  }

  async function computeWeakestCategories(fromIso: string): Promise<Dashboard['weakestCategories']> {
    const [totals, auditsByVersion] = await Promise.all([
      repo.answerTotalsByVersionAndQuestion(db, fromIso),
      repo.countAuditsByVersion(db, fromIso),
    ]);
    const categories = new Map<number, { name: string; total: number; max: number; versions: Set<number> }>();
    const versionIds = [...new Set(totals.map((t) => t.versionId))].sort((a, b) => a - b);
    for (const versionId of versionIds) {
      const version = await getVersionById(db, versionId);
      if (!version) continue;
      const questions = new Map(flattenQuestions(version.snapshot).map((e) => [e.question.id, e]));
      for (const t of totals) {
        if (t.versionId !== versionId) continue;
        const entry = questions.get(t.questionId);
        const qMax = entry ? questionMaxScore(entry.question) : null;
        if (!entry || qMax === null) continue;
        const { question, category } = entry;
        const answered = question.type === 'score' ? t.scoreCount : t.yesNoCount;
        const points = question.type === 'score' ? t.scoreSum : t.yesCount * qMax;
        // Later versions come last, so a renamed zone shows its current name.
        const bucket = categories.get(category.id) ?? {
          name: category.name,
          total: 0,
          max: 0,
          versions: new Set(),
        };
        bucket.name = category.name;
        bucket.total += points * question.weight;
        bucket.max += answered * qMax * question.weight;
        bucket.versions.add(versionId);
        categories.set(category.id, bucket);
      }
    }
    return [...categories.entries()]
      .flatMap(([categoryId, b]) => {
        const percentage = percentageOf(b.total, b.max);
        if (percentage === null) return [];
        const audits = [...b.versions].reduce((n, v) => n + (auditsByVersion.get(v) ?? 0), 0);
        return [{ categoryId, name: b.name, percentage, audits }];
      })
      .sort((a, b) => a.percentage - b.percentage || a.name.localeCompare(b.name, 'ru'))
      .slice(0, WEAKEST_LIMIT);
  }

  return {
    async get(query: DashboardQuery): Promise<Dashboard> {
      const now = clock.now();
      const months = lastMonths(now, query.months);
      const fromIso = monthStart(months[0] ?? '1970-01');
      const [statuses, awaiting, pendingCatalog, failed, perAuditor, perMonth, weakest, stale] =
        await Promise.all([
          repo.countAuditsByStatus(db),
          listAuditRows(db, {
            statuses: ['submitted'],
            sort: 'submittedAt',
            order: 'desc',
            limit: LATEST,
            offset: 0,
          }),
          repo.countPendingCatalog(db),
          repo.failedSyncsSince(db, new Date(now.getTime() - DAY).toISOString(), LATEST),
          repo.auditsPerMonthAndAuditor(db, fromIso),
          repo.averageScorePerMonth(db, fromIso),
          weakestCategories(fromIso),
          repo.listStaleElevators(db, monthsAgo(now, query.staleMonths), STALE_LIMIT),
        ]);

      const statusCounts = Object.fromEntries(AUDIT_STATUSES.map((s) => [s, 0])) as Dashboard['statusCounts'];
      for (const s of statuses) statusCounts[s.status] = s.n;

      const auditors = new Map<number, string>();
      for (const r of perAuditor) auditors.set(r.auditorId, r.fullName);
      const averages = new Map(perMonth.map((r) => [r.month, r]));

      return {
        generatedAt: isoNow(clock),
        months,
        statusCounts,
        awaitingReview: {
          count: statusCounts.submitted,
          latest: awaiting.map(toListItem).map((a) => ({
            uuid: a.uuid,
            address: formatAddress(a.building),
            auditorName: a.auditor.fullName,
            submittedAt: a.submittedAt,
            percentage: a.percentage,
          })),
        },
        pendingCatalog,
        failedSyncs: {
          count: failed.count,
          latest: failed.latest.map((f) => ({
            batchId: f.uuid,
            auditorName: f.fullName,
            deviceId: f.deviceId,
            receivedAt: f.receivedAt,
          })),
        },
        auditors: [...auditors.entries()]
          .map(([id, fullName]) => ({ id, fullName }))
          .sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru')),
        auditsPerMonth: months.map((month) => {
          const rows = perAuditor.filter((r) => r.month === month);
          return {
            month,
            total: rows.reduce((n, r) => n + r.n, 0),
            byAuditor: rows.map((r) => ({ auditorId: r.auditorId, count: r.n })),
          };
        }),
        scorePerMonth: months.map((month) => {
          const r = averages.get(month);
          return {
            month,
            averagePercentage: r?.avg === null || r?.avg === undefined ? null : Math.round(r.avg * 10) / 10,
            audits: r?.n ?? 0,
          };
        }),
        weakestCategories: weakest,
        staleElevators: {
          months: query.staleMonths,
          total: stale.total,
          items: stale.items.map((e) => ({
            elevatorId: e.id,
            uuid: e.uuid,
            address: formatAddress(e),
            entrance: e.entrance,
            identifier: e.identifier,
            lastAuditAt: e.lastAuditAt,
          })),
        },
      };
    },
  };
}
