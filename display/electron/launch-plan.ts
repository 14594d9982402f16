/** What `npm run kiosk` will start, decided from what is installed on this machine. */
export type LaunchPlan =
  | { kind: 'electron'; command: string; args: string[] }
  | { kind: 'chromium'; command: string; args: string[] }
  | { kind: 'none'; reason: string };

export interface LaunchInputs {
  edgeUrl: string;
  /** the Electron runtime, when `require('electron')` names one that runs */
  electronBinary: string | undefined;
  chromiumBinary: string | undefined;
  /** the bundled kiosk main process */
  mainScript: string;
  /** a profile of its own, so the kiosk never shares cookies or crash state with a desktop browser */
  profileDir: string;
  windowed: boolean;
}

/** Debian first: that is what our stores' boxes run. */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
];

/**
 * The real kiosk when Electron runs here; otherwise Chromium's own kiosk mode,
 * which shows the display but has no offline page, crash restart or bridge.
 */
export function planKioskLaunch(input: LaunchInputs): LaunchPlan {
  if (input.electronBinary) {
    return {
      kind: 'electron',
      command: input.electronBinary,
      args: [input.mainScript, '--url', input.edgeUrl, ...(input.windowed ? ['--windowed'] : [])],
    };
  }
  if (input.chromiumBinary) {
    return {
      kind: 'chromium',
      command: input.chromiumBinary,
      args: [
        ...(input.windowed ? [] : ['--kiosk']),
        `--app=${input.edgeUrl}`,
        '--autoplay-policy=no-user-gesture-required',
        `--user-data-dir=${input.profileDir}`,
        '--no-first-run',
        '--noerrdialogs',
        '--disable-session-crashed-bubble',
        '--disable-features=Translate',
      ],
    };
  }
  return {
    kind: 'none',
    reason: `neither the Electron runtime nor Chromium is installed (looked for ${CHROMIUM_CANDIDATES.join(', ')})`,
  };
}

/**
 * `require('electron')` answers the runtime's path when its binary was downloaded
 * and throws when the package is missing or was installed without it.
 */
export function findElectronBinary(
  requireElectron: () => unknown,
  isExecutable: (path: string) => boolean,
): string | undefined {
  let resolved: unknown;
  try {
    resolved = requireElectron();
  } catch {
    // Not installed, or installed as types only (ELECTRON_SKIP_BINARY_DOWNLOAD): no runtime.
    return undefined;
  }
  return typeof resolved === 'string' && isExecutable(resolved) ? resolved : undefined;
}

export function findChromium(
  isExecutable: (path: string) => boolean,
  candidates: readonly string[] = CHROMIUM_CANDIDATES,
): string | undefined {
  return candidates.find(isExecutable);
}

/** The line `npm run kiosk` prints, so nobody wonders which of the two they are looking at. */
export function describePlan(plan: LaunchPlan): string {
  switch (plan.kind) {
    case 'electron':
      return `Starting the Galley kiosk in Electron (${plan.command}).`;
    case 'chromium':
      return `Electron runtime not installed here: falling back to Chromium kiosk mode (${plan.command} ${plan.args.join(' ')}). No offline page, crash restart or kiosk bridge in this mode; with internet, \`node node_modules/electron/install.js\` installs the runtime.`;
    case 'none':
      return `Cannot start the kiosk: ${plan.reason}.`;
  }
}
