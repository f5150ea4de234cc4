import { connectOAuth, createCredential } from '../api/endpoints.js';
import type { CredentialSummary, CredentialTypeInfo } from '../api/types.js';
import { Icon } from '../components/Icon.js';
import { CredentialForm } from './CredentialForm.js';
import { OAuthSetup } from './OAuthSetup.js';
import { uniqueName } from './unique-name.js';

/** The add form; an OAuth2 type saves its client and then sends the browser to the provider. */
export function NewCredentialForm({
  typeInfo,
  existingNames,
  onSaved,
}: {
  typeInfo: CredentialTypeInfo;
  existingNames: readonly string[];
  onSaved: (credential: CredentialSummary) => void;
}) {
  const isOAuth = typeInfo.kind === 'oauth2';
  const provider = typeInfo.oauth?.displayName ?? typeInfo.displayName;

  const submit = async (name: string, data: Record<string, unknown>) => {
    const request = { name, type: typeInfo.type, data };
    if (!isOAuth) {
      onSaved(await createCredential(request));
      return;
    }
    const { credential, authorizationUrl } = await connectOAuth(request);
    // The provider sends the browser back to /oauth/callback, which lands on /credentials?connected=<id>.
    if (authorizationUrl) window.location.assign(authorizationUrl);
    else onSaved(credential);
  };

  return (
    <CredentialForm
      typeInfo={typeInfo}
      initialName={uniqueName(typeInfo.displayName, existingNames)}
      initialData={{}}
      submitLabel={
        isOAuth ? (
          <>
            <Icon name="link" size={16} />
            Connect with {provider}
          </>
        ) : (
          'Save and test'
        )
      }
      busyLabel={isOAuth ? `Opening ${provider}…` : 'Saving…'}
      onSubmit={submit}
      aside={isOAuth ? <OAuthSetup typeInfo={typeInfo} /> : null}
    />
  );
}
