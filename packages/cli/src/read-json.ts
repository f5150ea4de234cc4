import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { IntegrationError } from '@knotwork/sdk';

/**
 * A JSON argument as people pass it: inline (`'{"a":1}'`), from a file (`@input.json`)
 * or from standard input (`-`). `what` names the flag in errors.
 */
export async function readJsonArgument(
  value: string,
  what: string,
  cwd: string,
  stdin: () => Promise<string>,
): Promise<unknown> {
  let text = value;
  let source = what;
  if (value === '-') {
    text = await stdin();
    source = `${what} (standard input)`;
  } else if (value.startsWith('@')) {
    const path = resolve(cwd, value.slice(1));
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new IntegrationError({
        service: 'knotwork',
        code: 'file_not_found',
        message: `${what}: cannot read ${path}`,
        hint: `Check the path after "@" in ${what}.`,
      });
    }
    source = `${what} (${path})`;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new IntegrationError({
      service: 'knotwork',
      code: 'invalid_json',
      message: `${source} is not valid JSON: ${(error as Error).message}`,
      hint: `Pass JSON such as '{"channel":"C123","text":"hi"}', @file.json, or - to read standard input.`,
    });
  }
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
