/** A plugin's icon in a soft tile; its initials when the plugin ships none. */
export function PluginIcon({
  icon,
  name,
  size = 'md',
}: {
  icon: string | null | undefined;
  name: string;
  size?: 'sm' | 'md' | 'lg';
}) {
  const source = iconSource(icon);
  return (
    <span className={`plugin-icon plugin-icon-${size}`} aria-hidden="true">
      {source ? <img src={source} alt="" /> : <span>{initials(name)}</span>}
    </span>
  );
}

/** API.md promises a data: URL; a manifest's raw <svg> is accepted too so both read alike. */
function iconSource(icon: string | null | undefined): string | undefined {
  if (!icon) return undefined;
  if (icon.startsWith('data:')) return icon;
  if (icon.trimStart().startsWith('<svg'))
    return `data:image/svg+xml;utf8,${encodeURIComponent(icon)}`;
  return undefined;
}

function initials(name: string): string {
  return name
    .split(/[\s&()-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join('');
}
