/** Encoding and decoding of the two AWS wire protocols the simulator speaks: awsJson and awsQuery. */

/** awsJson: Dates become epoch seconds, undefined fields are dropped. */
export function toAwsJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return raw.getTime() / 1000;
    return v;
  });
}

/** awsQuery: `A.member.1.B=x&C=y` into `{ A: [{ B: 'x' }], C: 'y' }`. */
export function parseQueryInput(params: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of params) {
    if (name === 'Action' || name === 'Version') continue;
    const parts = name.split('.');
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const last = i === parts.length - 1;
      if ((part === 'member' || part === 'entry') && Array.isArray(node)) continue;
      const next = parts[i + 1];
      const key: string | number = Array.isArray(node) ? Number(part) - 1 : part;
      if (last) {
        (node as Record<string | number, unknown>)[key] = value;
        break;
      }
      const container = node as Record<string | number, unknown>;
      if (container[key] === undefined) container[key] = next === 'member' || next === 'entry' ? [] : {};
      node = container[key] as Record<string, unknown> | unknown[];
    }
  }
  return root;
}

function escapeXml(s: string): string {
  return s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

function xmlValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => `<member>${xmlValue(v)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${xmlValue(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export function queryResponse(action: string, namespace: string, result: unknown, requestId: string): string {
  const body = result === undefined ? '' : `<${action}Result>${xmlValue(result)}</${action}Result>`;
  return (
    `<${action}Response xmlns="${namespace}">${body}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function queryError(
  namespace: string,
  type: string,
  code: string,
  message: string,
  requestId: string,
): string {
  return (
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
