import { registerGetScenario } from '../lib/get-scenario.js';
import { budget, cleanRun, ms } from '../lib/registry.js';

registerGetScenario({
  id: 'catalog-search',
  title: 'Поиск по каталогу лифтов (10 000)',
  order: 22,
  as: 'auditor',
  note: 'q: улица + дом, город + улица, номер, одно слово; страница 20',
  paths: (ctx) => {
    const rows = ctx.db
      .prepare(
        'select b.city, b.street, b.house, e.identifier from elevators e join buildings b on b.id = e.building_id order by e.id limit 8',
      )
      .all() as Array<{ city: string; street: string; house: string; identifier: string | null }>;
    const queries = rows.flatMap((r) => [
      `${r.street.split(' ').at(-1)} ${r.house.split(' ')[0]}`,
      `${r.city} ${r.street.split(' ').at(-1)}`,
      ...(r.identifier ? [r.identifier] : []),
    ]);
    queries.push('ленина', 'москва', 'мира 1');
    return queries.map((q) => `/api/elevators?q=${encodeURIComponent(q)}&pageSize=20`);
  },
  budgets: (r) => [
    budget(
      'catalog.search.p99',
      'Поиск по 10 000 лифтов: p99 < 20 мс',
      '< 20 ms',
      ms(r.p99),
      cleanRun(r) && r.p99 < 20,
    ),
  ],
});
