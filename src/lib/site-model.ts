/** The model the site renders, loaded once per build from the generated folder. */
import { generatedDir, modelPath, readModel } from './model-store.ts';

export const model = readModel(modelPath(generatedDir()));
