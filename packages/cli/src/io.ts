import { readAll } from './read-json.js';

/** Asks a person for values; tests pass scripted answers. */
export interface Prompter {
  input(options: { message: string; default?: string; required?: boolean }): Promise<string>;
  password(options: { message: string }): Promise<string>;
  select(options: { message: string; choices: string[]; default?: string }): Promise<string>;
  confirm(options: { message: string; default?: boolean }): Promise<boolean>;
}

/** Where the CLI writes and what it runs in; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** All of standard input, for JSON piped in by scripts. */
  stdin?: () => Promise<string>;
  /** A person is at a terminal: prompts are allowed. */
  interactive?: boolean;
  prompter?: Prompter;
  /** Resolves when a long-running command (serve) should stop; default: Ctrl+C or SIGTERM. */
  untilStopped?: () => Promise<void>;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  stdin: () => readAll(process.stdin),
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  prompter: lazyInquirer(),
};

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** @inquirer/prompts loads only when a prompt is shown: listings stay fast. */
function lazyInquirer(): Prompter {
  const load = () => import('@inquirer/prompts');
  return {
    input: async (options) => (await load()).input(options),
    password: async (options) => (await load()).password({ ...options, mask: '*' }),
    select: async (options) =>
      (await load()).select({
        message: options.message,
        choices: options.choices.map((value) => ({ value, name: value })),
        ...(options.default === undefined ? {} : { default: options.default }),
      }),
    confirm: async (options) => (await load()).confirm(options),
  };
}
