import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  MANIFEST_FILE,
  type Manifest,
  manifestSchema,
  type PluginDefinition,
  SDK_VERSION,
} from '@knotwork/sdk';
import semver from 'semver';
import type { DiscoveredPackage } from './discovery.js';
import type { PluginProblem } from './problems.js';

/** A plugin known from its manifest; its code is imported on first use. */
export interface PluginRecord {
  manifest: Manifest;
  /** From package.json; in-memory plugins have none. */
  version: string;
  /** Folder of the package; undefined for plugins registered in memory. */
  dir?: string;
  entry?: string;
  /** Set once imported (or from the start for in-memory plugins). */
  definition?: PluginDefinition;
}

export type ReadResult = { ok: true; record: PluginRecord } | { ok: false; problem: PluginProblem };

/** Reads and checks a discovered package's manifest without importing any of its code. */
export async function readPluginRecord(found: DiscoveredPackage): Promise<ReadResult> {
  const name = typeof found.packageJson.name === 'string' ? found.packageJson.name : found.dir;
  const packageJsonPath = join(found.dir, 'package.json');
  const fail = (path: string, problem: string): ReadResult => ({
    ok: false,
    problem: { package: name, path, problem },
  });
  const field = found.packageJson.knotwork as { manifest?: unknown; entry?: unknown } | undefined;
  const manifestRel = typeof field?.manifest === 'string' ? field.manifest : MANIFEST_FILE;
  const entryRel =
    typeof field?.entry === 'string'
      ? field.entry
      : typeof found.packageJson.module === 'string'
        ? found.packageJson.module
        : undefined;
  if (!entryRel) {
    return fail(
      packageJsonPath,
      'package.json has no "knotwork.entry": add {"knotwork": {"entry": "./dist/index.js"}}',
    );
  }
  const manifestPath = resolve(found.dir, manifestRel);
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    return fail(
      manifestPath,
      'manifest file is missing: build the plugin (knotwork-plugin manifest) and publish the file',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(manifestPath, `manifest is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    return fail(manifestPath, `manifest does not match the knotwork manifest format: ${issues}`);
  }
  const manifest = parsed.data;
  const foreign = [
    ...manifest.nodes.map((node) => node.key),
    ...manifest.credentials.map((credential) => credential.type),
  ].filter((key) => !key.startsWith(`${manifest.name}.`));
  if (foreign.length > 0) {
    // Another plugin's keys would silently replace that plugin's nodes.
    return fail(
      manifestPath,
      `manifest of plugin "${manifest.name}" declares keys outside its name: ${foreign.join(', ')} (each must start with "${manifest.name}.")`,
    );
  }
  if (!semver.validRange(manifest.sdk)) {
    return fail(manifestPath, `manifest "sdk" is not a version range: "${manifest.sdk}"`);
  }
  if (!semver.satisfies(SDK_VERSION, manifest.sdk, { includePrerelease: true })) {
    return fail(
      manifestPath,
      `built for @knotwork/sdk ${manifest.sdk}, but this host has ${SDK_VERSION}: install a version of ${name} built for ${SDK_VERSION}`,
    );
  }
  const entry = resolve(found.dir, entryRel);
  try {
    await access(entry);
  } catch {
    return fail(entry, `entry file ${entryRel} is missing: build the plugin before installing it`);
  }
  const version =
    typeof found.packageJson.version === 'string' ? found.packageJson.version : '0.0.0';
  return { ok: true, record: { manifest, version, dir: found.dir, entry } };
}
