import { S3Error } from './errors';

/** The S3 REST XML the simulator writes and the few request documents it reads. */

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

export function escapeXml(s: string): string {
  return s.replace(
    /[<>&'"\r\n]/g,
    (c) =>
      ({
        '<': '&lt;',
        '>': '&gt;',
        '&': '&amp;',
        "'": '&apos;',
        '"': '&quot;',
        '\r': '&#13;',
        '\n': '&#10;',
      })[c]!,
  );
}

/** An element tree to write: a value, nested elements, or a list of repeated elements under one name. */
export type XmlValue = string | number | boolean | undefined | XmlNode | XmlNode[];
export interface XmlNode {
  [name: string]: XmlValue | XmlValue[];
}

function write(name: string, value: XmlValue | XmlValue[]): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => write(name, v)).join('');
  if (typeof value === 'object') return `<${name}>${children(value)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function children(node: XmlNode): string {
  return Object.entries(node)
    .map(([k, v]) => write(k, v))
    .join('');
}

/** `<?xml …?><Root xmlns="…">…</Root>` */
export function xmlDocument(root: string, body: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_NAMESPACE}">${children(body)}</${root}>`;
}

export function errorDocument(
  code: string,
  message: string,
  extra: Record<string, string>,
  requestId: string,
): string {
  const fields = { Code: code, Message: message, ...extra, RequestId: requestId, HostId: requestId };
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${children(fields)}</Error>`;
}

/** One element of a parsed request document. */
export interface XmlElement {
  name: string;
  text: string;
  children: XmlElement[];
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? whole;
  });
}

const malformed = (): S3Error =>
  new S3Error(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );

/** Parses a small XML document (no DTDs, no mixed content) into its root element; MalformedXML otherwise. */
export function parseXml(text: string): XmlElement {
  const src = text.replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const root: XmlElement = { name: '', text: '', children: [] };
  const stack: XmlElement[] = [root];
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let pos = 0;
  for (let m = tag.exec(src); m !== null; m = tag.exec(src)) {
    if (m.index !== pos) throw malformed();
    pos = tag.lastIndex;
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) {
      top.text += unescapeXml(m[5]);
      continue;
    }
    const name = m[2]!.replace(/^\w+:/, '');
    if (m[1] === '/') {
      if (top.name !== name || stack.length < 2) throw malformed();
      stack.pop();
      continue;
    }
    const el: XmlElement = { name, text: '', children: [] };
    top.children.push(el);
    if (m[4] !== '/') stack.push(el);
  }
  if (pos !== src.length || stack.length !== 1) throw malformed();
  const elements = root.children;
  if (elements.length !== 1 || root.text.trim() !== '') throw malformed();
  return elements[0]!;
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el?.children.filter((c) => c.name === name) ?? [];
}

export function textOf(el: XmlElement | undefined, name: string): string | undefined {
  const c = child(el, name);
  return c === undefined ? undefined : c.text.trim();
}
