import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EquipmentId } from '../shared/ids';

/** `{equipmentId: secret}`, as `galley device add --json` output can be collected into. */
export const CredentialsFile = z.record(EquipmentId, z.string().min(1));
export type CredentialsFile = z.infer<typeof CredentialsFile>;

/** Looks up an equipment's secret; undefined = not provisioned. */
export type CredentialSource = (equipmentId: string) => string | undefined;

export class CredentialsError extends Error {
  readonly code = 'CREDENTIALS_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsError';
  }
}

export function loadCredentials(file: string): CredentialSource {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CredentialsError(`cannot read credentials ${file}: ${(err as Error).message}`);
  }
  const parsed = CredentialsFile.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`,
    );
    throw new CredentialsError(`invalid credentials ${file}: ${problems.join('; ')}`);
  }
  const secrets = new Map(Object.entries(parsed.data));
  return (equipmentId) => secrets.get(equipmentId);
}
