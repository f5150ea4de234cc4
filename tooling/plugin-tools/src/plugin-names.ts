import { PluginToolError } from './tool-error.js';

/** Lowercase words joined by single dashes, starting with a letter: what definePlugin accepts and npm likes. */
const PLUGIN_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function validatePluginName(name: string): void {
  if (!PLUGIN_NAME.test(name)) {
    throw new PluginToolError(
      `"${name}" is not a valid plugin name: use lowercase letters, digits and single dashes, starting with a letter (e.g. "google-sheets")`,
    );
  }
}

export function packageNameOf(name: string): string {
  return `@knotwork/plugin-${name}`;
}

/** `google-sheets` -> `Google Sheets`: a starting point the author edits for brand spelling. */
export function displayNameOf(name: string): string {
  return name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** `google-sheets` -> `googleSheets` */
export function camelNameOf(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
