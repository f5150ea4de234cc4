import type { IconButtonProps, SubmitButtonProps } from '@rjsf/utils';
import { Icon, type IconName } from '../../components/Icon.js';

// rjsf's own buttons draw Bootstrap glyph fonts this app does not load; these use its icons.

function IconOnlyButton({
  icon,
  label,
  flip,
  props,
}: {
  icon: IconName;
  label: string;
  flip?: boolean;
  props: IconButtonProps;
}) {
  const {
    uiSchema: _ui,
    registry: _registry,
    iconType: _type,
    icon: _icon,
    className,
    ...rest
  } = props;
  return (
    <button
      type="button"
      className={`btn btn-ghost btn-icon btn-sm ${className ?? ''}`}
      title={label}
      {...rest}
    >
      <Icon name={icon} size={16} label={label} className={flip ? 'flip' : undefined} />
    </button>
  );
}

export function RemoveButton(props: IconButtonProps) {
  return <IconOnlyButton icon="trash" label="Remove" props={props} />;
}

export function CopyButton(props: IconButtonProps) {
  return <IconOnlyButton icon="copy" label="Duplicate" props={props} />;
}

export function ClearButton(props: IconButtonProps) {
  return <IconOnlyButton icon="close" label="Clear" props={props} />;
}

export function MoveUpButton(props: IconButtonProps) {
  return <IconOnlyButton icon="chevron" label="Move up" flip props={props} />;
}

export function MoveDownButton(props: IconButtonProps) {
  return <IconOnlyButton icon="chevron" label="Move down" props={props} />;
}

export function AddButton(props: IconButtonProps) {
  const {
    uiSchema: _ui,
    registry: _registry,
    iconType: _type,
    icon: _icon,
    className,
    ...rest
  } = props;
  return (
    <button type="button" className={`btn btn-secondary btn-sm ${className ?? ''}`} {...rest}>
      <Icon name="plus" size={16} />
      Add
    </button>
  );
}

/** The pages bring their own buttons (Save, Connect, Run), so rjsf's submit button stays out. */
export function SubmitButton(_props: SubmitButtonProps) {
  return null;
}
