import {
  canExpand,
  descriptionId,
  type ErrorSchema,
  getTemplate,
  getUiOptions,
  type ObjectFieldTemplateProps,
  type UiSchema,
} from '@rjsf/utils';

/**
 * An object's fields, with the ones a plugin marked `advanced` folded under "Advanced" so a
 * new user sees only what they must fill in. The fold opens by itself when a field in it
 * has an error, so no problem is hidden.
 */
export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const {
    title,
    description,
    properties,
    uiSchema,
    fieldPathId,
    registry,
    schema,
    required,
    errorSchema,
    formData,
    disabled,
    readonly,
    onAddProperty,
  } = props;
  const isAdvanced = (name: string) =>
    (uiSchema?.[name] as UiSchema | undefined)?.['ui:advanced'] === true;
  const basic = properties.filter((property) => !isAdvanced(property.name));
  const advanced = properties.filter((property) => isAdvanced(property.name) && !property.hidden);
  const advancedHasErrors = advanced.some((property) => hasErrors(errorSchema?.[property.name]));
  const { AddButton } = registry.templates.ButtonTemplates;
  const DescriptionFieldTemplate = getTemplate(
    'DescriptionFieldTemplate',
    registry,
    getUiOptions(uiSchema),
  );

  const fields = (
    <>
      {basic.map((property) => property.content)}
      {advanced.length > 0 ? (
        <details className="advanced" open={advancedHasErrors || undefined}>
          <summary>
            Advanced <span className="advanced-count">{advanced.length} more</span>
          </summary>
          <div className="advanced-body">{advanced.map((property) => property.content)}</div>
        </details>
      ) : null}
      {canExpand(schema, uiSchema, formData) ? (
        <AddButton
          className="rjsf-object-property-expand"
          onClick={onAddProperty}
          disabled={disabled || readonly}
          uiSchema={uiSchema}
          registry={registry}
        />
      ) : null}
    </>
  );

  if (fieldPathId.path.length === 0) {
    return (
      <div className="form-fields" id={fieldPathId.$id}>
        {fields}
      </div>
    );
  }
  return (
    <fieldset className="form-fieldset" id={fieldPathId.$id}>
      {title ? (
        <legend>
          {title}
          {required ? <span className="required">*</span> : null}
        </legend>
      ) : null}
      {description ? (
        <DescriptionFieldTemplate
          id={descriptionId(fieldPathId)}
          description={description}
          schema={schema}
          uiSchema={uiSchema}
          registry={registry}
        />
      ) : null}
      {fields}
    </fieldset>
  );
}

function hasErrors(tree: ErrorSchema | undefined): boolean {
  if (!tree || typeof tree !== 'object') return false;
  return Object.entries(tree).some(([key, value]) =>
    key === '__errors' ? Array.isArray(value) && value.length > 0 : hasErrors(value as ErrorSchema),
  );
}
