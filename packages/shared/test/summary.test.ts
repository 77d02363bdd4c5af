import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  annotateError,
  codeBlock,
  details,
  heading,
  keyValueTable,
  markdownTable,
  redact,
  STEP_SUMMARY_LIMIT_BYTES,
  truncateToBytes,
  writeSummary,
} from '../src';
import { captureStdout, setEnv } from './helpers/capture';

describe('Markdown builders', () => {
  it('builds a table, escaping pipes and line breaks, padding short rows', () => {
    expect(
      markdownTable(['Service', 'Outcome'], [['api', 'succeeded'], ['worker|2', 'failed\nexit 3'], ['cms']]),
    ).toBe(
      [
        '| Service | Outcome |',
        '| --- | --- |',
        '| api | succeeded |',
        '| worker\\|2 | failed<br>exit 3 |',
        '| cms |  |',
      ].join('\n'),
    );
  });

  it('builds a key/value table, leaving out undefined values', () => {
    expect(keyValueTable({ Cluster: 'prod', 'Desired count': 3, Image: undefined }, ['Field', 'Value'])).toBe(
      '| Field | Value |\n| --- | --- |\n| Cluster | prod |\n| Desired count | 3 |',
    );
  });

  it('builds headings, details blocks and code blocks', () => {
    expect(heading('Deploy api', 3)).toBe('### Deploy api');
    expect(details('Events <5>', 'text')).toBe(
      '<details><summary>Events &lt;5&gt;</summary>\n\ntext\n\n</details>',
    );
    expect(codeBlock('a ``` b', 'text')).toBe('````text\na ``` b\n````');
  });
});

describe('writeSummary', () => {
  let restore: () => void;
  let file: string;

  beforeEach(() => {
    file = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.md');
    restore = setEnv({ GITHUB_STEP_SUMMARY: file });
  });
  afterEach(() => restore());

  it('appends sections separated by blank lines', async () => {
    writeFileSync(file, 'earlier step\n');
    await writeSummary(heading('Deploy'), keyValueTable({ Outcome: 'succeeded' }));
    expect(readFileSync(file, 'utf8')).toBe(
      'earlier step\n## Deploy\n\n|  |  |\n| --- | --- |\n| Outcome | succeeded |\n',
    );
  });

  it('cuts what does not fit in the 1 MiB step limit and says so', async () => {
    writeFileSync(file, 'x'.repeat(1000));
    await writeSummary('é'.repeat(STEP_SUMMARY_LIMIT_BYTES));
    const written = readFileSync(file);
    expect(written.length).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT_BYTES);
    const text = written.toString('utf8');
    expect(text.slice(-120)).toMatch(/é\n\n_… summary truncated: it exceeded GitHub’s 1 MiB limit/);
    expect(text.includes('\uFFFD')).toBe(false);
  });

  it('does nothing without GITHUB_STEP_SUMMARY', async () => {
    delete process.env['GITHUB_STEP_SUMMARY'];
    const out = captureStdout();
    try {
      await expect(writeSummary('x')).resolves.toBeUndefined();
    } finally {
      out.restore();
    }
    expect(out.lines()).toEqual(['::debug::GITHUB_STEP_SUMMARY is not set; no job summary written.']);
  });
});

describe('truncateToBytes', () => {
  it('keeps text that fits', () => {
    expect(truncateToBytes('short', 100)).toBe('short');
  });
});

describe('annotations and redaction', () => {
  it('annotateError prints an error with a title', () => {
    const out = captureStdout();
    try {
      annotateError('Deployment failed', 'Task exited with code 3');
    } finally {
      out.restore();
    }
    expect(out.lines()).toEqual(['::error title=Deployment failed::Task exited with code 3']);
  });

  it('redact replaces every known secret, longest first, ignoring empty ones', () => {
    expect(
      redact('key AKIA123 secret AKIA123XYZ and pw', ['AKIA123', 'AKIA123XYZ', '', undefined, 'pw']),
    ).toBe('key *** secret *** and ***');
  });
});
