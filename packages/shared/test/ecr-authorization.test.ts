import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { getRegistryAuth } from '../src/ecr/authorization';
import { captureStdout, type Captured } from './helpers/capture';

/** getRegistryAuth masks the registry password and the token it came in before anything can print them. */

const ecrMock = mockClient(ECRClient);
const PASSWORD = 'eyJwYXlsb2FkIjoicmVnaXN0cnktcGFzc3dvcmQifQ';
const TOKEN = Buffer.from(`AWS:${PASSWORD}`).toString('base64');
let out: Captured;

beforeEach(() => {
  ecrMock.reset();
  out = captureStdout();
});

afterEach(() => {
  out.restore();
});

const masks = (): string[] =>
  out
    .lines()
    .filter((l) => l.startsWith('::add-mask::'))
    .map((l) => l.slice('::add-mask::'.length));

it('decodes AWS:<password>, masks the password and the token, and prints nothing else', async () => {
  ecrMock.on(GetAuthorizationTokenCommand).resolves({
    authorizationData: [
      {
        authorizationToken: TOKEN,
        proxyEndpoint: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com',
        expiresAt: new Date('2026-01-01T12:00:00Z'),
      },
    ],
  });
  const ecr = new ECRClient({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

  const auth = await getRegistryAuth(ecr, '123456789012');
  expect(auth).toEqual({
    endpoint: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com',
    host: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
    insecure: false,
    username: 'AWS',
    password: PASSWORD,
    expiresAt: new Date('2026-01-01T12:00:00Z'),
  });
  expect(ecrMock.commandCalls(GetAuthorizationTokenCommand)[0]!.args[0].input).toEqual({
    registryIds: ['123456789012'],
  });
  expect(masks().sort()).toEqual([PASSWORD, TOKEN].sort());
  // Only the mask commands: nothing printed the values in the clear.
  expect(out.lines().filter((l) => !l.startsWith('::add-mask::'))).toEqual([]);
});

it('refuses a token that is not user:password, having masked it first', async () => {
  const bad = Buffer.from('no-colon-registry-secret').toString('base64');
  ecrMock.on(GetAuthorizationTokenCommand).resolves({
    authorizationData: [{ authorizationToken: bad, proxyEndpoint: 'http://127.0.0.1:4566' }],
  });
  const ecr = new ECRClient({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  await expect(getRegistryAuth(ecr)).rejects.toThrow(
    'GetAuthorizationToken returned a token that is not user:password.',
  );
  expect(masks()).toEqual([bad]);
});
