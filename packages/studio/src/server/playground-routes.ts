import { z } from 'zod';
import { ApiError } from './api-error.js';
import { runBody, runResponse } from './api-schemas.js';
import { installedCredentialType, nodeSummary } from './catalog-entries.js';
import { credentialRedactor, redactBytes } from './credential-redactor.js';
import { runInPlayground } from './playground-run.js';
import type { StudioContext } from './studio-context.js';
import { RUN_BODY_LIMIT, runBodyTooLarge, withUploadedFiles } from './uploaded-files.js';

export function registerPlaygroundRoutes({ routes, workspace, binaries }: StudioContext): void {
  const { host, manager } = workspace;
  const manifestOf = (type: string) => installedCredentialType(host, type);

  routes.add(
    {
      method: 'POST',
      url: '/api/nodes/:key/run',
      summary: 'Run a node (or one poll of a polling trigger); a failed run is a normal answer',
      tag: 'playground',
      params: z.object({ key: z.string() }),
      body: runBody,
      response: runResponse,
      errors: [400, 404, 413],
      bodyLimit: { bytes: RUN_BODY_LIMIT, tooLarge: runBodyTooLarge },
    },
    async ({ params, body, reply }) => {
      const manifest = host.node(params.key);
      const node = nodeSummary(manifest);
      if (node.kind === 'webhook') {
        throw new ApiError(400, {
          code: 'not_runnable',
          message: `${node.key} is a webhook trigger: it runs when a request arrives, not on demand`,
          hint: 'Try it in a workflow with a webhook URL, or send it a request with the CLI.',
        });
      }
      const input = withUploadedFiles(body.input, manifest.input);
      const credential = body.credentialId
        ? await manager.getCredential(body.credentialId)
        : undefined;
      const redactor = credential
        ? credentialRedactor(credential, manifestOf(credential.summary.type))
        : undefined;
      // A browser that gives up (closed tab, navigated away) stops the run too.
      const abort = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableFinished) abort.abort(new Error('the browser went away'));
      };
      reply.raw.once('close', onClose);
      try {
        const result = await runInPlayground(host, binaries, {
          nodeKey: node.key,
          kind: node.kind,
          input,
          signal: abort.signal,
          ...(credential ? { credentialId: credential.summary.id } : {}),
          ...(redactor
            ? {
                cleanFile: (bytes: Uint8Array, mimeType: string) =>
                  redactBytes(redactor, bytes, mimeType),
              }
            : {}),
        });
        return redactor ? redactor.redactValue(result) : result;
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/binaries/:id',
      summary: 'Download a file a playground run produced (kept up to 15 minutes)',
      tag: 'playground',
      params: z.object({ id: z.string() }),
      response: 'binary',
      errors: [404],
    },
    async ({ params, reply }) => {
      const file = binaries.get(params.id);
      if (!file) {
        throw new ApiError(404, {
          code: 'binary_not_found',
          message: 'This file is no longer kept',
          hint: 'Files from playground runs are kept for 15 minutes (100 MB in all): run the node again.',
        });
      }
      return (
        reply
          .header('content-type', safeMimeType(file.mimeType))
          .header('content-disposition', attachment(file.fileName))
          // A file is the node's output, not the studio's page: never let it run as one.
          .header('content-security-policy', "sandbox; default-src 'none'")
          .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength))
      );
    },
  );
}

function safeMimeType(mimeType: string): string {
  return /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+"-]+)*$/.test(mimeType)
    ? mimeType
    : 'application/octet-stream';
}

/** RFC 6266: an ASCII fallback plus the exact name in RFC 5987 form. */
function attachment(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\/]/g, '_') || 'download';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
