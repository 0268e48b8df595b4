// A query parameter with the NUL character, or not valid percent-encoded UTF-8, is a 400 naming the parameter on every
// route (API, pages, the queue's CSV), answered before any route runs: never a 500, never a cut-off download.
import http from 'node:http';
import { startTestServer, type TestServer } from '../support/test-server';
import { signedInUser, type WebClient } from '../browser/web-client';
import { queryStringProblem } from '../../src/http/query-string';

let server: TestServer;
let reviewerKey: string;
let pages: WebClient;

beforeAll(async () => {
  server = await startTestServer();
  reviewerKey = await server.createKey('reviewer');
  pages = (await signedInUser(server, 'reviewer')).client;
});
afterAll(() => server.close());

const broken = ['%00', 'a%00b', '%ff', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%zz', '%'];

describe('the API', () => {
  const routes: [string, string][] = [
    ['/api/v1/cases', 'source'],
    ['/api/v1/cases', 'cursor'],
    ['/api/v1/webhook-deliveries', 'source'],
    ['/api/v1/notification-deliveries', 'endpoint'],
    ['/api/v1/clusters', 'limit'],
    ['/api/v1/cases', 'anything'],
  ];
  it.each(routes)('GET %s?%s=<broken> is a 400 naming the parameter', async (path, parameter) => {
    for (const value of broken) {
      const answer = await server.request('GET', `${path}?band=high&${parameter}=${value}`, { key: reviewerKey });
      expect({
        value,
        status: answer.status,
        code: answer.body.error?.code,
        fields: answer.body.error?.fields?.map((field: { path: string }) => field.path),
      }).toEqual({ value, status: 400, code: 'validation_failed', fields: [`query.${parameter}`] });
    }
  });

  it('names a parameter whose name is broken, and answers before authentication', async () => {
    const answer = await server.request('GET', '/api/v1/cases?so%ffurce=x');
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([
      { path: 'query.so%ffurce', message: 'has a name that is not valid percent-encoded UTF-8' },
    ]);
  });

  it('refuses a raw byte that the client did not percent-encode', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(server.baseUrl);
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: '/api/v1/cases?source=caf\u00e9',
          headers: { authorization: `Bearer ${reviewerKey}` },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode!);
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(400);
  });

  it('still reads valid UTF-8, repeated parameters and plus signs', async () => {
    for (const query of ['source=caf%C3%A9', 'band=high&band=critical', 'source=a+b', 'source=%EF%BF%BD', 'source=']) {
      expect({
        query,
        status: (await server.request('GET', `/api/v1/cases?${query}`, { key: reviewerKey })).status,
      }).toEqual({ query, status: 200 });
    }
  });
});

describe('the pages', () => {
  it.each(['/queue', '/queue.csv', '/dashboard', '/submissions'])(
    'GET %s?source=%%00 is a 400 page naming the parameter',
    async (path) => {
      for (const value of ['%00', '%ff', '%E0%A4%A']) {
        const answer = await pages.get(`${path}?source=${value}`);
        expect({ value, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
          value,
          status: 400,
          type: expect.stringMatching(/^text\/html/),
        });
        expect(answer.headers.get('content-disposition')).toBeNull();
        expect(answer.text).toContain('The query parameter &quot;source&quot;');
      }
    },
  );

  it("the queue's CSV with a good filter still downloads", async () => {
    const answer = await pages.get('/queue.csv?source=caf%C3%A9');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
  });
});

describe('queryStringProblem', () => {
  it('reads each parameter once and names the first broken one', () => {
    expect(queryStringProblem('a=1&b=%C3%A9&c')).toBeNull();
    expect(queryStringProblem('a=1&b=%00')).toEqual({
      parameter: 'b',
      message: 'must not contain the NUL character (%00)',
    });
    expect(queryStringProblem('a=%E0%A4%A&b=%00')?.parameter).toBe('a');
    expect(queryStringProblem('%00=1')).toEqual({
      parameter: '\\u0000',
      message: 'has a name with the NUL character (%00)',
    });
    expect(queryStringProblem('x=\u00ff')?.message).toMatch(/percent-encoded/);
  });
});
