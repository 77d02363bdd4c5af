import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { ConfigurationError } from '../errors/configuration-error';
import { childPath } from '../taskdef/placeholders';

/** A step into the manifest: a map key or a list index. */
export type PathSegment = string | number;

/** A 1-based line and column in the manifest file. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** One thing wrong with a manifest, with where it is. */
export interface ManifestProblem {
  /** Where in the document: `['services', 'api', 'migrations', 'timeout']`. */
  path: PathSegment[];
  message: string;
  /** Where in the file, when known. */
  position?: SourcePosition;
}

/** `services.api.migrations.timeout`, `environments.prod.rollout[1][0]`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((acc, seg) => childPath(acc, seg), '');
}

/** Finds the YAML nodes of a parsed manifest by path, to point messages at lines and columns. */
export class ManifestSource {
  constructor(
    readonly file: string,
    private readonly doc: Document.Parsed | undefined,
    private readonly lineCounter: LineCounter | undefined,
  ) {}

  /**
   * The position of the value at `path` or, with `key`, of the key naming it (better for "unknown property"
   * and "missing property" messages). Falls back to the nearest ancestor that exists.
   */
  locate(path: readonly PathSegment[], options: { key?: boolean } = {}): SourcePosition | undefined {
    if (this.doc === undefined || this.lineCounter === undefined) return undefined;
    let node: unknown = this.doc.contents;
    let keyNode: unknown;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
        );
        if (pair === undefined) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
        keyNode = undefined;
        node = node.items[seg];
      } else {
        break;
      }
    }
    const target = (options.key === true && keyNode !== undefined ? keyNode : (node ?? keyNode)) as
      Node | undefined;
    const offset = target?.range?.[0];
    if (offset === undefined) return { line: 1, column: 1 };
    const pos = this.lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  /** A problem at `path`, positioned. */
  problem(path: readonly PathSegment[], message: string, options: { key?: boolean } = {}): ManifestProblem {
    const position = this.locate(path, options);
    return { path: [...path], message, ...(position === undefined ? {} : { position }) };
  }
}

/** `file:line:column: message`. */
export function formatProblem(file: string, problem: ManifestProblem): string {
  const where =
    problem.position === undefined ? file : `${file}:${problem.position.line}:${problem.position.column}`;
  return `${where}: ${problem.message}`;
}

/**
 * A manifest that cannot be used, with every problem found and where each is. The message lists them, one per
 * line, as `file:line:column: what is wrong`.
 */
export class ManifestError extends ConfigurationError {
  readonly file: string;
  readonly problems: readonly ManifestProblem[];

  constructor(file: string, problems: readonly ManifestProblem[], options: { input?: string } = {}) {
    const unique = [...new Map(problems.map((p) => [formatProblem(file, p), p])).values()];
    const sorted = unique.sort(
      (a, b) =>
        (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
        (a.position?.column ?? 0) - (b.position?.column ?? 0),
    );
    const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
    const input = options.input ?? 'manifest';
    super(
      `Input "${input}": the deploy manifest ${file} has ${count}:\n${sorted.map((p) => `  ${formatProblem(file, p)}`).join('\n')}`,
      { input },
    );
    this.name = 'ManifestError';
    this.file = file;
    this.problems = sorted;
  }
}
