import { useState } from 'react';
import { toErrorBody } from '../api/client.js';
import { deleteCredential } from '../api/endpoints.js';
import type { ApiErrorBody, CredentialSummary } from '../api/types.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorNotice } from '../components/ErrorNotice.js';

export interface DeleteOutcome {
  name: string;
  revoked: boolean | null;
}

export function DeleteCredentialDialog({
  credential,
  onCancel,
  onDeleted,
}: {
  credential: CredentialSummary;
  onCancel: () => void;
  onDeleted: (outcome: DeleteOutcome) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody>();

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await deleteCredential(credential.id);
      onDeleted({ name: credential.name, revoked: result.revoked });
    } catch (failure) {
      setError(toErrorBody(failure));
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      title={`Delete “${credential.name}”?`}
      confirmLabel="Delete credential"
      danger
      busy={busy}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <p>
        Workflows that use it will fail until they are given another credential. This cannot be
        undone.
      </p>
      {credential.kind === 'oauth2' ? (
        <p>Its OAuth tokens are revoked with the provider too, where the provider allows it.</p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </ConfirmDialog>
  );
}
