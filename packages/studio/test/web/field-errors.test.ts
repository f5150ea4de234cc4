import { describe, expect, it } from 'vitest';
import { toErrorTree } from '../../web/src/forms/field-errors.js';

describe('toErrorTree', () => {
  it('puts a credential problem on its field', () => {
    expect(toErrorTree([{ path: 'data.port', message: 'Too big' }], 'data')).toEqual({
      port: { __errors: ['Too big'] },
    });
  });

  it('follows list positions, dotted or in brackets', () => {
    expect(
      toErrorTree(
        [
          { path: 'input.items.0.name', message: 'Required' },
          { path: 'input.items[1].name', message: 'Too long' },
        ],
        'input',
      ),
    ).toEqual({
      items: { 0: { name: { __errors: ['Required'] } }, 1: { name: { __errors: ['Too long'] } } },
    });
  });

  it('keeps every message of a field', () => {
    expect(
      toErrorTree(
        [
          { path: 'data.url', message: 'Not a URL' },
          { path: 'data.url', message: 'Use https' },
        ],
        'data',
      ),
    ).toEqual({ url: { __errors: ['Not a URL', 'Use https'] } });
  });

  it('accepts paths without the body key and JSON Pointer-style paths', () => {
    expect(toErrorTree([{ path: 'channel', message: 'Unknown channel' }], 'input')).toEqual({
      channel: { __errors: ['Unknown channel'] },
    });
    expect(toErrorTree([{ path: '/data/host', message: 'Unreachable' }], 'data')).toEqual({
      host: { __errors: ['Unreachable'] },
    });
  });

  it('puts a problem with the value as a whole on the form', () => {
    expect(toErrorTree([{ path: 'data', message: 'Give a URL or a host' }], 'data')).toEqual({
      __errors: ['Give a URL or a host'],
    });
  });
});
