import { writeFileSync } from 'node:fs';
import { arch, cpus, platform, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { renderTable, type BenchOptions, type Section } from './table';

/** A benchmark section: measures and returns its figures. */
type Measure = (options: BenchOptions) => Promise<Section>;

/** Every section, in the order the table prints them. Each module exports `measure`. */
const SECTIONS: Record<string, () => Promise<{ measure: Measure }>> = {
  startup: () => import('./startup'),
  verdict: () => import('./verdict'),
  'api-cost': () => import('./api-cost'),
  'large-releases': () => import('./large-releases'),
  promotion: () => import('./promotion'),
  cdk: () => import('./cdk'),
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const quick = values.quick === true;
  const runs = values.runs !== undefined ? Number(values.runs) : quick ? 1 : 5;
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  const only = values.only?.split(',').map((s) => s.trim()) ?? Object.keys(SECTIONS);
  const unknown = only.filter((s) => !(s in SECTIONS));
  if (unknown.length > 0)
    throw new Error(`unknown section ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}`);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()}-${arch()}, bench on Node ${process.version}`;
  console.log(`ecs-delivery bench · ${machine} · ${runs} run(s) per figure${quick ? ' · quick' : ''}`);
  const sections: Section[] = [];
  for (const name of only) {
    const { measure } = await SECTIONS[name]!();
    const started = Date.now();
    const section = await measure({ runs, quick });
    section.notes = [
      ...(section.notes ?? []),
      `section took ${((Date.now() - started) / 1000).toFixed(0)} s`,
    ];
    sections.push(section);
    console.log(renderTable([section]));
  }
  console.log('\n# Summary');
  console.log(renderTable(sections));
  if (values.json !== undefined)
    writeFileSync(values.json, JSON.stringify({ machine, runs, sections }, null, 2));
  const missed = sections.flatMap((s) => s.figures).filter((f) => f.met === false);
  console.log(
    `\n${missed.length === 0 ? 'every target met' : `${missed.length} figure(s) miss their target`}`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
