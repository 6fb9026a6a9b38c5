import { registerGetScenario } from '../lib/get-scenario.js';

registerGetScenario({
  id: 'users-list',
  title: 'GET /api/users (администратор, страница 50)',
  order: 12,
  as: 'admin',
  paths: () => [
    '/api/users?page=1&pageSize=50',
    '/api/users?role=auditor&isActive=true&pageSize=50',
    '/api/users?search=auditor1',
  ],
});
