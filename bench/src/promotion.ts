import { randomBytes } from 'node:crypto';
import { BatchGetImageCommand } from '@aws-sdk/client-ecr';
import { ACCOUNT, ecrOf, runAction, seedImage, uriOf, type SimHandle } from '@ecs-delivery/testkit';
import { bytes, countSpread, secondsSpread } from './lib/format';
import { registryTransfer, transferSince, type RegistryTransfer } from './lib/registry';
import { actionDir } from './lib/repo';
import { callsBetween, withSim } from './lib/sim';
import { median, type BenchOptions, type Figure, type Section } from './table';

/**
 * Promotion: the bytes build-push's promote mode (`source-image`) moves through the registry to give a released
 * digest new tags — within one repository, into another repository of the account, and into another account.
 * Read from the simulator registry's counters (blob bytes served and received, blobs mounted) around the run.
 */

const OTHER_ACCOUNT = '111111111111';
/** The layer's content: random, so gzip cannot shrink it much (about 6 MiB compressed). */
const LAYER_TEXT_BYTES = 8 * 2 ** 20;

interface Promotion {
  name: string;
  /** Seeds the repositories (and roles), pushes the source image; returns build-push's inputs. */
  prepare: (sim: SimHandle, digest: () => Promise<string>) => Promise<Record<string, string>>;
  oidc?: boolean;
  /** The account and repository the image lands in. */
  target: { account: string; repository: string };
  /** The bytes each way a promotion needs at most: none, or the image once (another registry). */
  bound: 'none' | 'image';
}

const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

function oidcTrust(account: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:*' } },
      },
    ],
  };
}

const PROMOTIONS: Promotion[] = [
  {
    name: 'within one repository (re-tag)',
    target: { account: ACCOUNT, repository: 'shop/api' },
    bound: 'none',
    prepare: async (sim, push) => {
      await sim.seed({ repositories: [{ name: 'shop/api', imageTagMutability: 'IMMUTABLE' }] });
      const digest = await push();
      return { repository: 'shop/api', 'source-image': `shop/api@${digest}`, tags: 'prod-1' };
    },
  },
  {
    name: 'across repositories, one account',
    target: { account: ACCOUNT, repository: 'release/api' },
    bound: 'none',
    prepare: async (sim, push) => {
      await sim.seed({
        repositories: [{ name: 'shop/api' }, { name: 'release/api', imageTagMutability: 'IMMUTABLE' }],
      });
      const digest = await push();
      return { repository: 'release/api', 'source-image': `shop/api@${digest}`, tags: 'v1.0.0' };
    },
  },
  {
    name: 'across accounts (a role per account)',
    target: { account: OTHER_ACCOUNT, repository: 'shop/api' },
    bound: 'image',
    oidc: true,
    prepare: async (sim, push) => {
      await sim.seed({
        repositories: [
          { name: 'shop/api' },
          { name: 'shop/api', account: OTHER_ACCOUNT, imageTagMutability: 'IMMUTABLE' },
        ],
        roles: [
          { name: 'ecr-reader', account: ACCOUNT, trustPolicy: oidcTrust(ACCOUNT), policies: [ALLOW_ALL] },
          {
            name: 'ecr-promoter',
            account: OTHER_ACCOUNT,
            trustPolicy: oidcTrust(OTHER_ACCOUNT),
            policies: [ALLOW_ALL],
          },
        ],
      });
      const digest = await push();
      return {
        repository: 'shop/api',
        'source-image': `${uriOf(sim, 'shop/api')}@${digest}`,
        tags: 'prod-1',
        'role-to-assume': `arn:aws:iam::${OTHER_ACCOUNT}:role/ecr-promoter`,
        'source-role-to-assume': `arn:aws:iam::${ACCOUNT}:role/ecr-reader`,
      };
    },
  },
];

interface PromotionRun {
  moved: RegistryTransfer;
  imageBytes: number;
  ms: number;
  calls: number;
}

/** The bytes of the image's blobs (its config and layers), as its manifest gives them. */
async function blobBytesOf(
  sim: SimHandle,
  account: string,
  repository: string,
  digest: string,
): Promise<number> {
  const ecr = ecrOf(sim, account);
  try {
    const out = await ecr.send(
      new BatchGetImageCommand({ repositoryName: repository, imageIds: [{ imageDigest: digest }] }),
    );
    const manifest = JSON.parse(out.images?.[0]?.imageManifest ?? '{}') as {
      config?: { size: number };
      layers?: { size: number }[];
    };
    return (manifest.config?.size ?? 0) + (manifest.layers ?? []).reduce((sum, l) => sum + l.size, 0);
  } finally {
    ecr.destroy();
  }
}

async function promoteOnce(p: Promotion): Promise<PromotionRun> {
  return withSim(async (sim) => {
    let digest = '';
    const push = async (): Promise<string> => {
      digest = await seedImage(sim, 'shop/api', ['dev-1'], {
        content: randomBytes(LAYER_TEXT_BYTES * 0.75).toString('base64'),
      });
      return digest;
    };
    const inputs = await p.prepare(sim, push);
    const before = await registryTransfer(sim);
    const startedAt = Date.now();
    const run = await runAction(
      { dir: actionDir('build-push') },
      {
        sim,
        inputs,
        post: false,
        iamPolicy: false,
        timeoutMs: 120_000,
        ...(p.oidc === true ? { oidc: { repository: 'acme/shop', ref: 'refs/heads/main' } } : {}),
      },
    );
    const exitedAt = Date.now();
    if (run.exitCode !== 0 || run.outputs.digest !== digest)
      throw new Error(
        `promotion ${p.name} failed (exit ${run.exitCode}): ${run.log.split('\n').slice(-20).join('\n')}`,
      );
    const moved = transferSince(before, await registryTransfer(sim));
    return {
      moved,
      imageBytes: await blobBytesOf(sim, p.target.account, p.target.repository, digest),
      ms: exitedAt - startedAt,
      calls: (await callsBetween(sim, startedAt, exitedAt)).length,
    };
  });
}

export async function measure(options: BenchOptions): Promise<Section> {
  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const p of PROMOTIONS) {
    const runs: PromotionRun[] = [];
    for (let i = 0; i < options.runs; i++) runs.push(await promoteOnce(p));
    const served = median(runs.map((r) => r.moved.blobBytesServed));
    const received = median(runs.map((r) => r.moved.blobBytesReceived));
    const mounted = median(runs.map((r) => r.moved.blobsMounted));
    const imageBytes = median(runs.map((r) => r.imageBytes));
    figures.push({
      name: `${p.name}: layer bytes moved`,
      value: `${bytes(served)} served · ${bytes(received)} received · ${mounted} mounted`,
      ...(p.bound === 'none'
        ? { target: '0 B', met: served + received === 0 }
        : { target: '≤ the image, each way', met: served <= imageBytes && received <= imageBytes }),
    });
    figures.push({
      name: `${p.name}: wall time · AWS calls`,
      value: `${secondsSpread(runs.map((r) => r.ms))} · ${countSpread(runs.map((r) => r.calls))}`,
    });
    notes.push(
      `${p.name}: ${served} B served, ${received} B received; the image's blobs (config and one layer, from its manifest) are ${imageBytes} B`,
    );
  }
  notes.unshift(
    'bytes: blob (layer and config) bytes the simulated registry served (GETs) and received (uploads, UploadLayerPart) during the build-push run; mounted: blobs added by a cross-repository mount, no bytes moved',
    'manifests are not counted (a few hundred bytes each); across accounts the roles allow everything: the bytes, not IAM, are measured',
  );
  return { title: 'Promotion (bytes through the registry)', figures, notes };
}
