import { beforeAll, describe, expect, test } from 'vitest';
import { main } from '../src/main.js';
import { projectWithPlugins } from './fixture-plugins.js';

let project: string;
beforeAll(async () => {
  project = await projectWithPlugins();
});

async function cli(args: string[], cwd = project, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
    env,
  });
  return { code, stdout, stderr };
}

describe('knotwork plugins list', () => {
  test('lists a third-party plugin installed in the current folder’s node_modules', async () => {
    const result = await cli(['plugins', 'list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^weather\s+1\.2\.3\s+1\s+/m);
    expect(result.stdout).toContain('1 plugin');
  });

  test('reports a broken plugin on stderr, naming the package and the problem, and keeps listing', async () => {
    const result = await cli(['plugins', 'list']);
    expect(result.stderr).toContain('skipped knotwork-plugin-broken');
    expect(result.stderr).toContain('not valid JSON');
    expect(result.stdout).toContain('weather');
  });

  test('--json prints plugins and problems for scripts', async () => {
    const result = await cli(['plugins', 'list', '--json']);
    const parsed = JSON.parse(result.stdout) as {
      plugins: Array<{ name: string }>;
      problems: Array<{ package: string }>;
    };
    expect(parsed.plugins.map((plugin) => plugin.name)).toEqual(['weather']);
    expect(parsed.problems.map((problem) => problem.package)).toEqual(['knotwork-plugin-broken']);
  });

  test('--dir points at another folder', async () => {
    const result = await cli(['plugins', 'list', '--json', '--dir', project], '/');
    expect(JSON.parse(result.stdout).plugins).toHaveLength(1);
  });

  test('KNOTWORK_PLUGINS_DIR points at another folder', async () => {
    const result = await cli(['plugins', 'list', '--json'], '/', { KNOTWORK_PLUGINS_DIR: project });
    expect(JSON.parse(result.stdout).plugins).toHaveLength(1);
  });

  test('says how to install a plugin when none is found', async () => {
    const result = await cli(['plugins', 'list'], '/');
    expect(result.stdout).toContain('No knotwork plugins found');
  });
});

describe('knotwork nodes', () => {
  test('list shows each node with its kind', async () => {
    const result = await cli(['nodes', 'list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^weather\.forecast\s+action\s+-\s+Tomorrow in a city$/m);
  });

  test('list --json gives keys without the schemas', async () => {
    const result = await cli(['nodes', 'list', '--json']);
    const parsed = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(parsed[0]?.key).toBe('weather.forecast');
    expect(parsed[0]?.input).toBeUndefined();
  });

  test('describe shows the input fields with their labels and whether they are required', async () => {
    const result = await cli(['nodes', 'describe', 'weather.forecast']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^city\s+string\s+yes\s+City — Where$/m);
  });

  test('describe --json prints the JSON Schemas', async () => {
    const result = await cli(['nodes', 'describe', 'weather.forecast', '--json']);
    expect(JSON.parse(result.stdout).input.required).toEqual(['city']);
  });

  test('describe of an unknown key suggests the closest one and exits 1', async () => {
    const result = await cli(['nodes', 'describe', 'weather.forcast']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No node "weather.forcast" is installed');
    expect(result.stderr).toContain('Hint: Did you mean weather.forecast?');
  });

  test('an unknown command exits 2 with a suggestion', async () => {
    const result = await cli(['nodez']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nodes');
  });
});
