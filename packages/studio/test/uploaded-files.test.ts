import { binaryJsonSchema, isBinaryData } from '@knotwork/sdk';
import { describe, expect, test } from 'vitest';
import { withUploadedFiles } from '../src/server/uploaded-files.js';

const picked = (text: string, fileName = 'a.txt') => ({
  kind: 'binary',
  fileName,
  mimeType: 'text/plain',
  size: text.length,
  base64: Buffer.from(text).toString('base64'),
});

const textOf = (value: unknown) =>
  isBinaryData(value) ? Buffer.from(value.bytes ?? []).toString() : `not a file: ${value}`;

// The shapes of real manifests' binary fields.
const sendPhoto = { type: 'object', properties: { photoFile: binaryJsonSchema } };
const s3Upload = {
  type: 'object',
  properties: { content: { anyOf: [binaryJsonSchema, { type: 'string' }] } },
};
const emailSend = {
  type: 'object',
  properties: {
    attachments: {
      type: 'array',
      items: { type: 'object', properties: { file: binaryJsonSchema } },
    },
  },
};

describe('files the playground uploads', () => {
  test('become files where the schema has a binary field, directly or in a branch', () => {
    const photo = withUploadedFiles({ photoFile: picked('photo') }, sendPhoto) as {
      photoFile: unknown;
    };
    expect(textOf(photo.photoFile)).toBe('photo');
    const s3 = withUploadedFiles({ content: picked('object') }, s3Upload) as { content: unknown };
    expect(textOf(s3.content)).toBe('object');
  });

  test('become files inside arrays, each with its name and type', () => {
    const mail = withUploadedFiles(
      { attachments: [{ file: picked('one', '1.txt') }, { file: picked('two', '2.txt') }] },
      emailSend,
    ) as { attachments: Array<{ file: { fileName: string; mimeType: string } }> };
    expect(
      mail.attachments.map(({ file }) => [file.fileName, file.mimeType, textOf(file)]),
    ).toEqual([
      ['1.txt', 'text/plain', 'one'],
      ['2.txt', 'text/plain', 'two'],
    ]);
  });

  test('stay as typed where the schema has no binary field', () => {
    const input = { content: 'text', note: picked('not a file here') };
    expect(withUploadedFiles(input, s3Upload)).toEqual(input);
  });

  test('name the bad field with its index in an array', () => {
    expect(() =>
      withUploadedFiles(
        { attachments: [{ file: picked('ok') }, { file: { ...picked('x'), base64: '%%' } }] },
        emailSend,
      ),
    ).toThrow(
      expect.objectContaining({
        fields: [expect.objectContaining({ path: 'input.attachments.1.file.base64' })],
      }),
    );
  });
});
