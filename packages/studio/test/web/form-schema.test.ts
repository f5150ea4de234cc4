import { describe, expect, it } from 'vitest';
import { toFormSchema } from '../../web/src/forms/form-schema.js';
import { nodeInput } from './manifests.js';

const property = (schema: Record<string, unknown>, name: string) =>
  (schema.properties as Record<string, Record<string, unknown>>)[name];

describe('toFormSchema', () => {
  it('offers the typed-in member of "a list, or comma-separated"', () => {
    const form = toFormSchema({
      type: 'object',
      properties: {
        labels: {
          title: 'Labels',
          'x-knotwork': { field: 'string', placeholder: 'bug, ui' },
          anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }],
        },
      },
    });
    expect(property(form, 'labels')).toEqual({
      type: 'string',
      title: 'Labels',
      'x-knotwork': { field: 'string', placeholder: 'bug, ui' },
    });
  });

  it('offers text for "a numeric id or an @name", keeping its pattern', () => {
    const form = toFormSchema({
      type: 'object',
      properties: {
        chat_id: {
          title: 'Chat',
          anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^(-?\\d+|@\\w+)$' }],
        },
      },
    });
    expect(property(form, 'chat_id')).toEqual({
      type: 'string',
      pattern: '^(-?\\d+|@\\w+)$',
      title: 'Chat',
    });
  });

  it('makes several string shapes (a date, a date-time) one plain text field', () => {
    const form = toFormSchema({
      type: 'object',
      properties: {
        since: {
          anyOf: [
            { type: 'string', format: 'date' },
            { type: 'string', format: 'date-time' },
          ],
        },
      },
    });
    expect(property(form, 'since')).toEqual({ type: 'string' });
  });

  it('drops the null of a nullable field', () => {
    const form = toFormSchema({
      type: 'object',
      properties: { limit: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] } },
    });
    expect(property(form, 'limit')).toEqual({ type: 'integer', minimum: 1 });
  });

  it('keeps a file-or-text union, so a file can still be picked', () => {
    const content = {
      anyOf: [{ type: 'object', 'x-knotwork': { field: 'binary' } }, { type: 'string' }],
    };
    expect(property(toFormSchema({ type: 'object', properties: { content } }), 'content')).toEqual(
      content,
    );
  });

  it('leaves JSON fields whole, unions included', () => {
    const input = nodeInput('postgres.query');
    const form = toFormSchema(input);
    expect(property(form, 'parameters')).toBe(property(input, 'parameters'));
    expect(property(form, 'rows')).toBe(property(input, 'rows'));
  });

  it('picks the hinted type of a multi-type field', () => {
    const form = toFormSchema({
      type: 'object',
      properties: { milestone: { type: ['number', 'string'], 'x-knotwork': { field: 'number' } } },
    });
    expect(property(form, 'milestone')).toMatchObject({ type: 'number' });
  });

  it('simplifies fields inside list items', () => {
    const form = toFormSchema({
      type: 'object',
      properties: {
        recipients: {
          type: 'array',
          items: {
            type: 'object',
            properties: { to: { anyOf: [{ type: 'array' }, { type: 'string' }] } },
          },
        },
      },
    });
    const items = property(form, 'recipients')?.items as Record<string, unknown>;
    expect(property(items, 'to')).toEqual({ type: 'string' });
  });

  it('changes nothing in a schema that has no unions', () => {
    const input = nodeInput('slack.addReaction');
    expect(toFormSchema(input)).toEqual(input);
  });
});
