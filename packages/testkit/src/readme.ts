/** One row of a README table whose first cell names an input or output: `| \`name\` | … |`. */
export interface ReadmeRow {
  name: string;
  /** The other cells, trimmed. */
  cells: string[];
}

/** The rows of the table under `## <section>` of a README, in order (`[]` when there is no such section). */
export function readmeTableRows(readme: string, section: string): ReadmeRow[] {
  const start = readme.indexOf(`## ${section}\n`);
  if (start < 0) return [];
  const body = readme.slice(start).split(/\n## /)[0]!;
  return [...body.matchAll(/^\| `([a-z-]+)` +\|(.*)\|$/gm)].map((m) => ({
    name: m[1]!,
    cells: m[2]!.split('|').map((c) => c.trim()),
  }));
}

/** The names in the first column of that table. */
export function readmeTableNames(readme: string, section: string): string[] {
  return readmeTableRows(readme, section).map((r) => r.name);
}
