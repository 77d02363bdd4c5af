import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** A tiny HTTP server on 127.0.0.1 standing in for an AWS endpoint: it records requests and replies as told. */
export interface FakeAws {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeAws(
  reply: (req: RecordedRequest, index: number) => FakeReply,
): Promise<FakeAws> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const r = reply(recorded, requests.length - 1);
      res.writeHead(r.status, { 'content-type': 'application/x-amz-json-1.1', ...r.headers });
      res.end(r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
