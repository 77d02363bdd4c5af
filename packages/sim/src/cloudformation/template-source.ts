import { AwsError } from '../core/errors';
import type { Simulator } from '../core/simulator';
import { getObject } from '../s3';
import type { QueryInput } from './request';

/** CloudFormation's limits: 51,200 bytes in the request, 1 MB from S3. */
const BODY_LIMIT = 51_200;
const URL_LIMIT = 1_000_000;

/** The one place CloudFormation reads a template object from the simulator's S3. */
export function readTemplateObject(sim: Simulator, bucket: string, key: string): string | undefined {
  return getObject(sim, bucket, key)?.body.toString('utf8');
}

/**
 * The bucket and key of a TemplateURL: path-style on the simulator's own address or S3's
 * (`https://s3.<region>.amazonaws.com/<bucket>/<key>`), or virtual-hosted (`https://<bucket>.s3.<region>.amazonaws.com/<key>`).
 */
export function parseTemplateUrl(raw: string): { bucket: string; key: string } | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const path = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
  const host = url.hostname;
  const virtual = /^(.+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.exec(host);
  if (virtual) return path ? { bucket: virtual[1]!, key: path } : undefined;
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) return undefined;
  const pathStyle =
    /^s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.test(host) ||
    host === '127.0.0.1' ||
    host === 'localhost' ||
    host === '[::1]';
  return pathStyle ? { bucket: path.slice(0, slash), key: path.slice(slash + 1) } : undefined;
}

/** The template text a request gives: TemplateBody, or the object TemplateURL names. */
export function templateText(sim: Simulator, input: QueryInput, previous?: string): string {
  const body = input.str('TemplateBody');
  const url = input.str('TemplateURL');
  const usePrevious = input.bool('UsePreviousTemplate') === true;
  const given = [body, url].filter((v) => v !== undefined).length + (usePrevious ? 1 : 0);
  if (given !== 1) {
    throw new AwsError(
      'ValidationError',
      usePrevious
        ? 'Exactly one of TemplateBody, TemplateUrl or UsePreviousTemplate must be specified.'
        : 'Either Template URL or Template Body must be specified.',
    );
  }
  if (usePrevious) {
    if (previous === undefined)
      throw new AwsError('ValidationError', 'UsePreviousTemplate cannot be used for a new stack.');
    return previous;
  }
  if (body !== undefined) {
    if (Buffer.byteLength(body) > BODY_LIMIT) {
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value '[…]' at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${BODY_LIMIT}`,
      );
    }
    return body;
  }
  const where = parseTemplateUrl(url!);
  const text = where ? readTemplateObject(sim, where.bucket, where.key) : undefined;
  if (text === undefined) {
    throw new AwsError(
      'ValidationError',
      'TemplateURL must reference a valid S3 object to which you have access.',
    );
  }
  if (Buffer.byteLength(text) > URL_LIMIT) {
    throw new AwsError('ValidationError', `Template may not exceed ${URL_LIMIT} bytes in size.`);
  }
  return text;
}
