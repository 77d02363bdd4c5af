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

/** A fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The fence's language (`yaml`, `ts`), `''` for none. */
  lang: string;
  /** The line of the opening fence (1-based). */
  line: number;
  /** The text between the fences, as written (a block indented in a list keeps its indentation). */
  body: string;
  /** The reason of a `<!-- readme-examples: skip (why) -->` marker on the line before the fence. */
  skip: string | undefined;
  /** The line before the fence mentions readme-examples but is not a well-formed marker. */
  malformedMarker: boolean;
}

const SKIP_MARKER = /^<!--\s*readme-examples:\s*skip\s*\((.+)\)\s*-->$/;

/**
 * Every fenced code block of `markdown`, in order, with its skip marker. Throws on a fence that is never
 * closed, so a broken file cannot hide its blocks.
 */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const found: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!;
    const end = lines.findIndex((l, j) => j > i && l.trimEnd() === `${indent}\`\`\``);
    if (end < 0) throw new Error(`line ${i + 1}: a code fence is never closed`);
    const before = (
      lines
        .slice(0, i)
        .reverse()
        .find((l) => l.trim() !== '') ?? ''
    ).trim();
    const skip = SKIP_MARKER.exec(before)?.[1]?.trim();
    found.push({
      lang: open[2]!,
      line: i + 1,
      body: lines
        .slice(i + 1, end)
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
        .join('\n'),
      skip,
      malformedMarker: skip === undefined && before.includes('readme-examples'),
    });
    i = end;
  }
  return found;
}
