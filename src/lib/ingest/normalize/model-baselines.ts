/**
 * Baselines in the model: each baseline with the capabilities its controls name. A control names
 * the capability of the baseline's framework whose folded key (ids.ts capabilityKey, as the
 * capability pages merge spellings) is its own, so AC-2 names the capability spelled AC-02 and
 * the enhancement AC-2(1) only a capability with that enhancement's id, never its base control.
 */
import { capabilityKey, compareNatural } from '../../core/ids.ts';
import type { Baseline, BaselineFile, Capability } from '../../model/schema.ts';

/** The model's baselines, by id; a baseline of a framework the data lacks names no capability. */
export function modelBaselines(files: readonly BaselineFile[], capabilities: readonly Capability[]): Baseline[] {
  const byFramework = new Map<string, Map<string, string>>();
  for (const capability of capabilities) {
    let byKey = byFramework.get(capability.frameworkId);
    if (!byKey) byFramework.set(capability.frameworkId, (byKey = new Map()));
    byKey.set(capability.key, capability.id);
  }
  return [...files]
    .sort((a, b) => compareNatural(a.id, b.id))
    .map(({ format: _format, ...baseline }) => {
      const byKey = byFramework.get(baseline.frameworkId);
      const capabilityIds = new Set<string>();
      for (const control of baseline.controls) {
        const id = byKey?.get(capabilityKey(control));
        if (id) capabilityIds.add(id);
      }
      return { ...baseline, controls: [...baseline.controls], capabilityIds: [...capabilityIds] };
    });
}
