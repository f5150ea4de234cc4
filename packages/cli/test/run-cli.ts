import { main } from '../src/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with its own folders and environment, capturing what it prints. */
export function cliRunner(options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return (args: string[], extra: { stdin?: string; onStdout?: (text: string) => void } = {}) => {
    const result: CliResult = { code: -1, stdout: '', stderr: '' };
    const done = main(args, {
      stdout: (text) => {
        result.stdout += text;
        extra.onStdout?.(result.stdout);
      },
      stderr: (text) => {
        result.stderr += text;
      },
      cwd: options.cwd,
      env: options.env,
      stdin: async () => extra.stdin ?? '',
      interactive: false,
    }).then((code) => {
      result.code = code;
      return result;
    });
    return done;
  };
}
