/**
 * What central's lower layers throw; the HTTP boundary turns the code into a status
 * (central-server.ts) and the CLI into an exit code with the message.
 */
export type CentralErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID'
  | 'STORE_MISMATCH'
  | 'TOKEN_REVOKED'
  | 'BAD_CREDENTIALS';

export class CentralError extends Error {
  constructor(
    readonly code: CentralErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CentralError';
  }
}
