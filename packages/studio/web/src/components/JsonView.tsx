import { Fragment, type ReactNode } from 'react';
import { binaryUrl } from '../api/endpoints.js';
import { formatBytes } from '../format/time.js';
import { Icon } from './Icon.js';

/** What a run's output holds in place of a file: `{ "$binary": id, fileName, mimeType, size }`. */
interface BinaryPlaceholder {
  $binary: string;
  fileName?: string;
  mimeType?: string;
  size?: number;
}

function isBinaryPlaceholder(value: unknown): value is BinaryPlaceholder {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { $binary?: unknown }).$binary === 'string'
  );
}

/** Formatted, coloured JSON; files in it are download links. */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  return (
    // A scrollable region must be reachable by keyboard, and named for screen readers.
    <section className="json-view" aria-label={label}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: see above */}
      <pre tabIndex={0}>
        <code>{renderValue(value, 0)}</code>
      </pre>
    </section>
  );
}

const indent = (depth: number) => '  '.repeat(depth);

function renderValue(value: unknown, depth: number): ReactNode {
  if (isBinaryPlaceholder(value)) return <BinaryLink file={value} />;
  if (value === null || value === undefined) return <span className="json-null">null</span>;
  if (typeof value === 'string')
    return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-boolean">{String(value)}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return (
      <>
        {'[\n'}
        {value.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: array positions are the identity here
          <Fragment key={index}>
            {indent(depth + 1)}
            {renderValue(item, depth + 1)}
            {index < value.length - 1 ? ',\n' : '\n'}
          </Fragment>
        ))}
        {`${indent(depth)}]`}
      </>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return (
    <>
      {'{\n'}
      {entries.map(([key, item], index) => (
        <Fragment key={key}>
          {indent(depth + 1)}
          <span className="json-key">{JSON.stringify(key)}</span>
          {': '}
          {renderValue(item, depth + 1)}
          {index < entries.length - 1 ? ',\n' : '\n'}
        </Fragment>
      ))}
      {`${indent(depth)}}`}
    </>
  );
}

function BinaryLink({ file }: { file: BinaryPlaceholder }) {
  const details = [file.mimeType, formatBytes(file.size)].filter(Boolean).join(', ');
  return (
    <a className="json-binary" href={binaryUrl(file.$binary)} download={file.fileName ?? true}>
      <Icon name="download" size={14} />
      {file.fileName ?? 'file'}
      {details ? <span className="json-binary-details"> ({details})</span> : null}
    </a>
  );
}
