/** The only IPC channels between the kiosk's preload and main process. */
export const KIOSK_CHANNELS = {
  appVersion: 'galley-kiosk:app-version',
  keepScreenOn: 'galley-kiosk:keep-screen-on',
} as const;
