import { describe, expect, it } from 'vitest';
import { appWithAdmin } from '../helpers/factories.js';

const app = appWithAdmin();

const countUsers = async () => (await app.admin.get('/api/users')).json().total as number;

describe('bad input', () => {
  it('answers malformed JSON with 400 request.invalid_json in Russian', async () => {
    const before = await countUsers();
    const res = await app.admin.request({
      method: 'POST',
      url: '/api/users',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "x",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid_json');
    expect(res.json().error.message).toMatch(/JSON/);
    expect(await countUsers()).toBe(before);
  });

  it('answers unknown fields with 400 validation.failed naming the field', async () => {
    const res = await app.admin.post('/api/users', {
      username: 'extra',
      role: 'auditor',
      fullName: 'X',
      isSuperuser: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation.failed');
    expect(res.json().error.message).toMatch(/isSuperuser/);
  });

  it('answers an over-long string with 400 validation.failed and a Russian message naming the field', async () => {
    const res = await app.admin.post('/api/users', {
      username: 'longname',
      role: 'auditor',
      fullName: 'Я'.repeat(5000),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation.failed');
    expect(res.json().error.details[0].path).toBe('fullName');
    expect(res.json().error.message).toMatch(/[а-я]/);
  });

  it('answers a wrong type and an invalid enum value with 400, never 500', async () => {
    for (const payload of [
      { username: 123, role: 'auditor', fullName: 'X' },
      { username: 'okname', role: 'superadmin', fullName: 'X' },
      [],
      'строка',
      null,
    ]) {
      const res = await app.admin.request({
        method: 'POST',
        url: '/api/users',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toMatch(/^(validation\.failed|request\.invalid_json)$/);
    }
  });

  it('answers a non-JSON content type with 415', async () => {
    const res = await app.admin.request({
      method: 'POST',
      url: '/api/users',
      headers: { 'content-type': 'application/xml' },
      payload: '<user/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('request.unsupported_media_type');
  });

  it('answers bad query parameters with 400 validation.failed', async () => {
    const res = await app.admin.get('/api/users?pageSize=100000&role=boss');
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['pageSize', 'role']);
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await app.admin.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('request.not_found');
  });
});
