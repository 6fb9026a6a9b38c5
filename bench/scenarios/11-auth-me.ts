import { registerGetScenario } from '../lib/get-scenario.js';

registerGetScenario({
  id: 'auth-me',
  title: 'GET /api/auth/me (сессия из cookie)',
  order: 11,
  as: 'auditor',
  paths: () => ['/api/auth/me'],
});
