import { describe, expect, it } from 'vitest';
import {
  editableSchema,
  secretFieldsOf,
  withoutEmptySecrets,
} from '../../web/src/forms/secret-fields.js';
import { credentialSchema } from './manifests.js';

describe('secret fields', () => {
  const botToken = credentialSchema('slack.botToken');
  const oauth = credentialSchema('slack.oauth2');

  it('finds the fields marked secret', () => {
    expect(secretFieldsOf(credentialSchema('postgres.connection'))).toEqual(['url', 'password']);
    expect(secretFieldsOf(oauth)).toEqual(['clientSecret']);
  });

  it('lets an edit leave a saved secret empty', () => {
    expect(oauth.required).toEqual(['clientId', 'clientSecret']);
    expect(editableSchema(oauth, ['clientSecret']).required).toEqual(['clientId']);
  });

  it('keeps a secret required when nothing is saved for it', () => {
    expect(editableSchema(botToken, [])).toBe(botToken);
  });

  it('sends no value for a secret left empty, so the saved one is kept', () => {
    expect(withoutEmptySecrets({ clientId: 'abc', clientSecret: '' }, oauth)).toEqual({
      clientId: 'abc',
    });
    expect(withoutEmptySecrets({ clientId: 'abc', clientSecret: undefined }, oauth)).toEqual({
      clientId: 'abc',
    });
  });

  it('sends a secret the user typed', () => {
    expect(withoutEmptySecrets({ clientSecret: 'new' }, oauth)).toEqual({ clientSecret: 'new' });
  });

  it('keeps empty non-secret fields as they are', () => {
    expect(withoutEmptySecrets({ clientId: '' }, oauth)).toEqual({ clientId: '' });
  });
});
