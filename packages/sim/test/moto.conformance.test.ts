/**
 * moto as a second opinion on API shapes: the call sequence the simulator passes (aws-sequence.test.ts) is run
 * against moto server with the same inputs. Every call moto implements must succeed there too; the calls it
 * lacks, and the ones whose answer depends on behaviour moto does not simulate, must be exactly the ones
 * packages/sim/MOTO.md lists, so that page stays true. `UPDATE_MOTO_MD=1` rewrites the lists.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeResults, runAwsSequence, type StepResult } from './aws-sequence';
import { motoNetwork, snakeCase, startMoto, type MotoServer } from './moto-server';

const MOTO_MD = join(__dirname, '..', 'MOTO.md');

type List = 'gaps' | 'differs' | 'behaviour';

function documented(list: List): string[] {
  const text = readFileSync(MOTO_MD, 'utf8');
  const m = new RegExp(`<!-- moto-${list}:start -->([\\s\\S]*?)<!-- moto-${list}:end -->`).exec(text);
  if (!m) throw new Error(`${MOTO_MD} has no moto-${list} block`);
  return [...m[1]!.matchAll(/^- `([^`]+)`/gm)].map((x) => x[1]!);
}

function rewrite(list: List, entries: { name: string; why: string }[]): void {
  const text = readFileSync(MOTO_MD, 'utf8');
  const body = entries.map((e) => `- \`${e.name}\` — ${e.why}`).join('\n');
  writeFileSync(
    MOTO_MD,
    text.replace(
      new RegExp(`<!-- moto-${list}:start -->[\\s\\S]*?<!-- moto-${list}:end -->`),
      `<!-- moto-${list}:start -->\n\n${body}\n\n<!-- moto-${list}:end -->`,
    ),
  );
}

/** The last line of each traceback moto printed (the exception), to say why it refused a call. */
function motoErrors(log: string): string {
  return [...log.matchAll(/^(\w+(?:Error|Exception)\b.*)$/gm)].map((m) => `  ${m[1]}`).join('\n');
}

let moto: MotoServer;

beforeAll(async () => {
  moto = await startMoto();
});

afterAll(async () => {
  await moto?.stop();
});

it('moto accepts every call of the sequence it implements, and lacks exactly the documented ones', async () => {
  const network = await motoNetwork(moto.url);
  const results = await runAwsSequence({ endpoint: moto.url, maxAttempts: 1, network });
  const missing = moto.notImplemented();

  const gaps: StepResult[] = [];
  const differs: StepResult[] = [];
  const behaviour: StepResult[] = [];
  const failures: StepResult[] = [];
  for (const r of results) {
    if (r.ok) continue;
    if (missing.has(snakeCase(r.action))) gaps.push(r);
    else if (r.expectedError !== undefined && r.errorName !== undefined) differs.push(r);
    else if (r.needsBehaviour) behaviour.push(r);
    else failures.push(r);
  }

  if (process.env.UPDATE_MOTO_MD === '1') {
    rewrite(
      'gaps',
      gaps.map((g) => ({ name: `${g.service}:${g.action}`, why: `not implemented in moto ${moto.version}` })),
    );
    rewrite(
      'differs',
      differs.map((d) => ({
        name: `${d.service}:${d.action}`,
        why: `${d.label ?? 'the call'}: AWS answers ${d.expectedError}, moto ${d.errorName}`,
      })),
    );
    rewrite(
      'behaviour',
      behaviour.map((b) => ({
        name: `${b.service}:${b.action}`,
        why: `${b.needsBehaviour} (moto: ${b.errorName})`,
      })),
    );
  }

  if (failures.length > 0) {
    throw new Error(
      `moto refused calls it implements:\n${describeResults(failures)}\n\nwhole sequence:\n${describeResults(results)}\n\nmoto's errors:\n${motoErrors(moto.log())}`,
    );
  }
  expect([...new Set(gaps.map((g) => `${g.service}:${g.action}`))].sort()).toEqual(
    [...documented('gaps')].sort(),
  );
  expect([...new Set(differs.map((d) => `${d.service}:${d.action}`))].sort()).toEqual(
    [...documented('differs')].sort(),
  );
  expect([...new Set(behaviour.map((b) => `${b.service}:${b.action}`))].sort()).toEqual(
    [...documented('behaviour')].sort(),
  );
});
