import { describe, expect, it } from 'vitest';
import {
  optionTitle,
  SAVED_SECRET_PLACEHOLDER,
  toUiSchema,
} from '../../web/src/forms/ui-schema.js';
import { credentialSchema, nodeInput } from './manifests.js';

const JSON_FIELD = { 'ui:field': 'json', 'ui:fieldReplacesAnyOrOneOf': true };
const BINARY_FIELD = { 'ui:field': 'binary', 'ui:fieldReplacesAnyOrOneOf': true };

describe('toUiSchema', () => {
  const postgres = toUiSchema(credentialSchema('postgres.connection'));

  it('masks secret fields and keeps the browser from filling in a saved password', () => {
    expect(postgres.password).toEqual({
      'ui:widget': 'password',
      'ui:autocomplete': 'new-password',
    });
    expect(postgres.url).toMatchObject({ 'ui:widget': 'password' });
  });

  it('keeps a secret field its placeholder', () => {
    expect(postgres.url).toMatchObject({
      'ui:placeholder': 'postgres://user:password@db.example.com:5432/app?sslmode=verify-full',
    });
  });

  it('says a saved secret can be left empty when editing', () => {
    const ui = toUiSchema(credentialSchema('postgres.connection'), { savedSecrets: ['password'] });
    expect(ui.password).toMatchObject({ 'ui:placeholder': SAVED_SECRET_PLACEHOLDER });
    expect(ui.url).not.toMatchObject({ 'ui:placeholder': SAVED_SECRET_PLACEHOLDER });
  });

  it('renders select hints as a select whose empty choice reads "Not set"', () => {
    expect(postgres.ssl).toEqual({ 'ui:widget': 'select', 'ui:placeholder': 'Not set' });
  });

  it('flags advanced fields for the "Advanced" fold and keeps their other hints', () => {
    expect(postgres.ca).toEqual({
      'ui:placeholder': '-----BEGIN CERTIFICATE-----',
      'ui:advanced': true,
      'ui:widget': 'textarea',
      'ui:rows': 4,
    });
    expect(postgres.poolSize).toEqual({ 'ui:advanced': true });
    expect(postgres.host).toEqual({ 'ui:placeholder': 'db.example.com' });
  });

  it('leaves fields without hints out', () => {
    expect(postgres).not.toHaveProperty('port');
  });

  it('gives code a monospaced editor, text a textarea and JSON its own field', () => {
    const query = toUiSchema(nodeInput('postgres.query'));
    expect(query.sql).toMatchObject({ 'ui:widget': 'code', 'ui:rows': 6 });
    expect(query.parameters).toEqual(JSON_FIELD);
    const slack = toUiSchema(nodeInput('slack.sendMessage'));
    expect(slack.text).toEqual({ 'ui:widget': 'textarea', 'ui:rows': 4 });
    expect(slack.blocks).toEqual(JSON_FIELD);
  });

  it('renders binary fields as a file picker, also inside lists', () => {
    const ui = toUiSchema({
      type: 'object',
      properties: {
        photo: { type: 'object', 'x-knotwork': { field: 'binary' } },
        attachments: {
          type: 'array',
          items: {
            type: 'object',
            properties: { file: { type: 'object', 'x-knotwork': { field: 'binary' } } },
          },
        },
      },
    });
    expect(ui.photo).toEqual(BINARY_FIELD);
    expect(ui.attachments).toEqual({ items: { file: BINARY_FIELD } });
  });

  it('hides a credential reference, which the playground picks above the form', () => {
    const ui = toUiSchema({
      type: 'object',
      properties: { credential: { type: 'string', 'x-knotwork': { field: 'credential' } } },
    });
    expect(ui.credential).toEqual({ 'ui:widget': 'hidden' });
  });

  it('does not use an e-mail input for a field that takes several addresses with names', () => {
    const ui = toUiSchema({
      type: 'object',
      properties: {
        to: { type: 'string', 'x-knotwork': { field: 'email' } },
        from: { type: 'string', format: 'email', 'x-knotwork': { field: 'email' } },
      },
    });
    expect(ui).not.toHaveProperty('to');
    expect(ui.from).toEqual({ 'ui:widget': 'email' });
  });

  it('names the members of a union it could not simplify', () => {
    const ui = toUiSchema({
      type: 'object',
      properties: {
        content: {
          anyOf: [{ type: 'object', 'x-knotwork': { field: 'binary' } }, { type: 'string' }],
        },
      },
    });
    expect(ui.content).toEqual({
      anyOf: [{ ...BINARY_FIELD, 'ui:title': 'File' }, { 'ui:title': 'Text' }],
    });
  });

  it('describes union members by their type', () => {
    expect(optionTitle({ type: 'integer' })).toBe('Number');
    expect(optionTitle({ type: 'array' })).toBe('List');
    expect(optionTitle({ type: 'null' })).toBe('None');
    expect(optionTitle({ title: 'Raw text', type: 'string' })).toBe('Raw text');
  });
});
