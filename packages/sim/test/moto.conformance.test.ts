/**
 * moto as a second opinion on API shapes: the call sequence the simulator passes (aws-sequence.test.ts) is run
 * against moto server with the same inputs. Every call moto implements must succeed there too; the calls it
 * lacks, and the ones whose answer depends on behaviour moto does not simulate, must be exactly the ones
 * packages/sim/MOTO.md lists, so that page stays true. `UPDATE_MOTO_MD=1` rewrites the lists.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulator } from '../src';
import { issueGithubToken } from '../src/github';
import { describeResults, runAwsSequence, type StepResult } from './aws-sequence';
import { OIDC_CONTEXT } from './aws-sequence-sts';
import { motoNetwork, snakeCase, startMoto, type MotoServer } from './moto-server';

const MOTO_MD = join(__dirname, '..', 'MOTO.md');
const README = join(__dirname, '..', '..', '..', 'README.md');

type List = 'gaps' | 'differs' | 'lenient' | 'behaviour';

function documented(list: List): string[] {
  const text = readFileSync(MOTO_MD, 'utf8');
  const m = new RegExp(`<!-- moto-${list}:start -->([\\s\\S]*?)<!-- moto-${list}:end -->`).exec(text);
  if (!m) throw new Error(`${MOTO_MD} has no moto-${list} block`);
  return [...m[1]!.matchAll(/^- `([^`]+)`/gm)].map((x) => x[1]!);
}

/** The `service:Action` names the repository README's "What moto lacks" paragraph gives. */
function readmeNames(): string[] {
  const text = readFileSync(README, 'utf8');
  const section = /### What moto lacks\n([\s\S]*?)(?=\n#|$)/.exec(text)?.[1];
  if (section === undefined) throw new Error(`${README} has no "What moto lacks" section`);
  return [...section.matchAll(/`(\w+:\w+)`/g)].map((m) => m[1]!);
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
  // The same kind of token the simulator gets: a GitHub OIDC JWT from the simulator's issuer (moto checks
  // neither its signature nor a trust policy, so only the shapes of the answers are compared).
  const webIdentityToken = issueGithubToken(createSimulator(), OIDC_CONTEXT, 'sts.amazonaws.com');
  const results = await runAwsSequence({ endpoint: moto.url, maxAttempts: 1, network, webIdentityToken });
  const missing = moto.notImplemented();

  const gaps: StepResult[] = [];
  const differs: StepResult[] = [];
  const lenient: StepResult[] = [];
  const behaviour: StepResult[] = [];
  const failures: StepResult[] = [];
  for (const r of results) {
    if (r.ok) continue;
    if (missing.has(snakeCase(r.action))) gaps.push(r);
    else if (r.expectedError !== undefined && r.errorName !== undefined) differs.push(r);
    else if (r.expectedError !== undefined) lenient.push(r);
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
      'lenient',
      lenient.map((l) => ({
        name: `${l.service}:${l.action}`,
        why: `${l.label ?? 'the call'}: AWS answers ${l.expectedError}, moto accepts it`,
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
  expect([...new Set(lenient.map((l) => `${l.service}:${l.action}`))].sort()).toEqual(
    [...documented('lenient')].sort(),
  );
  expect([...new Set(behaviour.map((b) => `${b.service}:${b.action}`))].sort()).toEqual(
    [...documented('behaviour')].sort(),
  );
  // The README's summary names exactly the calls MOTO.md lists (it is prose: edit it by hand).
  const lists: List[] = ['gaps', 'differs', 'lenient', 'behaviour'];
  expect([...new Set(readmeNames())].sort()).toEqual([...new Set(lists.flatMap(documented))].sort());
});
