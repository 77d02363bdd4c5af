import { existsSync, readFileSync } from 'node:fs';

/**
 * Parses a file written through a runner file command (`GITHUB_OUTPUT`, `GITHUB_STATE`, `GITHUB_ENV`): lines of
 * `name=value`, or a heredoc `name<<DELIMITER`, the value's lines, then `DELIMITER` alone on a line. Later
 * entries win, as they do on the runner. A malformed file throws, because the runner would fail the step too.
 */
export function parseKeyValueFile(text: string, label = 'file command'): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    i += 1;
    if (line === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq === -1 || eq > line.indexOf('<<'))) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      let closed = false;
      while (i < lines.length) {
        const next = lines[i]!;
        i += 1;
        if (next === delimiter) {
          closed = true;
          break;
        }
        value.push(next);
      }
      if (!closed) throw new Error(`${label}: matching delimiter "${delimiter}" not found for "${name}"`);
      out[name] = value.join('\n');
      continue;
    }
    if (eq <= 0) throw new Error(`${label}: invalid line ${JSON.stringify(line)}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

export function readKeyValueFile(path: string, label: string): Record<string, string> {
  return existsSync(path) ? parseKeyValueFile(readFileSync(path, 'utf8'), label) : {};
}

/** `GITHUB_PATH`: one directory per line, the last one added first on PATH. */
export function readPathFile(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
}

export function readTextFile(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}
