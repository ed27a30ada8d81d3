/** Where the Debian Chromium is: the browser tests and Lighthouse use it, never a downloaded one. */
import { readSetting, type Env } from '../../src/lib/config/settings.ts';

/** The Chromium binary: $CHROMIUM_PATH, else /usr/bin/chromium. */
export function chromiumPath(env: Env = process.env): string {
  return readSetting('chromium', env);
}
