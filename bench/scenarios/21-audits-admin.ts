import { registerGetScenario } from '../lib/get-scenario.js';
import { budget, cleanRun, ms } from '../lib/registry.js';

registerGetScenario({
  id: 'audits-admin-list',
  title: 'Администратор: все аудиты, три фильтра и сортировка',
  order: 21,
  as: 'admin',
  note: 'фильтры: статус + период + (исполнитель | % балла | здание), сортировка по дате сдачи / баллу / адресу',
  paths: (ctx) => {
    const auditorId = ctx.db
      .prepare('select id from users where role = ? order by id limit 1 offset 4')
      .pluck()
      .get('auditor');
    const buildingId = ctx.db
      .prepare(
        'select b.id from buildings b join elevators e on e.building_id = b.id join audits a on a.elevator_id = e.id group by b.id order by count(*) desc limit 1',
      )
      .pluck()
      .get();
    const period = 'dateFrom=2025-12-01&dateTo=2026-11-30';
    return [
      `/api/audits?status=submitted%2Creviewed&${period}&auditorId=${auditorId}&sort=submittedAt&order=desc&pageSize=50`,
      `/api/audits?status=submitted%2Creviewed&${period}&scoreMin=50&scoreMax=90&sort=score&order=asc&pageSize=50`,
      `/api/audits?status=reviewed&${period}&buildingId=${buildingId}&sort=address&order=asc&pageSize=50`,
      `/api/audits?status=submitted&${period}&scoreMax=95&sort=createdAt&order=desc&page=3&pageSize=50`,
    ];
  },
  budgets: (r) => [
    budget(
      'audits.admin.p99',
      'Список всех аудитов (3 фильтра + сортировка): p99 < 40 мс',
      '< 40 ms',
      ms(r.p99),
      cleanRun(r) && r.p99 < 40,
    ),
  ],
});
