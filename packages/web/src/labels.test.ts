import { describe, expect, it } from 'vitest';
import {
  capitalise,
  delegationLevelLabel,
  humanise,
  lineOfEffortName,
  plural,
  regionName,
} from './labels.ts';

describe('words for codes', () => {
  it('turns codes into words people read', () => {
    expect(humanise('needs_national_mandate')).toBe('Needs national mandate');
    expect(humanise('lead-matrix')).toBe('Lead matrix');
    expect(humanise('  _x_ ')).toBe('X');
    expect(capitalise('')).toBe('');
    expect(delegationLevelLabel('head_of_state_or_government')).toBe('Head of state or government');
    expect(delegationLevelLabel('deputy_minister')).toBe('Deputy minister');
  });

  it('counts with the right noun', () => {
    expect(plural(1, 'offer')).toBe('1 offer');
    expect(plural(0, 'offer')).toBe('0 offers');
    expect(plural(2, 'battery', 'batteries')).toBe('2 batteries');
  });

  it("names regions and lines of effort from core's catalogue, and leaves unknown codes readable", () => {
    expect(regionName('UA-46')).toBe('Lviv Oblast');
    expect(regionName('XX-99')).toBe('XX-99');
    expect(lineOfEffortName('no_such_line')).toBe('no such line');
  });
});
