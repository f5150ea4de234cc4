import { type ComponentProps, lazy, Suspense } from 'react';
import { Loading } from '../components/Loading.js';
import type { SchemaForm as SchemaFormType } from './SchemaForm.js';

// rjsf and its JSON Schema validator are most of the bundle; the catalog, the first page a
// new user sees, loads without them.
const SchemaForm = lazy(async () => ({ default: (await import('./SchemaForm.js')).SchemaForm }));

export function LazySchemaForm(props: ComponentProps<typeof SchemaFormType>) {
  return (
    <Suspense fallback={<Loading label="Loading the form…" rows={2} />}>
      <SchemaForm {...props} />
    </Suspense>
  );
}
