import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { observationArb } from './contract.case.ts';
import { compileRules } from './rules.ts';
import { NodeStore } from './store.ts';
import { ObservationFields, readObservation, validateObservation } from './validate.ts';

const rules = compileRules();

function put(store: NodeStore, input: unknown, key: number) {
  const fields = new ObservationFields();
  readObservation(input, fields);
  return store.put(fields, key, rules);
}

describe('NodeStore', () => {
  it('gives back each observation as validateObservation returns it, field order included', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(observationArb, fc.option(fc.string())), { maxLength: 30 }), (items) => {
        const store = new NodeStore();
        const inputs = items.map(([o, remarks]) => (remarks === null ? o : { ...o, remarks }));
        for (const [key, o] of inputs.entries()) put(store, o, key);
        inputs.forEach((o, key) => {
          expect(JSON.stringify(store.observation(key))).toBe(JSON.stringify(validateObservation(o)));
          expect(store.node(key).uid).toBe(o.uid);
        });
      }),
    );
  });

  it('a reused key holds only its new observation (no remarks, polygon or strings left over)', () => {
    fc.assert(
      fc.property(observationArb, observationArb, fc.string(), (first, second, remarks) => {
        const store = new NodeStore();
        put(store, { ...first, remarks }, 0);
        store.release(0);
        const node = put(store, second, 0);
        expect(JSON.stringify(store.observation(0))).toBe(JSON.stringify(validateObservation(second)));
        expect(node.region.kind === 'sector').toBe(second.location.kind === 'bearing');
        expect(store.ring(0) === undefined).toBe(second.location.kind === 'point');
      }),
    );
  });

  it('grows past its first pages without losing a row', () => {
    const store = new NodeStore();
    const keys = [0, 1023, 1024, 4095, 4096, 10_000];
    const base = fc.sample(observationArb, { numRuns: keys.length, seed: 7 });
    for (const [i, key] of keys.entries()) put(store, { ...base[i]!, uid: `k${key}` }, key);
    keys.forEach((key, i) => {
      expect(store.uid(key)).toBe(`k${key}`);
      expect(store.observation(key).time).toEqual(base[i]!.time);
    });
  });
});
