/** Escapes text for a Markdown table cell: pipes, and line breaks (a cell is one line). */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A Markdown heading, `level` 1–6. */
export function heading(text: string, level: 1 | 2 | 3 | 4 | 5 | 6 = 2): string {
  return `${'#'.repeat(level)} ${text.replace(/\r?\n/g, ' ')}`;
}

/** A Markdown table. Rows shorter than the header are padded; cells are escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string =>
    `| ${header.map((_, i) => cell(cells[i] ?? '')).join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** A two-column table of names and values; `undefined` values are left out. */
export function keyValueTable(
  entries: Readonly<Record<string, string | number | boolean | undefined>> | readonly [string, string][],
  header: readonly [string, string] = ['', ''],
): string {
  const pairs = Array.isArray(entries) ? (entries as readonly [string, string][]) : Object.entries(entries);
  const rows = pairs.filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]);
  return markdownTable(header, rows);
}

/** A collapsed block: `<details><summary>label</summary>` with Markdown inside. */
export function details(label: string, body: string): string {
  return `<details><summary>${escapeHtml(label)}</summary>\n\n${body}\n\n</details>`;
}

/** A fenced code block whose fence is longer than any backtick run in `text`. */
export function codeBlock(text: string, language = ''): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
