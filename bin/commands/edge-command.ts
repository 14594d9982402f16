import { EdgeApp } from '../../edge/app/edge-app';
import { favourSmallHeap } from '../../edge/runtime/small-heap';
import { TlsMaterialError } from '../../edge/tls/certificate-authority';
import { TlsToolError } from '../../edge/tls/openssl';
import type { CommandIo } from '../../shared/server/command-io';
import { ConfigError, loadStoreConfig } from '../../shared/server/config/load-store-config';
import { containProcessFaults } from '../../shared/server/runtime/fault-containment';
import { createRootLogger } from '../../shared/server/runtime/logger';
import { missingDaemonEnvironment } from './daemon-environment';
import { EDGE_USAGE, parseEdgeOptions, UsageError } from './edge-options';

/** `galley edge`: runs until SIGINT/SIGTERM, then stops cleanly (everything acknowledged is committed). */
export async function runEdgeCommand(argv: string[], io: CommandIo): Promise<number> {
  if (argv[0] === 'restore')
    return (await import('./edge-restore-command')).runEdgeRestoreCommand(argv.slice(1), io);
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(EDGE_USAGE);
    return 0;
  }
  favourSmallHeap();
  let app: EdgeApp;
  const logger = createRootLogger('galley-edge');
  const environment = missingDaemonEnvironment(process.env);
  if (environment) logger.warn(environment);
  try {
    const options = parseEdgeOptions(argv);
    const config = loadStoreConfig(options.configFile);
    app = new EdgeApp({ ...options, config, logger });
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      io.stderr.write(`galley edge: ${err.message}\n\n${err instanceof UsageError ? EDGE_USAGE : ''}`);
      return 2;
    }
    throw err;
  }
  try {
    await app.start();
  } catch (err) {
    // Commissioning the store CA needs openssl and an intact tls/ folder: say which, and stop.
    if (err instanceof TlsToolError || err instanceof TlsMaterialError) {
      io.stderr.write(`galley edge: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  // Only once running: a failure to start must still end the process with an error.
  containProcessFaults(logger);
  const reload = () => {
    app.reloadConfig();
    // Also picks up a server certificate `galley tls rotate-server` just wrote.
    app.tls?.check().catch((err: unknown) => logger.error({ err }, 'server certificate check failed'));
  };
  process.on('SIGHUP', reload);
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'stopping');
      resolve();
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  process.off('SIGHUP', reload);
  await app.stop();
  return 0;
}
