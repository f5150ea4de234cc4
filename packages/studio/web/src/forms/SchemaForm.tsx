import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, UiSchema as RjsfUiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { type Ref, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { ErrorTree } from './field-errors.js';
import { toFormSchema } from './form-schema.js';
import { friendlyMessage } from './friendly-errors.js';
import type { JsonSchema } from './hints.js';
import { ArrayFieldItemTemplate, ArrayFieldTemplate } from './rjsf/ArrayTemplates.js';
import { BinaryField } from './rjsf/BinaryField.js';
import {
  AddButton,
  ClearButton,
  CopyButton,
  MoveDownButton,
  MoveUpButton,
  RemoveButton,
  SubmitButton,
} from './rjsf/ButtonTemplates.js';
import { CodeWidget } from './rjsf/CodeWidget.js';
import { JsonField } from './rjsf/JsonField.js';
import { ObjectFieldTemplate } from './rjsf/ObjectFieldTemplate.js';
import { CUSTOM, toUiSchema } from './ui-schema.js';

export type FormData = Record<string, unknown>;

/**
 * rjsf's own focusing looks the field up in `<form>.elements`, which this form (a <div>
 * inside the page's form) does not have; ids follow rjsf's `<prefix>_<path>` scheme.
 */
function focusField(idPrefix: string, property: string | undefined): void {
  const path = (property ?? '')
    .replace(/\[['"]?([^'"\]]+)['"]?\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  const id = [idPrefix, ...path].join('_');
  const field =
    document.getElementById(id) ?? document.querySelector<HTMLElement>(`[id^="${CSS.escape(id)}"]`);
  field?.focus();
}

export interface SchemaFormHandle {
  /** Shows every field's problems and focuses the first; true when there are none. */
  validate: () => boolean;
}

const templates = {
  ObjectFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  ButtonTemplates: {
    AddButton,
    RemoveButton,
    CopyButton,
    MoveUpButton,
    MoveDownButton,
    ClearButton,
    SubmitButton,
  },
};
const widgets = { [CUSTOM.codeWidget]: CodeWidget };
const fields = { [CUSTOM.jsonField]: JsonField, [CUSTOM.binaryField]: BinaryField };

/**
 * The fields of a plugin's JSON Schema as a form (rjsf), laid out by its `x-knotwork`
 * hints. It renders inside the page's own <form>, which also holds the credential name or
 * picker and the buttons, and asks `validate()` before it sends anything.
 */
export function SchemaForm({
  ref,
  schema,
  formData,
  onChange,
  savedSecrets,
  extraErrors,
  idPrefix,
  disabled,
}: {
  ref?: Ref<SchemaFormHandle>;
  schema: JsonSchema;
  formData: FormData;
  onChange: (data: FormData) => void;
  savedSecrets?: readonly string[];
  extraErrors?: ErrorTree | undefined;
  idPrefix: string;
  disabled?: boolean;
}) {
  const form = useRef<Form<FormData>>(null);
  // Until the first attempt, problems wait for the user to finish; after it, they clear as fixed.
  const [attempted, setAttempted] = useState(false);
  const formSchema = useMemo(() => toFormSchema(schema) as RJSFSchema, [schema]);
  const uiSchema = useMemo(
    () => toUiSchema(formSchema, savedSecrets ? { savedSecrets } : {}) as RjsfUiSchema<FormData>,
    [formSchema, savedSecrets],
  );

  useImperativeHandle(ref, () => ({
    validate: () => {
      setAttempted(true);
      return form.current?.validateForm() ?? true;
    },
  }));

  return (
    <Form<FormData>
      ref={form}
      tagName="div"
      className="schema-form"
      idPrefix={idPrefix}
      schema={formSchema}
      uiSchema={uiSchema}
      formData={formData}
      validator={validator}
      templates={templates}
      widgets={widgets}
      fields={fields}
      // A list with minItems would otherwise start as [null], which no node accepts.
      // A `const` says what a value must be when given (Telegram's force_reply: true), not
      // that it is given: prefilling it would switch options on that the user never chose.
      experimental_defaultFormStateBehavior={{
        arrayMinItems: { populate: 'never' },
        constAsDefaults: 'never',
      }}
      showErrorList={false}
      noHtml5Validate
      focusOnFirstError={(error) => focusField(idPrefix, error.property)}
      liveValidate={attempted ? 'onChange' : undefined}
      extraErrors={extraErrors as ErrorSchema<FormData> | undefined}
      disabled={disabled}
      onChange={(event) => onChange(event.formData ?? {})}
      // Problems are shown on the fields; without a handler rjsf also logs them to the console.
      onError={() => {}}
      transformErrors={(errors) =>
        errors.map((error) => ({ ...error, message: friendlyMessage(error) ?? error.message }))
      }
    />
  );
}
