import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Shipped beside dist/ and src/, so the same relative path works built and under test. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

/** Files that would confuse tools while they sit in the templates folder carry this suffix. */
const TEMPLATE_SUFFIX = '.template';

export type TemplateValues = Record<string, string>;

export interface TemplateFile {
  /** Path the rendered file gets, relative to the target folder. */
  target: string;
  text: string;
}

/** Replaces every {{key}}; an unknown key is a broken template, so it fails loudly. */
export function renderTemplate(text: string, values: TemplateValues, source: string): string {
  return text.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (placeholder, key: string) => {
    const value = values[key];
    if (value === undefined) {
      throw new Error(
        `template ${source} uses ${placeholder}, which the scaffolder does not provide`,
      );
    }
    return value;
  });
}

/** Every file under templates/<folder>, rendered, with the `.template` suffix dropped. */
export async function renderTemplateFolder(
  folder: string,
  values: TemplateValues,
): Promise<TemplateFile[]> {
  const dir = join(TEMPLATES_DIR, folder);
  const files: TemplateFile[] = [];
  for (const path of await listFiles(dir)) {
    const name = relative(dir, path).split(sep).join('/');
    files.push({
      target: name.endsWith(TEMPLATE_SUFFIX) ? name.slice(0, -TEMPLATE_SUFFIX.length) : name,
      text: renderTemplate(await readFile(path, 'utf8'), values, `templates/${folder}/${name}`),
    });
  }
  return files;
}

export async function renderTemplateFile(file: string, values: TemplateValues): Promise<string> {
  return renderTemplate(
    await readFile(join(TEMPLATES_DIR, file), 'utf8'),
    values,
    `templates/${file}`,
  );
}

async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else files.push(path);
  }
  return files.sort();
}
