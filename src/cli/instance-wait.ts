// After a change that running instances cache: wait until each reports it uses it (src/instances), and say so.
import type { CacheTopic } from '../db/change-listener';
import { awaitInstances, formatInstanceWait } from '../instances/await-instances';
import type { InstanceStore } from '../instances/instance-store';

/** The lines to print: who switched, or that none runs; a lagging instance is a warning (the change is committed). */
export async function instanceWaitLines(instances: InstanceStore, topic: CacheTopic, what: string): Promise<string[]> {
  const { lines, warnings } = formatInstanceWait(await awaitInstances(instances, topic), what);
  return [...lines, ...warnings];
}

/** Prints them on stderr, beside the command's own confirmation. */
export async function reportInstanceWait(instances: InstanceStore, topic: CacheTopic, what: string): Promise<void> {
  for (const line of await instanceWaitLines(instances, topic, what)) process.stderr.write(`${line}\n`);
}
