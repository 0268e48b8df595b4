import { formatInstanceWait, formatRunningInstances, type InstanceWait } from '../../src/instances/await-instances';
import type { InstanceReport } from '../../src/instances/instance-store';
import { retryAfterSeconds } from '../../src/http/rate-limit-store';

const instance = (pid: number, synced: number): InstanceReport => ({
  id: `i${pid}`,
  kind: 'service',
  host: 'app1',
  pid,
  seenAt: new Date('2026-12-07T06:00:00Z'),
  sanctionsVersionId: null,
  synced: { sanctions: synced },
});
const wait = (switched: InstanceReport[], lagging: InstanceReport[]): InstanceWait => ({
  topic: 'sanctions',
  version: 3,
  switched,
  lagging,
  elapsedMs: 420,
});

describe('what the CLI says after a change instances cache', () => {
  it('says that no instance runs when none reported lately', () => {
    expect(formatInstanceWait(wait([], []), 'version v1')).toEqual({
      lines: ['No running instances (none reported in the last 15 s): each loads version v1 when it starts.'],
      warnings: [],
    });
  });

  it('names the instances that use the change, and warns about one that did not report it', () => {
    const told = formatInstanceWait(wait([instance(11, 3), instance(12, 4)], [instance(13, 2)]), 'version v1');
    expect(told.lines).toEqual(['2 running instance(s) use version v1 (0.4 s): service app1:11, service app1:12']);
    expect(told.warnings).toEqual([
      'Warning: 1 running instance(s) did not report version v1 within 0.4 s: service app1:13 (last seen 2026-12-07T06:00:00.000Z). They switch at their next poll, or restart them.',
    ]);
  });
});

describe('running instances in `sanctions status`', () => {
  it('names each with the list it screens with, and whether that is the active version', () => {
    const onActive = { ...instance(11, 3), sanctionsVersionId: 'v2' };
    const behind = { ...instance(12, 2), sanctionsVersionId: null };
    expect(formatRunningInstances([onActive, behind], 'v2')).toEqual([
      'Running instances: 2',
      '  service app1:11: v2 (active)',
      '  service app1:12: built-in list (not the active version yet)',
    ]);
    expect(formatRunningInstances([], 'v2')).toEqual(['Running instances: none reported in the last 15 s']);
  });
});

describe('Retry-After from a shared bucket', () => {
  it('is the seconds until the bucket holds a whole token, at least 1', () => {
    expect(retryAfterSeconds(0, 6)).toBe(10);
    expect(retryAfterSeconds(0.6, 6)).toBe(4);
    expect(retryAfterSeconds(0.99, 600)).toBe(1);
  });
});
