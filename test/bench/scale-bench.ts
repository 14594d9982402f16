import { runScale, type ScaleFigure } from '../scale-run';

export interface ScaleBenchOptions {
  devices?: number;
  durationS?: number;
  maintenancePlans?: boolean;
}

/**
 * 2 000 simulated devices (by default) against one real edge process, each
 * publishing QoS 1 telemetry at 1 Hz for a minute: the load of a large store or a
 * small region on one box.
 */
export function benchScale(options: ScaleBenchOptions = {}): Promise<ScaleFigure> {
  return runScale({
    devices: options.devices ?? 2000,
    durationS: options.durationS ?? 60,
    allConnectedWithinMs: 120_000,
    maintenancePlans: options.maintenancePlans,
  });
}

export function scaleRows(f: ScaleFigure, label = ''): string {
  return [
    `scale: ${f.devices} devices at 1 Hz QoS 1 against one edge process${label}, ${f.steadyS.toFixed(0)} s steady`,
    `  provision ${f.devices} secrets ${f.provisionMs.toFixed(0)} ms · ` +
      (f.connected === f.devices
        ? `all connected in ${f.connectS.toFixed(1)} s`
        : `only ${f.connected} connected after ${f.connectS.toFixed(0)} s`),
    `  ${f.perSecond.toFixed(0)} msg/s sustained · ${f.acked} acked · ${f.lost} acked but not stored`,
    `  rejected ${f.rejected} · refused connections ${f.refusedConnections} · device errors ${f.deviceErrors} · dropped ${f.dropped}`,
    `  edge RSS peak ${f.edgeRssPeakMiB.toFixed(1)} MiB, at end ${f.edgeRssEndMiB.toFixed(1)} MiB`,
    `  memory under load (MiB): ${Object.entries(f.memoryMiB)
      .map(([part, mib]) => `${part} ${mib.toFixed(1)}`)
      .join(' · ')}`,
  ].join('\n');
}
