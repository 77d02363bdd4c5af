/**
 * The code blocks of a Markdown file, classified by how readme-examples.test.ts runs them. A block that fits no
 * class is a problem, so a new example cannot go unrun: it opts out only with a skip marker, alone on the line
 * before its fence, that says why: `<!-- readme-examples: skip (why) -->`.
 */

export type Example =
  | { kind: 'seed'; where: string; doc: Record<string, unknown> }
  | { kind: 'scenario'; where: string; doc: { rules: unknown[] } }
  | { kind: 'program'; where: string; code: string }
  | { kind: 'command'; where: string; args: string[] };

export interface Classified {
  examples: Example[];
  /** Blocks that skip running, with the reason their marker gives. */
  skipped: { where: string; reason: string }[];
  /** Blocks that would not run: the test fails on any. */
  problems: string[];
}

const FENCE = /^```(\S*)\s*$/;
const SKIP = /^<!--\s*readme-examples:\s*skip\s*\((.+)\)\s*-->$/;
const COMMAND = 'npx ecs-delivery-sim';
/** Shell syntax a command line must not use: it is started as plain words, without a shell. */
const SHELL_SYNTAX = /[|&;<>()$`'"\\*?[\]{}~]/;

interface Block {
  lang: string;
  line: number;
  body: string;
  before: string;
}

function blocks(markdown: string): { found: Block[]; unclosed?: number } {
  const lines = markdown.split('\n');
  const found: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = FENCE.exec(lines[i]!);
    if (!open) {
      i += 1;
      continue;
    }
    const start = i;
    const end = lines.findIndex((l, j) => j > start && /^```\s*$/.test(l));
    if (end < 0) return { found, unclosed: start + 1 };
    const before =
      lines
        .slice(0, start)
        .reverse()
        .find((l) => l.trim() !== '') ?? '';
    found.push({
      lang: open[1]!,
      line: start + 1,
      body: lines.slice(start + 1, end).join('\n'),
      before: before.trim(),
    });
    i = end + 1;
  }
  return { found };
}

function classifyJson(where: string, body: string): Example | string {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    return `${where}: not valid JSON (${(err as Error).message})`;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return `${where}: a JSON example must be a seed or scenario document (an object)`;
  }
  const keys = Object.keys(doc);
  if (keys.length === 1 && keys[0] === 'rules' && Array.isArray((doc as { rules: unknown }).rules)) {
    return { kind: 'scenario', where, doc: doc as { rules: unknown[] } };
  }
  return { kind: 'seed', where, doc: doc as Record<string, unknown> };
}

function classifyShell(where: string, body: string): (Example | string)[] {
  return body
    .split('\n')
    .map((line, i) => ({ line: line.trim(), at: `${where}, line ${i + 1}` }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'))
    .map(({ line, at }): Example | string => {
      if (!line.startsWith(`${COMMAND} `) && line !== COMMAND) {
        return `${at}: only \`${COMMAND} …\` command lines are run; "${line}" is not one`;
      }
      if (SHELL_SYNTAX.test(line)) return `${at}: "${line}" uses shell syntax; give plain words`;
      return { kind: 'command', where: at, args: line.slice('npx '.length).split(/\s+/) };
    });
}

/** Sorts every code block of `markdown` (`file` names it in messages) into examples, skips and problems. */
export function classifyExamples(file: string, markdown: string): Classified {
  const out: Classified = { examples: [], skipped: [], problems: [] };
  const { found, unclosed } = blocks(markdown);
  if (unclosed !== undefined) out.problems.push(`${file}:${unclosed}: a code fence is never closed`);
  for (const block of found) {
    const where = `${file}:${block.line} (${block.lang || 'no language'})`;
    const skip = SKIP.exec(block.before);
    if (skip) {
      out.skipped.push({ where, reason: skip[1]!.trim() });
      continue;
    }
    if (block.before.includes('readme-examples')) {
      out.problems.push(`${where}: a skip marker reads \`<!-- readme-examples: skip (why) -->\``);
      continue;
    }
    const add = (result: Example | string): void => {
      if (typeof result === 'string') out.problems.push(result);
      else out.examples.push(result);
    };
    switch (block.lang) {
      case 'json':
        add(classifyJson(where, block.body));
        break;
      case 'sh':
      case 'bash':
      case 'shell':
        classifyShell(where, block.body).forEach(add);
        break;
      case 'ts':
      case 'typescript':
        add(
          /\bstartSimulator\b/.test(block.body)
            ? { kind: 'program', where, code: block.body }
            : `${where}: TypeScript examples that do not call startSimulator are not run`,
        );
        break;
      default:
        out.problems.push(`${where}: no way to run a \`${block.lang || 'plain'}\` block`);
    }
  }
  return out;
}

/** The arguments with `--port` set to 0, so a command from the README starts on a free port. */
export function onFreePort(args: string[]): string[] {
  const out = [...args];
  const at = out.findIndex((a) => a === '--port');
  if (at >= 0 && at + 1 < out.length) out[at + 1] = '0';
  else out.push('--port', '0');
  return out.map((a) => (a.startsWith('--port=') ? '--port=0' : a));
}
