// Runs the real entry points (service, CLI) as child processes through tsx, as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '..', '..');

/** The environment of a child: this process's, minus DATABASE_URL unless given. */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  // The same link key as the in-process test server, and never the repository's ./.data.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: undefined,
    NODE_ENV: 'test',
    LINK_KEY: 'a1'.repeat(32),
    SECRETS_KEY: 'b2'.repeat(32),
    ...extra,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  return env;
}

/** `projectDir`: another copy of the project to run the CLI from (a command that writes into the project). */
export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
  stdin?: string,
  projectDir = root,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectDir, 'src/cli/index.ts'), ...args], {
      cwd: projectDir,
      env: childEnv(env),
    });
    child.stdin.end(stdin ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServiceProcess {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts src/main.ts and resolves once it logs that it listens. */
/** `cwd`: the folder it starts from (the default data folder is found from there). */
export function startService(
  env: Record<string, string | undefined>,
  timeoutMs = 30_000,
  cwd = root,
): Promise<ServiceProcess> {
  return new Promise((resolve, reject) => {
    // tsx by its file: a cwd outside the project cannot resolve the package by name.
    const child = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href,
        path.join(root, 'src/main.ts'),
      ],
      { cwd, env: childEnv({ PORT: '0', HOST: '127.0.0.1', ...env }) },
    );
    let output = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`service did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = output
        .split('\n')
        .map((line) => {
          try {
            return JSON.parse(line) as { msg?: string; port?: number };
          } catch {
            return null;
          }
        })
        .find((entry) => entry?.msg === 'hiring-fraud risk checker listening');
      if (listening?.port) {
        clearTimeout(timer);
        resolve({ child, port: listening.port, output: () => output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code} before listening:\n${output}`));
    });
  });
}
