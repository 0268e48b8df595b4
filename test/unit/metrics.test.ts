import { loadConfig } from '../../src/config';
import { methodLabel, routeLabel, statusClass, UNMATCHED_ROUTE } from '../../src/metrics/http';
import { createMetrics } from '../../src/metrics/metrics';
import type { SanctionsListHealth } from '../../src/sanctions/active-list';

describe('routeLabel', () => {
  it('joins the mount path and the route pattern, never the raw URL', () => {
    expect(routeLabel({ baseUrl: '/api/v1/cases', routePath: '/:id' })).toBe('/api/v1/cases/:id');
    expect(routeLabel({ baseUrl: '/api/v1/cases', routePath: '/:id/links' })).toBe('/api/v1/cases/:id/links');
  });

  it("drops a router's root route into its mount path", () => {
    expect(routeLabel({ baseUrl: '/api/v1/screenings', routePath: '/' })).toBe('/api/v1/screenings');
  });

  it('keeps app-level routes as they are', () => {
    expect(routeLabel({ baseUrl: '', routePath: '/metrics' })).toBe('/metrics');
    expect(routeLabel({ baseUrl: '', routePath: '/' })).toBe('/');
  });

  it('gives every unmatched request one label', () => {
    expect(routeLabel(undefined)).toBe(UNMATCHED_ROUTE);
    expect(UNMATCHED_ROUTE).toBe('unmatched');
  });
});

describe('statusClass and methodLabel', () => {
  it('bound their labels', () => {
    expect([200, 201, 302, 404, 422, 503].map(statusClass)).toEqual(['2xx', '2xx', '3xx', '4xx', '4xx', '5xx']);
    expect(statusClass(0)).toBe('other');
    expect(methodLabel('GET')).toBe('GET');
    expect(methodLabel('PROPFIND')).toBe('other');
  });
});

describe('createMetrics', () => {
  const importedAt = '2026-01-01T00:00:00.000Z';

  it('reads the sanctions list and the pool at scrape time', async () => {
    let health: SanctionsListHealth = { list: 'full', versionId: 'v1', importedAt, entries: 15_000 };
    const pool = { totalCount: 4, idleCount: 3, waitingCount: 0 };
    const metrics = createMetrics({
      sanctionsHealth: () => health,
      pool,
      defaultMetrics: false,
      now: () => Date.parse(importedAt) + 90_000,
    });
    let text = await metrics.registry.metrics();
    expect(text).toMatch(/^hfrc_sanctions_list_age_seconds 90$/m);
    expect(text).toMatch(/^hfrc_sanctions_list_entries 15000$/m);
    expect(text).toMatch(/^hfrc_sanctions_list_builtin 0$/m);
    expect(text).toMatch(/^hfrc_db_pool_connections 4$/m);
    expect(text).toMatch(/^hfrc_db_pool_idle_connections 3$/m);

    health = { list: 'built-in', versionId: null, importedAt: null, entries: 13 };
    pool.waitingCount = 2;
    text = await metrics.registry.metrics();
    expect(text).toMatch(/^hfrc_sanctions_list_age_seconds nan$/im);
    expect(text).toMatch(/^hfrc_sanctions_list_entries 13$/m);
    expect(text).toMatch(/^hfrc_sanctions_list_builtin 1$/m);
    expect(text).toMatch(/^hfrc_db_pool_waiting_requests 2$/m);
  });

  it('starts every band at zero and keeps registries apart', async () => {
    const sources = {
      sanctionsHealth: () => ({ list: 'built-in' as const, versionId: null, importedAt: null, entries: 13 }),
    };
    const one = createMetrics(sources);
    const two = createMetrics(sources);
    one.observeScreening('high');
    expect(await one.registry.metrics()).toMatch(/^hfrc_screenings_total\{band="high"\} 1$/m);
    const other = await two.registry.metrics();
    expect(other).toMatch(/^hfrc_screenings_total\{band="high"\} 0$/m);
    expect(other).toMatch(/^hfrc_screenings_total\{band="critical"\} 0$/m);
    expect(other).toMatch(/^hfrc_process_cpu_user_seconds_total /m);
  });
});

describe('METRICS_TOKEN', () => {
  it('is optional, and refused when short or with spaces (without echoing it)', () => {
    expect(loadConfig({}).metrics.token).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: '' }).metrics.token).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-token-123' }).metrics.token).toBe('a-long-enough-token-123');
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).toThrow(/METRICS_TOKEN: must be at least 16/);
    expect(() => loadConfig({ METRICS_TOKEN: 'has a space in the middle' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
