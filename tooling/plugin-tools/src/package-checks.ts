import { PLUGIN_KEYWORD } from '@knotwork/sdk';
import { type PluginPackage, SDK_PACKAGE } from './load-plugin.js';
import { isRecord, stringList } from './package-json.js';

const KNOTWORK_FIELD =
  '"knotwork": {"manifest": "./knotwork.manifest.json", "entry": "./dist/index.js"}';

/** What package.json must say for hosts to find, list and load the plugin, and for npm to ship it. */
export function checkPackageJson(plugin: PluginPackage): string[] {
  return [
    ...checkName(plugin),
    ...checkKeyword(plugin),
    ...checkKnotworkField(plugin),
    ...checkExports(plugin),
    ...checkFiles(plugin),
    ...checkSdkPeer(plugin),
  ];
}

function checkName(plugin: PluginPackage): string[] {
  if (plugin.name.startsWith('@knotwork/plugin-')) return [];
  return [
    `package name "${plugin.name}" does not follow @knotwork/plugin-<name> — rename it in package.json`,
  ];
}

function checkKeyword(plugin: PluginPackage): string[] {
  if (stringList(plugin.packageJson.keywords).includes(PLUGIN_KEYWORD)) return [];
  return [
    `package.json "keywords" lacks "${PLUGIN_KEYWORD}" — add it; hosts discover plugins by that keyword`,
  ];
}

function checkKnotworkField(plugin: PluginPackage): string[] {
  const field = plugin.packageJson.knotwork;
  if (!isRecord(field)) return [`package.json has no "knotwork" field — add ${KNOTWORK_FIELD}`];
  const problems: string[] = [];
  if (typeof field.manifest !== 'string') {
    problems.push(
      'package.json "knotwork.manifest" is missing — add "manifest": "./knotwork.manifest.json"',
    );
  }
  if (typeof field.entry !== 'string') {
    problems.push('package.json "knotwork.entry" is missing — add "entry": "./dist/index.js"');
  }
  return problems;
}

function checkExports(plugin: PluginPackage): string[] {
  const exportsMap = plugin.packageJson.exports;
  if (!isRecord(exportsMap)) {
    return [
      'package.json has no "exports" map — add "." with "types" then "default", "./package.json" and the manifest',
    ];
  }
  const problems: string[] = [];
  const main = exportsMap['.'];
  const conditions = isRecord(main) ? Object.keys(main) : [];
  const typesAt = conditions.indexOf('types');
  const defaultAt = conditions.indexOf('default');
  if (typesAt === -1 || defaultAt === -1) {
    problems.push(
      'package.json exports["."] needs "types" and "default" — add {"types": "./dist/index.d.ts", "default": "./dist/index.js"}',
    );
  } else if (typesAt > defaultAt) {
    // Resolution takes the first matching condition, so "types" after "default" is never read.
    problems.push('package.json exports["."] lists "default" before "types" — put "types" first');
  }
  if (exportsMap['./package.json'] === undefined) {
    problems.push(
      'package.json exports lacks "./package.json" — add "./package.json": "./package.json"',
    );
  }
  const manifestExport = `./${plugin.manifestFile}`;
  if (exportsMap[manifestExport] === undefined) {
    problems.push(
      `package.json exports lacks "${manifestExport}" — add "${manifestExport}": "${manifestExport}"`,
    );
  }
  return problems;
}

function checkFiles(plugin: PluginPackage): string[] {
  const files = stringList(plugin.packageJson.files).map((file) =>
    file.replace(/^\.\//, '').replace(/\/$/, ''),
  );
  const problems: string[] = [];
  if (!files.includes('dist')) {
    problems.push('package.json "files" lacks "dist" — add it, or npm publishes no code');
  }
  if (!files.includes(plugin.manifestFile)) {
    problems.push(
      `package.json "files" lacks "${plugin.manifestFile}" — add it, or hosts cannot list the plugin without importing it`,
    );
  }
  return problems;
}

function checkSdkPeer(plugin: PluginPackage): string[] {
  if (plugin.sdkRange) return [];
  return [
    `package.json has no peerDependencies["${SDK_PACKAGE}"] — add "${SDK_PACKAGE}": "^0.1.0" to "peerDependencies"`,
  ];
}
