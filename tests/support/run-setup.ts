/** Global setup of every `npm test` project: once every test file has run, remove what the run shared (tests/support/run-cache.ts). */
import { removeRunFolder } from './run-cache.ts';

export default function setup() {
  return removeRunFolder;
}
