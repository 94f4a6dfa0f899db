/**
 * A running count of work units (entries read, characters escaped, comparisons, Nix nodes
 * walked), added at every loop whose length depends on the input. It lets the robustness tests
 * assert that work grows linearly with the input without timing anything; it costs one integer
 * addition per loop and is not part of the public API.
 */
export const costMeter = { units: 0 };

export function addCost(units: number): void {
  costMeter.units += units;
}
