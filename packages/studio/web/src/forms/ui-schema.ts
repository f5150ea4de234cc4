import {
  hintsOf,
  isObjectSchema,
  isSecret,
  type JsonSchema,
  propertiesOf,
  unionOf,
} from './hints.js';

/** An rjsf uiSchema, kept as plain data so this mapping stays a pure function. */
export type UiSchema = { [key: string]: unknown };

export interface UiSchemaOptions {
  /** Secret fields that already hold a saved value (editing a credential). */
  savedSecrets?: readonly string[];
}

export const SAVED_SECRET_PLACEHOLDER = 'saved — leave empty to keep';

/** The names of the custom widgets and fields SchemaForm registers with rjsf. */
export const CUSTOM = { codeWidget: 'code', jsonField: 'json', binaryField: 'binary' } as const;

/**
 * Maps the `x-knotwork` hints of an object schema's fields to an rjsf uiSchema: secrets
 * become password inputs, `text`/`code` textareas, `json`/`binary` custom fields, and
 * `advanced` fields are flagged for the "Advanced" section.
 */
export function toUiSchema(schema: JsonSchema, options: UiSchemaOptions = {}): UiSchema {
  const saved = new Set(options.savedSecrets ?? []);
  const ui: UiSchema = {};
  for (const [name, property] of Object.entries(propertiesOf(schema))) {
    const fieldUi = uiForField(property);
    if (saved.has(name) && isSecret(property)) fieldUi['ui:placeholder'] = SAVED_SECRET_PLACEHOLDER;
    if (Object.keys(fieldUi).length > 0) ui[name] = fieldUi;
  }
  return ui;
}

function uiForField(schema: JsonSchema): UiSchema {
  const hints = hintsOf(schema);
  const ui: UiSchema = {};
  if (hints.placeholder) ui['ui:placeholder'] = hints.placeholder;
  if (hints.advanced) ui['ui:advanced'] = true;

  if (isSecret(schema)) {
    ui['ui:widget'] = 'password';
    // Keeps the browser from filling in a saved login password.
    ui['ui:autocomplete'] = 'new-password';
    return ui;
  }

  switch (hints.field) {
    // These fields take the whole value, unions included; without the second key rjsf would
    // also render its own "which option?" selector under them.
    case 'json':
      return { ...ui, 'ui:field': CUSTOM.jsonField, 'ui:fieldReplacesAnyOrOneOf': true };
    case 'binary':
      return { ...ui, 'ui:field': CUSTOM.binaryField, 'ui:fieldReplacesAnyOrOneOf': true };
    case 'credential':
      // The playground picks the credential above the form.
      ui['ui:widget'] = 'hidden';
      return ui;
    case 'select':
      if (Array.isArray(schema.enum)) {
        ui['ui:widget'] = 'select';
        // The empty choice of a select without a default: the plugin's own default applies.
        ui['ui:placeholder'] ??= 'Not set';
      }
      break;
    case 'text':
      if (schema.type === 'string') Object.assign(ui, { 'ui:widget': 'textarea', 'ui:rows': 4 });
      break;
    case 'code':
      if (schema.type === 'string')
        Object.assign(ui, { 'ui:widget': CUSTOM.codeWidget, 'ui:rows': 6 });
      break;
    case 'datetime':
      if (schema.type === 'string') ui['ui:widget'] = 'datetime';
      break;
    case 'url':
      if (schema.type === 'string') ui['ui:widget'] = 'uri';
      break;
    case 'email':
      // A bare type=email input would flag "Ann <ann@example.com>, bob@example.com" as wrong.
      if (schema.type === 'string' && schema.format === 'email') ui['ui:widget'] = 'email';
      break;
  }

  if (schema.type === 'object') Object.assign(ui, toUiSchema(schema));
  if (schema.type === 'array' && isObjectSchema(schema.items)) {
    const itemUi = uiForField(schema.items);
    if (Object.keys(itemUi).length > 0) ui.items = itemUi;
  }
  const union = unionOf(schema);
  if (union) {
    ui[schema.anyOf ? 'anyOf' : 'oneOf'] = union.map((option) => ({
      ...uiForField(option),
      'ui:title': optionTitle(option),
    }));
  }
  return ui;
}

/** What the "which kind of value?" selector calls a union member. */
export function optionTitle(option: JsonSchema): string {
  if (typeof option.title === 'string') return option.title;
  if (hintsOf(option).field === 'binary') return 'File';
  switch (option.type) {
    case 'string':
      return 'Text';
    case 'number':
    case 'integer':
      return 'Number';
    case 'boolean':
      return 'Yes / no';
    case 'null':
      return 'None';
    case 'array':
      return 'List';
    default:
      return 'Object';
  }
}
