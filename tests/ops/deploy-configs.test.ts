import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unitAssignments } from '../../bench/lib/systemd-unit.js';
import { startServer } from '../helpers/cli.js';
import { migratedDataDir } from '../helpers/ops-factories.js';
import { nginxArgs, renderNginx, SITE } from './nginx-harness.js';
import { ROOT, waitFor } from './ops-cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const temp = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
const deployFile = (rel: string) => readFileSync(path.join(ROOT, 'deploy', rel), 'utf8');
const run = (cmd: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, cwd: ROOT, timeout: 60_000 });
const me = userInfo().username;
/** The test runner sets NODE_ENV=test, which would win over the file's NODE_ENV=production. */
const withoutNodeEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV'));
const myGroup = run('id', ['-gn']).stdout.trim();

describe('shipped nginx site', () => {
  it('passes nginx -t with a throw-away certificate', () => {
    const layout = renderNginx(
      temp('souzlift-nginx-'),
      { http: 18080, https: 18443, upstream: 18000 },
      '/tmp',
    );
    const res = run('nginx', ['-t', ...nginxArgs(layout)]);
    expect(res.stderr).toContain('syntax is ok');
    expect(res.stderr).toContain('test is successful');
    expect(res.status).toBe(0);
  });

  it('keeps a 1 MB body limit except on the two photo upload paths, and media internal', () => {
    const site = readFileSync(SITE, 'utf8');
    const sizes = [...site.matchAll(/client_max_body_size (\S+);/g)].map((m) => m[1]);
    expect(sizes).toEqual(['1m', '9m', '9m']);
    expect(site).toMatch(/location \/api\/offline-sync\/attachments\/ \{\s+client_max_body_size 9m;/);
    expect(site).toMatch(
      /location ~ \^\/api\/audits\/\[\^\/\]\+\/attachments\$ \{\s+client_max_body_size 9m;/,
    );
    expect(site).toMatch(
      /location \/protected-media\/ \{\s+internal;\s+alias \/var\/lib\/souzlift\/media\/;/,
    );
    expect(site).toContain('return 301 https://$host$request_uri;');
    expect(deployFile('souzlift.env.example')).toMatch(/^MEDIA_ACCEL_REDIRECT=\/protected-media$/m);
  });
});

describe('systemd unit', () => {
  const unit = deployFile('systemd/souzlift.service');

  it('is hardened and wired to the env file, SIGTERM stop and SIGHUP reload', () => {
    const keys = new Map<string, string[]>();
    for (const { section, key, value } of unitAssignments(unit)) {
      const k = `${section}.${key}`;
      keys.set(k, [...(keys.get(k) ?? []), value]);
    }
    const one = (k: string) => keys.get(k)?.at(-1);
    expect(one('Service.User')).toBe('souzlift');
    expect(one('Service.EnvironmentFile')).toBe('/etc/souzlift/souzlift.env');
    expect(one('Service.ExecStart')).toMatch(/node \/opt\/souzlift\/dist\/server\/main\.js$/);
    expect(one('Service.ExecReload')).toBe('/bin/kill -HUP $MAINPID');
    expect(one('Service.KillSignal')).toBe('SIGTERM');
    expect(one('Service.ProtectSystem')).toBe('strict');
    expect(one('Service.ReadWritePaths')?.split(' ')).toEqual(['/var/lib/souzlift', '/var/log/souzlift']);
    for (const k of ['NoNewPrivileges', 'PrivateTmp', 'ProtectHome', 'PrivateDevices', 'RestrictSUIDSGID'])
      expect(one(`Service.${k}`)).toBe('yes');
    expect(one('Service.CapabilityBoundingSet')).toBe('');
    expect(keys.has('Service.MemoryDenyWriteExecute')).toBe(false); // V8 JIT
    expect(one('Install.WantedBy')).toBe('multi-user.target');
  });

  it('passes systemd-analyze verify when the tool is available (else the unit parses above)', () => {
    const probe = run('systemd-analyze', ['--version']);
    if (probe.error || probe.status !== 0) {
      // No systemd here: the structural test above is the check; make sure that is really the case.
      expect(existsSync('/usr/bin/systemd-analyze') || existsSync('/bin/systemd-analyze')).toBe(false);
      return;
    }
    const dir = temp('souzlift-unit-');
    const file = path.join(dir, 'souzlift.service');
    // The only machine-specific part: where node lives on this machine.
    writeFileSync(file, unit.replace('/usr/bin/node', process.execPath));
    const res = run('systemd-analyze', ['verify', file]);
    const complaints = res.stderr.split('\n').filter((l) => l.includes('souzlift.service'));
    expect(complaints).toEqual([]);
    expect(res.status).toBe(0);
  });
});

describe('logrotate', () => {
  it('passes logrotate -d, and a forced rotation makes the running app reopen app.log', async () => {
    const data = await migratedDataDir();
    dirs.push(data.dir);
    const logDir = path.join(data.dir, 'logs');
    const server = await startServer({ ...data.env, LOG_DIR: logDir });
    try {
      const conf = path.join(data.dir, 'logrotate.conf');
      writeFileSync(
        conf,
        deployFile('logrotate/souzlift')
          .replace('/var/log/souzlift/', `${logDir}/`)
          .replace('su souzlift souzlift', `su ${me} ${myGroup}`)
          .replace('create 0640 souzlift souzlift', `create 0640 ${me} ${myGroup}`)
          .replace(/systemctl kill -s HUP souzlift\.service/, `kill -HUP ${server.process.pid}`),
      );
      const state = path.join(data.dir, 'logrotate.state');
      const dry = run('logrotate', ['-d', '-s', state, conf]);
      const output = dry.stdout + dry.stderr;
      expect(output).not.toMatch(/^error:/m);
      expect(output).toContain(`rotating pattern: ${logDir}/*.log`);
      expect(output).toMatch(/14 rotations/);

      // notifempty: wait for the start-up lines, written within the logger's 1 s flush interval.
      const log = path.join(logDir, 'app.log');
      await waitFor(() => existsSync(log) && statSync(log).size > 0);
      const forced = run('logrotate', ['-f', '-s', state, conf]);
      expect(forced.stderr).toBe('');
      expect(forced.status).toBe(0);
      const rotated = readdirSync(logDir).filter((n) => /^app\.log-\d{8}$/.test(n));
      expect(rotated).toHaveLength(1);
      await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('log file reopened'));
      // /healthz logs at warn only; any API request writes its «request completed» line.
      await fetch(`${server.url}/api/auth/me`);
      await waitFor(() => readFileSync(log, 'utf8').includes('/api/auth/me'));
    } finally {
      await server.stop();
    }
  });
});

describe('monit', () => {
  it('passes monit -t with the shipped checks included', () => {
    const dir = temp('souzlift-monit-');
    const rc = path.join(dir, 'monitrc');
    writeFileSync(
      rc,
      `set daemon 60\nset idfile ${dir}/monit.id\nset statefile ${dir}/monit.state\ninclude ${path.join(ROOT, 'deploy/monit/souzlift')}\n`,
    );
    chmodSync(rc, 0o600);
    const res = run('monit', ['-t', '-c', rc]);
    expect(res.stdout + res.stderr).toContain('Control file syntax OK');
    expect(res.status).toBe(0);
    const monit = deployFile('monit/souzlift');
    expect(monit).toContain('check process souzlift with pidfile /var/lib/souzlift/souzlift.pid');
    expect(monit).toMatch(/request "\/healthz" status = 200/);
    expect(monit).toMatch(/check filesystem souzlift_data with path \/var\/lib\/souzlift\s+if space usage/);
  });
});

describe('scripts and the env example', () => {
  it('every shell script passes bash -n and the logwatch script perl -c', () => {
    const scripts = readdirSync(path.join(ROOT, 'scripts')).filter((n) => n.endsWith('.sh'));
    expect(scripts.sort()).toEqual(['backup.sh', 'deploy.sh', 'install-cron.sh', 'souzlift.sh']);
    for (const name of scripts) {
      const res = run('bash', ['-n', path.join(ROOT, 'scripts', name)]);
      expect({ name, status: res.status, stderr: res.stderr }).toEqual({ name, status: 0, stderr: '' });
    }
    const perl = run('perl', ['-c', path.join(ROOT, 'deploy/logwatch/scripts/services/souzlift')]);
    expect(perl.stderr).toContain('syntax OK');
  });

  it('deploy/souzlift.env.example passes souzlift check --deploy (warning only about its example secret)', async () => {
    const data = await migratedDataDir();
    dirs.push(data.dir);
    const res = spawnSync(
      process.execPath,
      [
        `--env-file=${path.join(ROOT, 'deploy/souzlift.env.example')}`,
        '--import',
        'tsx',
        'src/cli/main.ts',
        'check',
        '--deploy',
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: {
          ...withoutNodeEnv(),
          // Only the locations differ from the example on a test machine (the environment wins).
          DATA_DIR: data.dir,
          DATABASE_PATH: data.db,
          MEDIA_DIR: data.media,
          LOG_DIR: path.join(data.dir, 'logs'),
          BACKUP_DIR: data.backups,
        },
      },
    );
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/Ошибок: 0/);
    expect(res.stdout).toContain('security.example_secret');
    expect(res.stdout).not.toMatch(/^ERROR/m);
  });

  it('the cron file schedules every job of the runbook', () => {
    const jobs = deployFile('cron/souzlift')
      .split('\n')
      .filter((l) => /^[\d*]/.test(l));
    const find = (re: RegExp) => jobs.find((j) => re.test(j));
    expect(find(/^0 2 \* \* \* +souzlift +\/opt\/souzlift\/scripts\/backup\.sh/)).toBeDefined();
    expect(find(/^\d+ \* \* \* \* +souzlift .*storage-report --quick/)).toBeDefined();
    expect(find(/\* \* 0 +souzlift .*clearsessions/)).toBeDefined();
    expect(find(/\* \* 0 +souzlift .*storage-report.*check-attachments/)).toBeDefined();
    expect(find(/^\*\/5 \* \* \* \* +souzlift .*send-mail-queue/)).toBeDefined();
    expect(find(/^0 5 1 \* \* +souzlift .*backup drill latest/)).toBeDefined();
  });
});
