/** An annotation a step printed with `::error`, `::warning` or `::notice`. */
export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  /** Which step printed it. */
  step: 'main' | 'post';
}

export interface WorkflowCommands {
  annotations: Annotation[];
  masks: string[];
  /** `::debug::` lines, unescaped. */
  debug: string[];
}

// The escapes of @actions/core's command.ts (and the runner's ActionCommand.Unescape).
function unescapeData(s: string): string {
  return s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

function unescapeProperty(s: string): string {
  return s
    .replace(/%0D/gi, '\r')
    .replace(/%0A/gi, '\n')
    .replace(/%3A/gi, ':')
    .replace(/%2C/gi, ',')
    .replace(/%25/g, '%');
}

function parseProperties(text: string | undefined): Record<string, string> {
  const props: Record<string, string> = {};
  if (!text) return props;
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) props[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
  }
  return props;
}

function toInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

const COMMAND = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/;

/**
 * Reads the workflow commands in a step's output the way the runner does: one command per line, recognised on
 * stdout and stderr alike, honouring `::stop-commands::TOKEN` … `::TOKEN::`.
 */
export function parseWorkflowCommands(log: string, step: 'main' | 'post'): WorkflowCommands {
  const result: WorkflowCommands = { annotations: [], masks: [], debug: [] };
  let stopToken: string | undefined;
  for (const raw of log.split(/\r?\n/)) {
    const line = raw.trimStart();
    const m = COMMAND.exec(line);
    if (!m) continue;
    const [, name, propText, data] = m as unknown as [string, string, string | undefined, string];
    if (stopToken !== undefined) {
      if (name === stopToken && data === '') stopToken = undefined;
      continue;
    }
    switch (name) {
      case 'stop-commands':
        stopToken = data;
        break;
      case 'add-mask':
        if (data.trim() !== '') result.masks.push(unescapeData(data));
        break;
      case 'debug':
        result.debug.push(unescapeData(data));
        break;
      case 'error':
      case 'warning':
      case 'notice': {
        const props = parseProperties(propText);
        const annotation: Annotation = { level: name, message: unescapeData(data), step };
        if (props.title !== undefined) annotation.title = props.title;
        if (props.file !== undefined) annotation.file = props.file;
        const numeric = {
          line: props.line,
          endLine: props.endLine,
          col: props.col,
          endColumn: props.endColumn,
        };
        for (const [key, value] of Object.entries(numeric)) {
          const n = toInt(value);
          if (n !== undefined) annotation[key as 'line' | 'endLine' | 'col' | 'endColumn'] = n;
        }
        result.annotations.push(annotation);
        break;
      }
      default:
        break;
    }
  }
  return result;
}

/** What the runner would show for `text`: every registered mask replaced by `***`, longest first. */
export function applyMasks(text: string, masks: readonly string[]): string {
  let out = text;
  for (const mask of [...masks].sort((a, b) => b.length - a.length)) {
    if (mask !== '') out = out.split(mask).join('***');
  }
  return out;
}
