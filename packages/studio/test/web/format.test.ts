import { describe, expect, it } from 'vitest';
import { uniqueName } from '../../web/src/credentials/unique-name.js';
import { docsHref } from '../../web/src/format/docs.js';
import { formatBytes, formatRelative } from '../../web/src/format/time.js';
import { describeFields } from '../../web/src/forms/describe-field.js';
import { credentialSchema } from './manifests.js';

describe('formatting for people', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('says when something happened relative to now', () => {
    expect(formatRelative(null, now)).toBe('never');
    expect(formatRelative('2025-06-01T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2025-06-01T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelative('2025-05-31T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelative('2025-06-01T14:00:00Z', now)).toBe('in 2 hours');
  });

  it('sizes files', () => {
    expect(formatBytes(23)).toBe('23 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });

  it('links only docs a browser can open', () => {
    expect(docsHref('https://api.slack.com/docs')).toBe('https://api.slack.com/docs');
    expect(docsHref('docs/integrations/slack.md')).toBeUndefined();
  });

  it("describes a credential type's fields for the integration page", () => {
    const fields = describeFields(credentialSchema('postgres.connection'));
    expect(fields.find((f) => f.name === 'password')).toMatchObject({
      title: 'Password',
      type: 'secret',
    });
    expect(fields.find((f) => f.name === 'port')).toMatchObject({
      type: 'whole number',
      required: false,
    });
    expect(fields.find((f) => f.name === 'ssl')?.type).toBe('one of disable, require, verify-full');
    expect(fields.find((f) => f.name === 'poolSize')).toMatchObject({ advanced: true });
  });

  it('suggests a credential name that is not taken yet', () => {
    expect(uniqueName('Slack bot token', [])).toBe('Slack bot token');
    expect(uniqueName('Slack bot token', ['slack bot token', 'Slack bot token 2'])).toBe(
      'Slack bot token 3',
    );
  });
});
