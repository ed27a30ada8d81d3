/** Where the Debian Chromium is: the browser tests and Lighthouse use it, never a downloaded one. */

/** The Chromium binary: $CHROMIUM_PATH, else /usr/bin/chromium. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env['CHROMIUM_PATH'] || '/usr/bin/chromium';
}
