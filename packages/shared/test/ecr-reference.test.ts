import {
  ConfigurationError,
  parseImageRef,
  parseRepositoryRef,
  validateImageReference,
  validateTags,
} from '../src';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('parseRepositoryRef', () => {
  it.each([
    ['shop/api', { names: ['shop/api'], uri: undefined, registryId: undefined, region: undefined }],
    [
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api',
      {
        names: ['shop/api'],
        uri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api',
        registryId: '123456789012',
        region: 'eu-west-1',
      },
    ],
    [
      '123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/api',
      {
        names: ['api'],
        uri: '123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/api',
        registryId: '123456789012',
        region: 'us-gov-west-1',
      },
    ],
    [
      '127.0.0.1:4566/000000000000/us-east-1/shop/api',
      {
        // The name after the account and region first, then every suffix of the path, longest first.
        names: ['shop/api', '000000000000/us-east-1/shop/api', 'us-east-1/shop/api', 'api'],
        uri: '127.0.0.1:4566/000000000000/us-east-1/shop/api',
        registryId: '000000000000',
        region: undefined,
      },
    ],
  ])('reads %s', (text, expected) => {
    expect(parseRepositoryRef(text, 'repository')).toEqual({ text, ...expected });
  });

  it.each([
    'Shop/API',
    'a',
    'shop//api',
    '-shop',
    'shop/api:latest',
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com/',
  ])('refuses %s, naming the input', (text) => {
    expect(() => parseRepositoryRef(text, 'repository')).toThrow(ConfigurationError);
    expect(() => parseRepositoryRef(text, 'repository')).toThrow(
      /^Input "repository" must be an ECR repository name/,
    );
  });
});

describe('parseImageRef', () => {
  it('reads a digest reference and a tag reference, keeping a port apart from a tag', () => {
    expect(parseImageRef(`shop/api@${DIGEST}`, 'source-image')).toMatchObject({
      repository: { names: ['shop/api'] },
      digest: DIGEST,
      tag: undefined,
    });
    expect(
      parseImageRef('localhost:5000/000000000000/us-east-1/shop/api:dev-1', 'source-image'),
    ).toMatchObject({
      repository: { uri: 'localhost:5000/000000000000/us-east-1/shop/api' },
      digest: undefined,
      tag: 'dev-1',
    });
  });

  it.each([
    'shop/api',
    'localhost:5000/shop/api',
    'shop/api@sha256:abc',
    'shop/api:',
    'shop/api:-bad',
    `shop/api@md5:${'a'.repeat(32)}`,
  ])('refuses %s', (text) => {
    expect(() => parseImageRef(text, 'source-image')).toThrow(
      /^Input "source-image" must be an image as <repository>@sha256:<digest> or <repository>:<tag>/,
    );
  });
});

describe('validateTags', () => {
  it('accepts docker tags up to 128 characters', () => {
    expect(() => validateTags(['v1.2.3', 'dev-0123456789ab', '_x', 'a'.repeat(128)], 'tags')).not.toThrow();
  });

  it.each([
    ['v1/2', /invalid tag "v1\/2": a tag is letters, digits/],
    ['.hidden', /invalid tag "\.hidden"/],
    ['a'.repeat(129), /at most 128 characters \(this one has 129\)/],
    ['ünïcode', /invalid tag/],
  ])('refuses %s', (tag, message) => {
    expect(() => validateTags([tag], 'tags')).toThrow(message);
  });

  it('refuses a tag listed twice', () => {
    expect(() => validateTags(['v1', 'v1'], 'tags')).toThrow('Input "tags" lists the tag "v1" twice.');
  });
});

describe('validateImageReference: the OCI reference grammar and ECS limits', () => {
  const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
  it.each([
    'nginx',
    'nginx:1.27',
    'library/nginx:1.27-alpine',
    'public.ecr.aws/docker/library/nginx:1.27',
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:v41',
    `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web@${DIGEST}`,
    `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:v41@${DIGEST}`,
    '127.0.0.1:4566/000000000000/us-east-1/shop/api:v2',
    'localhost:5000/a__b/c-d.e:latest',
  ])('takes %s', (ref) => {
    expect(validateImageReference(` ${ref} `, 'images')).toBe(ref);
  });

  it.each([
    ['', 'it is empty'],
    ['not a valid image ref!!', 'white space'],
    ['shop/web:v1\u0000', 'control characters'],
    [`shop/${'a'.repeat(300)}`, 'at most 255 characters'],
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/Shop/web:v1', 'lower-case'],
    ['shop/web:', 'the tag after ":" is empty'],
    ['shop/web:-v1', 'not starting with'],
    ['shop/web@sha256:abc', '64 lower-case hex digits'],
    ['shop//web', 'lower-case letters'],
    ['bad_host!/shop/web', 'lower-case letters'],
    ['-host.example.com/shop/web', 'is not a host name'],
  ])('refuses %j, saying why and naming the input', (ref, why) => {
    expect(() => validateImageReference(ref, 'images')).toThrow(ConfigurationError);
    expect(() => validateImageReference(ref, 'images')).toThrow(why);
    expect(() => validateImageReference(ref, 'images')).toThrow(/^Input "images" gives the image /);
  });
});
