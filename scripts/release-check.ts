/**
 * `npm run release:check` (runbook §1.2): CHANGELOG.md has a section for package.json's version, then
 * lint, typecheck, the test suite and `souzlift check`. Stops at the first failure.
 *   --changelog-only   only the CHANGELOG check      --root DIR   project directory [cwd]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { changelogSection } from './changelog.js';

function fail(message: string): never {
  console.error(`release:check: ${message}`);
  process.exit(1);
}

function main(): void {
  const { values } = parseArgs({
    options: { 'changelog-only': { type: 'boolean' }, root: { type: 'string' } },
  });
  const root = path.resolve(values.root ?? process.cwd());
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  const changelogFile = path.join(root, 'CHANGELOG.md');
  if (!existsSync(changelogFile)) fail('нет CHANGELOG.md');
  const section = changelogSection(readFileSync(changelogFile, 'utf8'), version);
  if (section === null)
    fail(`в CHANGELOG.md нет раздела для версии ${version} из package.json («## [${version}] — дата»)`);
  if (!section) fail(`раздел CHANGELOG.md для версии ${version} пуст`);
  console.log(`OK CHANGELOG.md: раздел версии ${version}`);
  if (values['changelog-only']) return;

  const steps: [string, string, string[]][] = [
    ['lint', 'npm', ['run', 'lint']],
    ['typecheck', 'npm', ['run', 'typecheck']],
    ['тесты', 'npm', ['test']],
    ['souzlift check', process.execPath, ['bin/souzlift.js', 'check']],
  ];
  for (const [name, command, args] of steps) {
    console.log(`\n==> ${name}: ${command === process.execPath ? 'node' : command} ${args.join(' ')}`);
    const res = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
    if (res.status !== 0) fail(`шаг «${name}» не пройден (код ${res.status ?? res.signal}) — релиз не готов`);
  }
  console.log(`\nРелиз ${version} готов: CHANGELOG, lint, typecheck, тесты и souzlift check пройдены.`);
}

main();
