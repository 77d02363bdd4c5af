import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runDemo } from './demo';
import { repositoryRoot } from './root';

const USAGE = 'usage: npm run demo [-- --out DIR] [--time-scale N]';

async function main(): Promise<number> {
  let values: { out?: string; 'time-scale'?: string; help?: boolean };
  try {
    values = parseArgs({
      options: { out: { type: 'string' }, 'time-scale': { type: 'string' }, help: { type: 'boolean' } },
    }).values;
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const timeScale = Number(values['time-scale'] ?? '60');
  if (!Number.isFinite(timeScale) || timeScale < 1 || timeScale > 1000) {
    console.error(
      `--time-scale must be a number from 1 to 1000; got ${values['time-scale'] ?? ''}\n${USAGE}`,
    );
    return 2;
  }
  const root = repositoryRoot();
  const outDir = resolve(values.out ?? resolve(root, 'demo-output'));
  const result = await runDemo({ root, outDir, timeScale, log: (line) => console.log(line) });
  const last = result.runs[result.runs.length - 1];
  return last?.result === 'success' && result.runs[0]?.result === 'failure' ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
