/**
 * A lost PutImage answer: the SDK sends the call again and ECR answers ImageAlreadyExistsException, which
 * build-push takes as the tag being in place. The run succeeds with one image under the tags.
 */
import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { runAction } from '@ecs-delivery/testkit';
import { ecrOf, seedImage, uriOf, useSim } from './sim-helpers';

const sim = useSim();

describe('build-push when an answer is lost', () => {
  it('PutImage of a promotion: the resend finds the tag in place, one image, success', async () => {
    await sim().seed({ repositories: [{ name: 'shop/api', imageTagMutability: 'IMMUTABLE' }] });
    const digest = await seedImage(sim(), 'shop/api', ['dev-0123456789ab']);
    await sim().scenario([{ api: 'ecr:PutImage', fault: { loseResponse: 1, times: 1 } }]);
    const since = Date.now() + 1;
    const run = await runAction('build-push', {
      sim: sim(),
      inputs: {
        repository: 'shop/api',
        'source-image': 'shop/api:dev-0123456789ab',
        tags: 'prod-0123456789ab',
      },
    });
    expect(run.annotations).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.digest).toBe(digest);
    expect(run.outputs.image).toBe(`${uriOf(sim(), 'shop/api')}:prod-0123456789ab`);
    const puts = await sim().calls({ service: 'ecr', action: 'PutImage', since });
    expect(puts.map((c) => ({ status: c.status, errorCode: c.errorCode, lost: c.lost }))).toEqual([
      { status: 200, errorCode: undefined, lost: true },
      { status: 400, errorCode: 'ImageAlreadyExistsException', lost: undefined },
    ]);
    // No answered PutImage stored anything: the one image carries both tags.
    expect(puts.filter((c) => c.lost !== true && c.status === 200)).toHaveLength(0);
    const ecr = ecrOf(sim());
    try {
      const images = await ecr.send(new DescribeImagesCommand({ repositoryName: 'shop/api' }));
      expect(images.imageDetails).toHaveLength(1);
      expect(images.imageDetails![0]!.imageDigest).toBe(digest);
      expect([...images.imageDetails![0]!.imageTags!].sort()).toEqual([
        'dev-0123456789ab',
        'prod-0123456789ab',
      ]);
    } finally {
      ecr.destroy();
    }
  });
});
