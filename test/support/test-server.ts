// Integration harness: the real app on a loopback port over the run's real PostgreSQL.
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from '../../src/auth/api-keys';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/logger';
import type { Resolver } from '../../src/outbound/outbound-client';
import { parseAllowHosts } from '../../src/outbound/outbound-policy';
import type { SignInSettings } from '../../src/config-sign-in';
import { configureSignIn, createServices, type Services } from '../../src/services';
import { startWebhookProcessing } from '../../src/webhooks/start-processing';
import { cloneDatabase, dropDatabase } from './test-database';

export interface TestServer {
  baseUrl: string;
  /** This server's database: its own copy unless one was given. */
  databaseUrl: string;
  services: Services;
  /** A fresh API key of the given role. */
  createKey(role: Role, name?: string): Promise<string>;
  request(
    method: string,
    path: string,
    options?: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (globalSetup prepares the database)');
  return url;
}

// One secrets key for the whole run (CLI children seal webhook secrets that the test server opens).
export const TEST_SECRETS_KEY_HEX = 'b2'.repeat(32);

// One link key for the whole run (tests in other files, and CLI children, must produce the same fingerprints).
export const TEST_LINK_KEY_HEX = 'a1'.repeat(32);

let copies = 0;

/** A database of this test file's own, copied from the run's migrated template, dropped by `close()`. */
async function ownDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_SERVER_URL;
  const template = process.env.TEST_TEMPLATE_DATABASE;
  if (!serverUrl || !template)
    throw new Error('TEST_SERVER_URL is not set: run the tests through jest (globalSetup prepares the database)');
  const name = `${new URL(testDatabaseUrl()).pathname.slice(1)}_w${process.env.JEST_WORKER_ID ?? 0}_${process.pid}_${++copies}`;
  return { url: await cloneDatabase(serverUrl, template, name), drop: () => dropDatabase(serverUrl, name) };
}

/**
 * The real app on a loopback port. Without `databaseUrl` it gets a database of its own, so that test files running
 * in parallel never see each other's rows (row counts prove that rejected requests store nothing).
 */
export async function startTestServer(
  options: {
    databaseUrl?: string;
    sharedNetworkCidrs?: string;
    metricsToken?: string;
    webhookWorker?: { concurrency: number; maxAttempts?: number };
    webhookToleranceSeconds?: number;
    /** OUTBOUND_ALLOW_HOSTS, e.g. '127.0.0.1' for a receiver or fake ATS API on loopback; and a stand-in for DNS. */
    outboundAllowHosts?: string;
    outboundResolve?: Resolver;
    /** Password form and single sign-on, given this server's address (its OIDC callback is known only once it listens). */
    signIn?: (baseUrl: string) => Promise<SignInSettings>;
  } = {},
): Promise<TestServer> {
  const own = options.databaseUrl ? null : await ownDatabase();
  const databaseUrl = options.databaseUrl ?? own!.url;
  const services = createServices(databaseUrl, {
    poolMax: 5,
    links: { key: Buffer.from(TEST_LINK_KEY_HEX, 'hex'), sharedNetworkCidrs: options.sharedNetworkCidrs },
    metricsToken: options.metricsToken,
    webhooks: {
      secretsKey: Buffer.from(TEST_SECRETS_KEY_HEX, 'hex'),
      toleranceSeconds: options.webhookToleranceSeconds,
      maxAttempts: options.webhookWorker?.maxAttempts,
    },
    outbound: { allowHosts: parseAllowHosts(options.outboundAllowHosts), resolve: options.outboundResolve },
  });
  // The webhook queue's runner, when the test needs jobs processed (polling fast: retries become due by time).
  const worker = options.webhookWorker
    ? await startWebhookProcessing(
        services,
        databaseUrl,
        createLogger('silent'),
        options.webhookWorker.concurrency,
        200,
      )
    : null;
  // Listening first, answering once the app exists: single sign-on needs the address before the app is made.
  const server: Server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (options.signIn) await configureSignIn(services, await options.signIn(baseUrl));
  server.on('request', createApp(services, { logger: createLogger('silent') }));
  return {
    baseUrl,
    databaseUrl,
    services,
    createKey: async (role, name = `test-${role}`) => (await services.apiKeys.create(name, role)).key,
    async request(method, path, { key, body, rawBody, headers = {} } = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: rawBody ?? (body !== undefined ? JSON.stringify(body) : undefined),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // Not JSON: the raw text is returned for the assertion to show.
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await worker?.stop();
      await services.close();
      await own?.drop();
    },
  };
}
