import { expectNoSecrets, startSim, type SimHandle } from '@ecs-delivery/testkit';
import { errors, runCdk, STACK, STEP_TIMEOUT_MS, workspace } from './cdk-helpers';

/**
 * With comment-on-pr on a pull request, the diff is one comment per workflow and stack set: created by the first
 * run, edited in place by the next, never duplicated; other comments are left alone.
 */
const TOKEN = 'ghs_cdkDeployCommentToken0123456789ab';
const PR = 7;
let sim: SimHandle;
const ws = workspace();

beforeAll(async () => {
  sim = await startSim({ timeScale: 200 });
}, 60_000);
afterAll(async () => {
  await sim?.stop();
});

interface Comment {
  id: number;
  body: string;
}

async function comments(): Promise<Comment[]> {
  const res = await fetch(`${sim.url}/_github/api/repos/acme/shop/issues/${PR}/comments`, {
    headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/vnd.github+json' },
  });
  return (await res.json()) as Comment[];
}

async function diffOnPullRequest(): Promise<Awaited<ReturnType<typeof runCdk>>> {
  // The assembly synthesized once: each diff reads it instead of running the app again.
  return runCdk(
    sim,
    ws,
    { app: 'cdk.out', mode: 'diff', 'comment-on-pr': 'true', 'github-token': TOKEN },
    {
      github: { eventName: 'pull_request', workflow: 'infra' },
      event: { number: PR, pull_request: { number: PR } },
      // The account is not bootstrapped here: the toolkit cannot assume the lookup role and reads with the step's
      // own credentials instead, as it does on AWS. A diff role is given the lookup role to assume (docs/iam.md).
      iamPolicy: false,
    },
  );
}

test(
  'the diff comment is created, then updated in place',
  async () => {
    const synth = await runCdk(sim, ws, { mode: 'synth' });
    expect(synth.exitCode).toBe(0);
    await fetch(`${sim.url}/_github/api/repos/acme/shop/issues/${PR}/comments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Looks good to me' }),
    });

    const first = await diffOnPullRequest();
    expect({ exit: first.exitCode, errors: errors(first) }).toEqual({ exit: 0, errors: [] });
    expect(first.log).toContain(`Commented on pull request #${PR}`);
    const created = await comments();
    expect(created).toHaveLength(2);
    const ours = created[1]!;
    expect(ours.body).toContain(`### ${STACK}`);
    expect(ours.body).toContain('AWS::ECS::Service');
    expect(ours.body).toMatch(/<!-- ecs-delivery\/cdk-deploy diff [0-9a-f]{16} -->/);

    const second = await diffOnPullRequest();
    expect(second.exitCode).toBe(0);
    expect(second.log).toContain(`Updated the comment on pull request #${PR}`);
    const after = await comments();
    expect(after.map((c) => c.id)).toEqual(created.map((c) => c.id));
    expect(after[0]!.body).toBe('Looks good to me');
    expect(after[1]!.body).toContain(`### ${STACK}`);
    for (const run of [first, second]) expectNoSecrets(run, [TOKEN]);
  },
  STEP_TIMEOUT_MS,
);
