import { afterAll, beforeAll } from 'vitest';
import { createUsersService } from '../../src/server/accounts/index.js';
import type { AppContext } from '../../src/server/context.js';
import { ApiClient, createTestApp, type TestApp } from './app.js';

export const DEFAULT_PASSWORD = 'Надёжный-пароль-42';

let counter = 0;

export interface BuiltUser {
  id: number;
  username: string;
  password: string;
}

/** Inserts a user ready to work (no forced password change unless asked). */
export async function buildUser(
  ctx: AppContext,
  overrides: {
    role?: 'auditor' | 'admin';
    username?: string;
    fullName?: string;
    mustChangePassword?: boolean;
  } = {},
): Promise<BuiltUser> {
  counter += 1;
  const username = overrides.username ?? `user${counter}_${Math.random().toString(36).slice(2, 7)}`;
  const users = createUsersService({ db: ctx.db, clock: ctx.clock });
  const { user } = await users.create(null, {
    username,
    role: overrides.role ?? 'auditor',
    fullName: overrides.fullName ?? `Тестовый Пользователь ${counter}`,
    temporaryPassword: DEFAULT_PASSWORD,
  });
  if (!overrides.mustChangePassword) {
    await ctx.db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', user.id).execute();
  }
  return { id: user.id, username, password: DEFAULT_PASSWORD };
}

/** A user plus a logged-in client for them. */
export async function loggedIn(
  t: TestApp,
  overrides: Parameters<typeof buildUser>[1] = {},
): Promise<{ user: BuiltUser; client: ApiClient }> {
  const user = await buildUser(t.ctx, overrides);
  const client = new ApiClient(t.app);
  const res = await client.login(user.username, user.password);
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  return { user, client };
}

/**
 * One test app with one signed-in administrator for a whole test file: registers its `beforeAll`
 * and `afterAll`, and returns the holder the tests read `t` and `admin` from once they run.
 */
export function appWithAdmin(env: Record<string, string> = {}): { t: TestApp; admin: ApiClient } {
  const held = {} as { t: TestApp; admin: ApiClient };
  beforeAll(async () => {
    held.t = await createTestApp(env);
    held.admin = (await loggedIn(held.t, { role: 'admin' })).client;
  });
  afterAll(() => held.t.close());
  return held;
}
