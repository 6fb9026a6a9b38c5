export interface ParsedArgs {
  strings: Record<string, string | undefined>;
  flags: Record<string, boolean>;
}

/** `--name value`, `--name=value` and boolean `--flag`; anything unknown is an error. */
export function parseArgs(
  argv: string[],
  spec: { strings: readonly string[]; booleans: readonly string[] },
): ParsedArgs {
  const out: ParsedArgs = { strings: {}, flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unexpected argument: ${arg}`);
    const name = m[1]!;
    if (spec.booleans.includes(name)) out.flags[name] = true;
    else if (spec.strings.includes(name)) {
      const value = m[2] ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      out.strings[name] = value;
    } else throw new Error(`unknown option --${name}`);
  }
  return out;
}
