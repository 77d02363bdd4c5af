import { dirname, resolve as resolvePath } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { readInputFile } from '../taskdef/load';
import { checkManifestSemantics } from './semantic';
import { checkAllEnvironments } from './resolve';
import type { LoadedManifest } from './spec';
import { ManifestError, ManifestSource, type ManifestProblem } from './source';
import type { Manifest } from './types';
import { validateManifestSchema } from './validate-schema';
import { messageOf } from '../runner/describe-error';

/** Options for {@link parseManifest}. */
export interface ParseManifestOptions {
  /** The file name used in messages (default `manifest`). */
  file?: string;
  /** Where relative task-definition paths point from (default: the file's directory). */
  baseDir?: string;
  /** The action input that named the manifest, carried by the error (default `manifest`). */
  input?: string;
}

/**
 * Parses and checks a deploy manifest (YAML or JSON): syntax, the JSON Schema, the cross-references the schema
 * cannot check, and every environment's templates. All problems are reported at once, each pointing to its
 * file, line and column.
 *
 * @throws ManifestError (a ConfigurationError for input `manifest`) listing every problem.
 */
export function parseManifest(text: string, options: ParseManifestOptions = {}): LoadedManifest {
  const file = options.file ?? 'manifest';
  const input = options.input ?? 'manifest';
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, merge: true });
  const source = new ManifestSource(file, doc, lineCounter);
  if (doc.errors.length > 0) {
    const problems: ManifestProblem[] = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      const what = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return {
        path: [],
        message: what,
        ...(pos === undefined ? {} : { position: { line: pos.line, column: pos.col } }),
      };
    });
    throw new ManifestError(file, problems, { input });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias with no anchor, or one that expands past all reason (a YAML "billion laughs").
    throw new ManifestError(
      file,
      [
        {
          path: [],
          message: `its aliases cannot be expanded (${messageOf(error).split('\n')[0] ?? ''}); write the values out`,
        },
      ],
      { input },
    );
  }
  const schemaProblems = validateManifestSchema(data, source);
  if (schemaProblems.length > 0) throw new ManifestError(file, schemaProblems, { input });
  const manifest = data as Manifest;
  const semantic = checkManifestSemantics(manifest, source);
  if (semantic.length > 0) throw new ManifestError(file, semantic, { input });
  const loaded: LoadedManifest = {
    manifest,
    file,
    baseDir: options.baseDir ?? dirname(resolvePath(file)),
    source,
  };
  const templates = checkAllEnvironments(loaded);
  if (templates.length > 0) throw new ManifestError(file, templates, { input });
  return loaded;
}

/** The largest manifest read (1 MiB): far past any real system, short of what would stall a runner. */
const MANIFEST_MAX_BYTES = 1_048_576;

/** Reads and checks a deploy manifest file; see {@link parseManifest}. */
export async function loadManifest(path: string, options: { input?: string } = {}): Promise<LoadedManifest> {
  const input = options.input ?? 'manifest';
  return parseManifest(await readInputFile(path, input, 'manifest', MANIFEST_MAX_BYTES), {
    file: path,
    input,
  });
}
