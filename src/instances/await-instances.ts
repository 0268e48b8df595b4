// What the CLI does after a change that running instances cache: wait until each instance seen alive has reloaded the
// topic at or past the version the change brought, and say which did, which did not, or that none runs.
import type { CacheTopic } from '../db/change-listener';
import type { InstanceReport, InstanceStore } from './instance-store';
import { ALIVE_WITHIN_MS } from './instance-sync';

export interface InstanceWait {
  topic: CacheTopic;
  /** The topic's version after the change. */
  version: number;
  switched: InstanceReport[];
  lagging: InstanceReport[];
  elapsedMs: number;
}

/** Default wait of the CLI: instances switch within about a second; a lagging one is named after this. */
export const DEFAULT_INSTANCE_WAIT_MS = 5_000;
const CHECK_EVERY_MS = 100;

/** Call after the change committed. */
export async function awaitInstances(
  store: InstanceStore,
  topic: CacheTopic,
  timeoutMs = DEFAULT_INSTANCE_WAIT_MS,
): Promise<InstanceWait> {
  const started = Date.now();
  const version = await store.topicVersion(topic);
  for (;;) {
    const alive = await store.alive(ALIVE_WITHIN_MS);
    const isSwitched = (instance: InstanceReport) => (instance.synced[topic] ?? 0) >= version;
    const lagging = alive.filter((instance) => !isSwitched(instance));
    const elapsedMs = Date.now() - started;
    if (lagging.length === 0 || elapsedMs >= timeoutMs)
      return { topic, version, switched: alive.filter(isSwitched), lagging, elapsedMs };
    await new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS));
  }
}

const describe = (instance: InstanceReport) => `${instance.kind} ${instance.host}:${instance.pid}`;

/** `sanctions status`: which list each running instance screens with. */
export function formatRunningInstances(instances: InstanceReport[], activeId: string | null): string[] {
  if (instances.length === 0) return [`Running instances: none reported in the last ${ALIVE_WITHIN_MS / 1000} s`];
  return [
    `Running instances: ${instances.length}`,
    ...instances.map(
      (instance) =>
        `  ${describe(instance)}: ${instance.sanctionsVersionId ?? 'built-in list'}${instance.sanctionsVersionId === activeId ? ' (active)' : ' (not the active version yet)'}`,
    ),
  ];
}

/** The lines the CLI prints: `what` names the change ("the sanctions list version"). */
export function formatInstanceWait(wait: InstanceWait, what: string): { lines: string[]; warnings: string[] } {
  const seconds = (wait.elapsedMs / 1000).toFixed(1);
  if (wait.switched.length === 0 && wait.lagging.length === 0) {
    return {
      lines: [
        `No running instances (none reported in the last ${ALIVE_WITHIN_MS / 1000} s): each loads ${what} when it starts.`,
      ],
      warnings: [],
    };
  }
  const lines = wait.switched.length
    ? [
        `${wait.switched.length} running instance(s) use ${what} (${seconds} s): ${wait.switched.map(describe).join(', ')}`,
      ]
    : [];
  const warnings = wait.lagging.length
    ? [
        `Warning: ${wait.lagging.length} running instance(s) did not report ${what} within ${seconds} s: ${wait.lagging.map((instance) => `${describe(instance)} (last seen ${instance.seenAt.toISOString()})`).join(', ')}. They switch at their next poll, or restart them.`,
      ]
    : [];
  return { lines, warnings };
}
