import { describe, expect, it } from 'vitest';
import { friendlyMessage } from '../../web/src/forms/friendly-errors.js';

describe('friendlyMessage', () => {
  it('does not repeat the field name for a missing value', () => {
    expect(
      friendlyMessage({
        name: 'required',
        message: "must have required property 'Bot User OAuth Token'",
        params: { missingProperty: 'token' },
      }),
    ).toBe('Required.');
    expect(friendlyMessage({ name: 'minLength', params: { limit: 1 } })).toBe('Required.');
  });

  it('states limits in words', () => {
    expect(friendlyMessage({ name: 'minLength', params: { limit: 8 } })).toBe(
      'At least 8 characters.',
    );
    expect(friendlyMessage({ name: 'maximum', params: { limit: 65535 } })).toBe('At most 65535.');
    expect(friendlyMessage({ name: 'minItems', params: { limit: 1 } })).toBe(
      'Add at least one item.',
    );
  });

  it('explains a URL format with an example', () => {
    expect(friendlyMessage({ name: 'format', params: { format: 'uri' } })).toBe(
      'Should be a full URL, like https://example.com/path.',
    );
  });

  it('names types as people say them', () => {
    expect(friendlyMessage({ name: 'type', params: { type: 'integer' } })).toBe(
      'Should be a whole number.',
    );
    expect(friendlyMessage({ name: 'type', params: { type: 'array' } })).toBe('Should be a list.');
  });

  it('keeps other messages, as a sentence', () => {
    expect(friendlyMessage({ name: 'const', message: 'must be equal to constant' })).toBe(
      'Must be equal to constant.',
    );
  });
});
