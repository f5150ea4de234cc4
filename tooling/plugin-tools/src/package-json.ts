import { readFile } from 'node:fs/promises';
import { PluginToolError } from './tool-error.js';

export type PackageJson = Record<string, unknown>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(json: Record<string, unknown>, key: string): string | undefined {
  const value = json[key];
  return typeof value === 'string' ? value : undefined;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** Reads a package.json; `label` is how the file is named in the error a person reads. */
export async function readPackageJson(path: string, label: string): Promise<PackageJson> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new PluginToolError(
      `${label} does not exist — run knotwork-plugin inside a plugin folder, or pass --dir <pluginDir>`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PluginToolError(`${label} is not valid JSON — fix it: ${(error as Error).message}`);
  }
  if (!isRecord(json)) throw new PluginToolError(`${label} must hold a JSON object`);
  return json;
}
