/** The search worker: keeps the index and the searching off the page's main thread. */
import { createEngine } from './search-engine.ts';
import type { ToWorker } from './search-protocol.ts';

const handle = createEngine((message) => self.postMessage(message));
self.addEventListener('message', (event: MessageEvent<ToWorker>) => handle(event.data));
