import {
  isMovingTag,
  planBuildTags,
  planPromoteTags,
  refuseFrozenMovingTags,
  tagCanMove,
  TagConflictError,
  type TagSettings,
} from '../src/ecr';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

const mutable: TagSettings = { name: 'shop/api', mutability: 'MUTABLE', exclusions: [] };
const immutable: TagSettings = { name: 'shop/api', mutability: 'IMMUTABLE', exclusions: [] };
const immutableExcept: TagSettings = {
  name: 'shop/api',
  mutability: 'IMMUTABLE_WITH_EXCLUSION',
  exclusions: ['latest', 'dev-*'],
};
const mutableExcept: TagSettings = {
  name: 'shop/api',
  mutability: 'MUTABLE_WITH_EXCLUSION',
  exclusions: ['v*.*'],
};

describe('which tags move', () => {
  it.each<[TagSettings, string, boolean, boolean]>([
    [mutable, 'latest', true, true],
    [mutable, 'abc123', true, false],
    [immutable, 'latest', false, false],
    [immutable, 'abc123', false, false],
    [immutableExcept, 'latest', true, true],
    [immutableExcept, 'dev-42', true, true],
    [immutableExcept, 'prod-42', false, false],
    [mutableExcept, 'v1.2', false, false],
    [mutableExcept, 'latest', true, true],
    [mutableExcept, 'main-1', true, false],
  ])('%o: %s can move in ECR: %s; this action moves it: %s', (settings, tag, canMove, moving) => {
    expect(tagCanMove(settings, tag)).toBe(canMove);
    expect(isMovingTag(settings, tag)).toBe(moving);
  });
});

describe('refuseFrozenMovingTags', () => {
  it('refuses latest into IMMUTABLE, naming the tag, the repository and its setting', () => {
    expect(() => refuseFrozenMovingTags(immutable, ['abc', 'latest'], 'tags')).toThrow(
      'Tag "latest" is a moving tag, but repository shop/api is IMMUTABLE: once pushed, "latest" could never move',
    );
    expect(() =>
      refuseFrozenMovingTags({ ...immutableExcept, exclusions: ['dev-*'] }, ['latest'], 'tags'),
    ).toThrow('is IMMUTABLE_WITH_EXCLUSION (exclusion filters: dev-*)');
  });

  it('lets latest through where it can move', () => {
    expect(() => refuseFrozenMovingTags(immutableExcept, ['latest'], 'tags')).not.toThrow();
    expect(() => refuseFrozenMovingTags(mutable, ['latest'], 'tags')).not.toThrow();
  });
});

describe('planBuildTags', () => {
  it('builds when no fixed tag exists (moving tags get overwritten by the push)', () => {
    expect(planBuildTags(mutable, ['abc', 'latest'], new Map([['latest', D1]]))).toEqual({ kind: 'build' });
    expect(planBuildTags(mutable, ['latest'], new Map([['latest', D1]]))).toEqual({ kind: 'build' });
  });

  it('reuses the image every fixed tag names, moving the moving tags onto it', () => {
    expect(
      planBuildTags(
        immutable,
        ['abc', 'v1'],
        new Map([
          ['abc', D1],
          ['v1', D1],
        ]),
      ),
    ).toEqual({ kind: 'reuse', digest: D1, retag: [] });
    expect(
      planBuildTags(
        immutableExcept,
        ['abc', 'latest'],
        new Map([
          ['abc', D1],
          ['latest', D2],
        ]),
      ),
    ).toEqual({
      kind: 'reuse',
      digest: D1,
      retag: ['latest'],
    });
  });

  it('refuses fixed tags on two images, and a fixed tag present while another is missing', () => {
    const split = (): unknown =>
      planBuildTags(
        mutable,
        ['a', 'b'],
        new Map([
          ['a', D1],
          ['b', D2],
        ]),
      );
    expect(split).toThrow(TagConflictError);
    expect(split).toThrow(`Tag "b" already exists in shop/api on digest ${D2}, but tag "a" is on ${D1}`);
    expect(() => planBuildTags(immutable, ['a', 'b'], new Map([['a', D1]]))).toThrow(
      `Tag "a" already exists in shop/api on digest ${D1}, but "b" does not`,
    );
  });
});

describe('planPromoteTags', () => {
  it('puts the missing tags and moving tags elsewhere, skips the ones already there', () => {
    expect(
      planPromoteTags(
        immutableExcept,
        ['p1', 'p2', 'latest'],
        new Map([
          ['p1', D1],
          ['latest', D2],
        ]),
        D1,
      ),
    ).toEqual(['p2', 'latest']);
  });

  it('refuses a fixed tag on another image', () => {
    expect(() => planPromoteTags(mutable, ['p1'], new Map([['p1', D2]]), D1)).toThrow(
      `Tag "p1" already exists in shop/api on digest ${D2}, not on ${D1}`,
    );
  });
});
