import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './server.js';

/** The systemd unit production runs the server with: the one source of its runtime settings. */
export const PRODUCTION_UNIT = path.join(ROOT, 'deploy', 'systemd', 'souzlift.service');

/** Every `Key=value` line of a unit file with its section, in file order (comments skipped). */
export function unitAssignments(unit: string): Array<{ section: string; key: string; value: string }> {
  const out: Array<{ section: string; key: string; value: string }> = [];
  let section = '';
  for (const raw of unit.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) out.push({ section, key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() });
  }
  return out;
}

/** Splits a systemd value into words: whitespace separates, "…" and '…' quote, \\ escapes. */
function systemdWords(value: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      word += value[++i];
      inWord = true;
    } else if (quote) {
      if (c === quote) quote = null;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated quote in systemd value: ${value}`);
  if (inWord) words.push(word);
  return words;
}

/**
 * The `Environment=` assignments of the unit's [Service] section (MALLOC_ARENA_MAX, NODE_OPTIONS
 * with the V8 heap sizes, …), in systemd's syntax (`Environment="A=b c" D=e`, later wins). The bench
 * starts the server with exactly these, so it measures the runtime production has.
 */
export function productionEnvironment(unit = readFileSync(PRODUCTION_UNIT, 'utf8')): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { section, key, value } of unitAssignments(unit)) {
    if (section !== 'Service' || key !== 'Environment') continue;
    // An empty assignment resets the list, as in systemd.
    if (value.trim() === '') for (const k of Object.keys(env)) delete env[k];
    for (const word of systemdWords(value)) {
      const eq = word.indexOf('=');
      if (eq <= 0) throw new Error(`not a NAME=value assignment in Environment=: ${word}`);
      env[word.slice(0, eq)] = word.slice(eq + 1);
    }
  }
  return env;
}
