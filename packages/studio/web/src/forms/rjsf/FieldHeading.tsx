import { descriptionId, type FieldPathId } from '@rjsf/utils';

/** Label and description for the custom fields, which rjsf leaves to render their own. */
export function FieldHeading({
  fieldPathId,
  label,
  required,
  description,
  badge,
}: {
  fieldPathId: FieldPathId;
  label: string;
  required: boolean | undefined;
  description: unknown;
  /** What kind of value the control takes, when its look does not say (JSON). */
  badge?: string;
}) {
  return (
    <>
      <label className="control-label" htmlFor={fieldPathId.$id}>
        {label}
        {required ? <span className="required">*</span> : null}
        {badge ? <span className="tag label-tag">{badge}</span> : null}
      </label>
      {typeof description === 'string' && description ? (
        <div id={descriptionId(fieldPathId)} className="field-description">
          {description}
        </div>
      ) : null}
    </>
  );
}
