import {
  BatchGetImageCommand,
  DescribeImageScanFindingsCommand,
  ECRClient,
  ECRServiceException,
  StartImageScanCommand,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { FakeClock, findingsAtOrAbove, type ScanFinding } from '../src';
import { scanTargets, waitForImageScan, waitForScan } from '../src/ecr';
import { captureStdout, type Captured } from './helpers/capture';

const ecrMock = mockClient(ECRClient);
const REPO = { name: 'shop/api', registryId: '000000000000' };
const DIGEST = `sha256:${'c'.repeat(64)}`;
let out: Captured;
let ecr: ECRClient;

function awsError(name: string): ECRServiceException {
  return new ECRServiceException({
    name,
    message: name,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

beforeEach(() => {
  ecrMock.reset();
  out = captureStdout();
  ecr = new ECRClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
});

afterEach(() => {
  out.restore();
  ecr.destroy();
});

describe('waitForScan', () => {
  it('starts a scan when there is none, waits while it runs, then reads every page of findings', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .rejectsOnce(awsError('ScanNotFoundException'))
      .resolvesOnce({ imageScanStatus: { status: 'IN_PROGRESS' } })
      .resolvesOnce({
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: {
          findingSeverityCounts: { HIGH: 1, LOW: 1 },
          findings: [{ name: 'CVE-1', severity: 'HIGH', uri: 'https://cve/1' }],
        },
        nextToken: 'page-2',
      })
      .resolvesOnce({
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: { findings: [{ name: 'CVE-2', severity: 'LOW' }] },
      });
    ecrMock.on(StartImageScanCommand).resolves({ imageScanStatus: { status: 'IN_PROGRESS' } });
    const clock = new FakeClock();

    const result = await waitForScan(ecr, REPO, DIGEST, { timeoutMs: 60_000, clock, sleep: clock.sleep });
    expect(result).toEqual({
      status: 'complete',
      counts: { HIGH: 1, LOW: 1 },
      findings: [
        { name: 'CVE-1', severity: 'HIGH', package: undefined, uri: 'https://cve/1' },
        { name: 'CVE-2', severity: 'LOW', package: undefined, uri: undefined },
      ],
    });
    expect(ecrMock.commandCalls(StartImageScanCommand)).toHaveLength(1);
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)[3]!.args[0].input).toMatchObject({
      nextToken: 'page-2',
    });
    expect(out.text()).toContain(`Started a scan of ${DIGEST}.`);
  });

  it('reads enhanced (Inspector) findings', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves({
      imageScanStatus: { status: 'ACTIVE' },
      imageScanFindings: {
        enhancedFindings: [
          {
            severity: 'CRITICAL',
            title: 'CVE-2026-9 - openssl',
            packageVulnerabilityDetails: {
              vulnerabilityId: 'CVE-2026-9',
              sourceUrl: 'https://nvd/CVE-2026-9',
              vulnerablePackages: [{ name: 'openssl', version: '3.0.1' }],
            },
          },
        ],
      },
    });
    const clock = new FakeClock();
    const result = await waitForScan(ecr, REPO, DIGEST, { timeoutMs: 60_000, clock, sleep: clock.sleep });
    expect(result).toMatchObject({
      status: 'complete',
      findings: [
        { name: 'CVE-2026-9', severity: 'CRITICAL', package: 'openssl 3.0.1', uri: 'https://nvd/CVE-2026-9' },
      ],
    });
  });

  it('gives up at the deadline, and reports a scan that cannot give findings', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves({ imageScanStatus: { status: 'PENDING' } });
    const clock = new FakeClock();
    expect(await waitForScan(ecr, REPO, DIGEST, { timeoutMs: 30_000, clock, sleep: clock.sleep })).toEqual({
      status: 'timed_out',
    });
    expect(clock.now()).toBeGreaterThanOrEqual(30_000);

    ecrMock.reset();
    ecrMock.on(DescribeImageScanFindingsCommand).resolves({
      imageScanStatus: { status: 'UNSUPPORTED_IMAGE', description: 'The operating system is not supported.' },
    });
    expect(await waitForScan(ecr, REPO, DIGEST, { timeoutMs: 30_000, clock, sleep: clock.sleep })).toEqual({
      status: 'unavailable',
      reason: 'UNSUPPORTED_IMAGE: The operating system is not supported.',
    });
  });
});

describe('waitForImageScan', () => {
  const amd = `sha256:${'a'.repeat(64)}`;
  const arm = `sha256:${'b'.repeat(64)}`;
  const attestation = `sha256:${'e'.repeat(64)}`;
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { digest: amd, platform: { os: 'linux', architecture: 'amd64' } },
      { digest: arm, platform: { os: 'linux', architecture: 'arm64' } },
      {
        digest: attestation,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
      },
    ],
  });

  it('scans every platform image of an index (not the attestations) and adds the findings up', async () => {
    expect(scanTargets(index, DIGEST)).toEqual([amd, arm]);
    expect(scanTargets('{"schemaVersion":2,"layers":[]}', DIGEST)).toEqual([DIGEST]);
    ecrMock.on(BatchGetImageCommand).resolves({
      images: [{ imageId: { imageDigest: DIGEST }, imageManifest: index }],
    });
    ecrMock.on(DescribeImageScanFindingsCommand, { imageId: { imageDigest: amd } }).resolves({
      imageScanStatus: { status: 'COMPLETE' },
      imageScanFindings: {
        findingSeverityCounts: { HIGH: 1 },
        findings: [{ name: 'CVE-A', severity: 'HIGH' }],
      },
    });
    ecrMock.on(DescribeImageScanFindingsCommand, { imageId: { imageDigest: arm } }).resolves({
      imageScanStatus: { status: 'COMPLETE' },
      imageScanFindings: {
        findingSeverityCounts: { HIGH: 1, LOW: 2 },
        findings: [{ name: 'CVE-B', severity: 'HIGH' }],
      },
    });
    const clock = new FakeClock();
    const result = await waitForImageScan(ecr, REPO, DIGEST, {
      timeoutMs: 60_000,
      clock,
      sleep: clock.sleep,
    });
    expect(result).toMatchObject({
      status: 'complete',
      counts: { HIGH: 2, LOW: 2 },
      findings: [{ name: 'CVE-A' }, { name: 'CVE-B' }],
    });
    const scanned = ecrMock
      .commandCalls(DescribeImageScanFindingsCommand)
      .map((c) => c.args[0].input.imageId?.imageDigest);
    expect(scanned).toEqual([amd, arm]);
  });
});

describe('findingsAtOrAbove', () => {
  const f = (severity: string): ScanFinding => ({
    name: severity,
    severity,
    package: undefined,
    uri: undefined,
  });
  it('keeps the findings at or above the threshold, most severe first', () => {
    const all = [f('LOW'), f('HIGH'), f('MEDIUM'), f('CRITICAL'), f('INFORMATIONAL'), f('UNDEFINED')];
    expect(findingsAtOrAbove(all, 'HIGH').map((x) => x.severity)).toEqual(['CRITICAL', 'HIGH']);
    expect(findingsAtOrAbove(all, 'MEDIUM').map((x) => x.severity)).toEqual(['CRITICAL', 'HIGH', 'MEDIUM']);
    expect(findingsAtOrAbove(all, 'CRITICAL').map((x) => x.severity)).toEqual(['CRITICAL']);
  });
});
