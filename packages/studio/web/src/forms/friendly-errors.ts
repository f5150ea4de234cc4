// Validation messages as a person reads them under a field. ajv's own ("must have required
// property 'Bot User OAuth Token'") name the field again and speak JSON Schema.

export interface ValidationProblem {
  name?: string;
  message?: string;
  params?: Record<string, unknown>;
}

export function friendlyMessage(problem: ValidationProblem): string | undefined {
  const params = problem.params ?? {};
  const limit = (key: string) =>
    typeof params[key] === 'number' ? (params[key] as number) : undefined;
  switch (problem.name) {
    case 'required':
      return 'Required.';
    case 'minLength': {
      const n = limit('limit');
      return n === 1 ? 'Required.' : `At least ${n} characters.`;
    }
    case 'maxLength':
      return `At most ${limit('limit')} characters.`;
    case 'minimum':
      return `At least ${limit('limit')}.`;
    case 'maximum':
      return `At most ${limit('limit')}.`;
    case 'minItems':
      return limit('limit') === 1
        ? 'Add at least one item.'
        : `Add at least ${limit('limit')} items.`;
    case 'maxItems':
      return `At most ${limit('limit')} items.`;
    case 'pattern':
      return 'Not in the expected format.';
    case 'enum':
      return 'Pick one of the options.';
    case 'type':
      return `Should be ${article(String(params.type ?? 'value'))}.`;
    case 'format':
      return formatMessage(String(params.format ?? ''));
    default:
      return problem.message ? capitalise(problem.message) : undefined;
  }
}

function formatMessage(format: string): string {
  switch (format) {
    case 'uri':
    case 'url':
      return 'Should be a full URL, like https://example.com/path.';
    case 'email':
      return 'Should be an e-mail address.';
    case 'date-time':
      return 'Should be a date and time.';
    case 'date':
      return 'Should be a date (2024-05-01).';
    default:
      return `Should be a valid ${format}.`;
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'an object',
};

function article(type: string): string {
  return type
    .split(',')
    .map((t) => TYPE_WORDS[t] ?? t)
    .join(' or ');
}

function capitalise(text: string): string {
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}
