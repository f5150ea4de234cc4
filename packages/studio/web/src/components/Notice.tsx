import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon.js';

type Tone = 'success' | 'error' | 'info' | 'warning';

const ICONS: Record<Tone, IconName> = {
  success: 'check',
  error: 'alert',
  info: 'info',
  warning: 'alert',
};

/** A boxed message; errors and warnings are announced to screen readers as they appear. */
export function Notice({
  tone,
  title,
  children,
  onDismiss,
}: {
  tone: Tone;
  title: ReactNode;
  children?: ReactNode;
  onDismiss?: () => void;
}) {
  return (
    <div
      className={`notice notice-${tone}`}
      role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'}
    >
      <span className="notice-icon">
        <Icon name={ICONS[tone]} />
      </span>
      <div className="notice-body">
        <p className="notice-title">{title}</p>
        {children}
      </div>
      {onDismiss ? (
        <button type="button" className="btn btn-ghost btn-icon notice-close" onClick={onDismiss}>
          <Icon name="close" label="Dismiss" />
        </button>
      ) : null}
    </div>
  );
}
