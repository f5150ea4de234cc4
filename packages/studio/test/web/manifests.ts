// The real plugin manifests, so the form mapping is tested against the schemas users meet.
import postgres from '@knotwork/plugin-postgres/knotwork.manifest.json' with { type: 'json' };
import slack from '@knotwork/plugin-slack/knotwork.manifest.json' with { type: 'json' };
import webhook from '@knotwork/plugin-webhook/knotwork.manifest.json' with { type: 'json' };

type Schema = Record<string, unknown>;
interface Manifest {
  nodes: { key: string; input?: unknown }[];
  credentials: { type: string; schema: unknown }[];
}

const manifests = [postgres, slack, webhook] as unknown as Manifest[];

export function nodeInput(key: string): Schema {
  const node = manifests.flatMap((m) => m.nodes).find((n) => n.key === key);
  if (!node?.input) throw new Error(`No node ${key} in the test manifests`);
  return node.input as Schema;
}

export function credentialSchema(type: string): Schema {
  const credential = manifests.flatMap((m) => m.credentials).find((c) => c.type === type);
  if (!credential) throw new Error(`No credential type ${type} in the test manifests`);
  return credential.schema as Schema;
}
