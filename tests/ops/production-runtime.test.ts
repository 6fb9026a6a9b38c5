import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { productionEnvironment } from '../../bench/lib/systemd-unit.js';

describe('production runtime settings (systemd unit, also used by npm run bench)', () => {
  it("reads the unit's Environment= lines: glibc arenas and V8 heap sizes", () => {
    const env = productionEnvironment();
    expect(env.NODE_ENV).toBe('production');
    expect(env.MALLOC_ARENA_MAX).toBe('2');
    expect(env.NODE_OPTIONS?.split(' ')).toEqual(['--max-semi-space-size=4', '--max-old-space-size=512']);
  });

  it('node accepts those NODE_OPTIONS and applies them (a typo would stop the service from starting)', () => {
    const env = productionEnvironment();
    const res = spawnSync(
      process.execPath,
      ['-e', "process.stdout.write(String(require('v8').getHeapStatistics().heap_size_limit / 2 ** 20))"],
      { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' },
    );
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    // The old generation limit plus the young generation (3 × 4 MB semi-space).
    expect(Number(res.stdout)).toBe(512 + 3 * 4);
  });

  it('follows systemd syntax: quoted words, several assignments per line, later wins, empty resets', () => {
    const unit = [
      '[Unit]',
      'Environment=IGNORED=unit-section',
      '[Service]',
      '# Environment=COMMENTED=1',
      'Environment=A=1 "B=two words" C=\'3 4\'',
      'Environment=A=5',
      'Environment=',
      'Environment=D=6 E=x\\ y',
      'Environment="F=a=b"',
      '[Install]',
      'Environment=G=install-section',
    ].join('\n');
    expect(productionEnvironment(unit)).toEqual({ D: '6', E: 'x y', F: 'a=b' });
    expect(
      productionEnvironment('[Service]\nEnvironment=A=1 "B=two words" C=\'3 4\'\nEnvironment=A=5'),
    ).toEqual({
      A: '5',
      B: 'two words',
      C: '3 4',
    });
    expect(() => productionEnvironment('[Service]\nEnvironment="A=1')).toThrow(/unterminated quote/);
  });
});
