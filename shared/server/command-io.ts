/**
 * What a command of the `galley` program talks through: the process's own streams
 * when run, buffers in tests. A command returns its exit code instead of exiting.
 */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Stops a long-running command when aborted; without it SIGINT/SIGTERM stop it. */
  signal?: AbortSignal;
}
