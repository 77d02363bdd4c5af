/**
 * Splits a command line into arguments the way a shell would for the simple cases: whitespace separates,
 * single or double quotes group (`npm run "db migrate"` → `npm`, `run`, `db migrate`), a backslash escapes the
 * next character outside single quotes. No variables, globs or pipes: for those, run a shell explicitly
 * (`["sh", "-c", "…"]`). Returns `undefined` for an unclosed quote or an empty command.
 */
export function parseCommand(text: string): string[] | undefined {
  const args: string[] = [];
  let current = '';
  let inArg = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inArg = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      current += text[++i];
      inArg = true;
    } else if (/\s/.test(ch)) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else {
      current += ch;
      inArg = true;
    }
  }
  if (quote !== undefined) return undefined;
  if (inArg) args.push(current);
  return args.length === 0 ? undefined : args;
}
